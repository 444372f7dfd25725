package com.synapselinkhealth.app;

import com.synapselinkhealth.azure.queues.QueueConsumer;
import com.synapselinkhealth.azure.queues.StorageIngestQueue;
import com.synapselinkhealth.azure.queues.StorageQueues;
import com.synapselinkhealth.config.QueueTimings;
import com.synapselinkhealth.ingest.IngestQueue;
import com.synapselinkhealth.memory.InMemoryIngestQueue;
import java.util.function.ObjLongConsumer;

/**
 * The queues a host on this machine works in its own process, as the Functions host works them in Azure: the ingest
 * queue that feeds the queue-triggered processor, with the host's retry and poison semantics, and, when the app keeps
 * its state in Azure Storage, a consumer of the delivery queue. Without storage the ingest queue is in memory and the
 * app delivers on its own in-memory queue.
 */
public final class LocalQueues implements AutoCloseable {
    /** Retries of the in-memory ingest queue come this many milliseconds after a failure. */
    private static final long IN_MEMORY_RETRY_DELAY_MILLIS = 200;
    /** Threads of the in-memory ingest queue. */
    private static final int IN_MEMORY_THREADS = 2;
    /** 16 deliveries at once, as host.json's queues.batchSize: a flow that hangs until the 30 s timeout holds one each. */
    private static final int DELIVERY_BATCH = 16;

    private final IngestQueue ingest;
    /** The delivery queue's consumer, or null when the app delivers in memory. */
    private final QueueConsumer deliveries;

    private LocalQueues(IngestQueue ingest, QueueConsumer deliveries) {
        this.ingest = ingest;
        this.deliveries = deliveries;
    }

    /**
     * Opens the queues of {@code app} and starts working them (unless the settings hold the storage queues).
     *
     * @param processIngest runs one ingest message, given with its dequeue count, as {@code ProcessIngestQueue} does
     * @param deliver runs one delivery message, given with its dequeue count, as {@code DeliverEvent} does; called only
     *     when the queues are in Azure Storage
     */
    public static LocalQueues open(LinkHealth app, ObjLongConsumer<String> processIngest, ObjLongConsumer<String> deliver) {
        StorageQueues storage = app.storageQueues().orElse(null);
        int maxDequeueCount = app.settings().maxDequeueCount();
        if (storage == null) {
            return new LocalQueues(new InMemoryIngestQueue(processIngest, maxDequeueCount, IN_MEMORY_RETRY_DELAY_MILLIS,
                IN_MEMORY_THREADS), null);
        }
        // the Functions host's queues: ProcessIngestQueue and DeliverEvent, worked here as the host would
        QueueTimings timings = QueueTimings.from(app.settings());
        IngestQueue ingest = new StorageIngestQueue(storage, processIngest, maxDequeueCount, timings);
        QueueConsumer deliveries = new QueueConsumer(storage, StorageQueues.DELIVERY, deliver, maxDequeueCount,
            timings.visibility(), timings.retryDelay(), DELIVERY_BATCH);
        if (!timings.holdQueues()) {
            deliveries.start();
        }
        return new LocalQueues(ingest, deliveries);
    }

    /** The ingest queue: the webhook's queue output is added to it. */
    public IngestQueue ingest() {
        return ingest;
    }

    /** Stops working the queues. */
    @Override
    public void close() {
        ingest.close();
        if (deliveries != null) {
            deliveries.close();
        }
    }
}
