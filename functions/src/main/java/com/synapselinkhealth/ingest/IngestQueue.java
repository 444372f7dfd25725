package com.synapselinkhealth.ingest;

import java.util.List;

/**
 * The queue between accepting a callback and processing it, as {@code serve} runs it: in this process
 * ({@code InMemoryIngestQueue}) or on Azure Storage ({@code StorageIngestQueue}), with the Functions host's retry and poison
 * semantics either way.
 */
public interface IngestQueue extends AutoCloseable {
    /**
     * The Azure Storage queue of accepted callbacks: the webhook's queue output and the {@code ProcessIngestQueue}
     * function's trigger (a compile-time constant, for their annotations).
     */
    String NAME = "linkhealth-ingest";

    /** Queues an accepted change (the webhook's queue output). */
    void add(String message);

    /** Waits until nothing is queued or being processed, at most {@code timeoutMillis}. @return true when drained */
    boolean awaitDrained(long timeoutMillis) throws InterruptedException;

    /** Messages that failed every try (the first few, for a look). */
    List<String> poisonMessages();

    @Override
    void close();
}
