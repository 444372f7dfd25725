package com.synapselinkhealth.azure.queues;

import com.azure.storage.queue.QueueClient;
import com.azure.storage.queue.models.PeekedMessageItem;
import com.azure.storage.queue.models.QueueStorageException;
import com.synapselinkhealth.config.QueueTimings;
import com.synapselinkhealth.ingest.IngestQueue;
import java.util.List;
import java.util.function.ObjLongConsumer;

/**
 * {@code serve}'s ingest queue on Azure Storage: the same {@value StorageQueues#INGEST} queue the webhook's output
 * binding writes and {@code ProcessIngestQueue} reads in Azure, so {@code serve} and the Functions host can share
 * it. An accepted callback is durable before it is answered 202; a {@link QueueConsumer} processes it (unless the
 * test-only hold is set).
 */
public final class StorageIngestQueue implements IngestQueue {
    private static final int CONCURRENCY = 4;

    private final QueueClient queue;
    private final QueueClient poison;
    private final QueueConsumer consumer;

    /** @param processor called with a message and its dequeue count; throws to fail */
    public StorageIngestQueue(StorageQueues queues, ObjLongConsumer<String> processor, int maxDequeueCount,
                              QueueTimings timings) {
        this(queues, StorageQueues.INGEST, processor, maxDequeueCount, timings);
    }

    StorageIngestQueue(StorageQueues queues, String name, ObjLongConsumer<String> processor, int maxDequeueCount,
                       QueueTimings timings) {
        this.queue = queues.queue(name);
        this.poison = queues.queue(name + StorageQueues.POISON_SUFFIX);
        queue.createIfNotExists();
        this.consumer = new QueueConsumer(queues, name, processor, maxDequeueCount, timings.visibility(),
            timings.retryDelay(), CONCURRENCY);
        if (!timings.holdQueues()) {
            consumer.start();
        }
    }

    @Override
    public void add(String message) {
        queue.sendMessage(message);
    }

    @Override
    public boolean awaitDrained(long timeoutMillis) throws InterruptedException {
        return consumer.awaitIdle(timeoutMillis);
    }

    @Override
    public List<String> poisonMessages() {
        try {
            return poison.peekMessages(32, null, null).stream().map(PeekedMessageItem::getBody).map(Object::toString)
                .toList();
        } catch (QueueStorageException e) {
            if (e.getStatusCode() == 404) {
                return List.of(); // no poison queue: nothing ever failed
            }
            throw e;
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
