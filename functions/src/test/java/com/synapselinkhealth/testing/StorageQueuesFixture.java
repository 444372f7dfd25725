package com.synapselinkhealth.testing;

import com.azure.storage.queue.QueueClient;
import com.synapselinkhealth.azure.queues.StorageQueues;
import java.util.List;

/**
 * The app's fixed queues ({@code linkhealth-ingest}, {@code linkhealth-delivery} and their poison queues) on the
 * test run's Azurite. Their names are fixed by the function bindings, so the tests that run whole apps on them
 * start from empty queues (test classes run one after another).
 */
public final class StorageQueuesFixture {
    private StorageQueuesFixture() {
    }

    public static StorageQueues queues() {
        return StorageQueues.connectionString(Azurite.connectionString());
    }

    /** Empties the app's queues (creating them when missing). */
    public static void clear() {
        for (String name : List.of(StorageQueues.INGEST, StorageQueues.DELIVERY,
            StorageQueues.INGEST + StorageQueues.POISON_SUFFIX, StorageQueues.DELIVERY + StorageQueues.POISON_SUFFIX)) {
            QueueClient queue = queues().queue(name);
            queue.createIfNotExists();
            queue.clearMessages();
        }
    }

    /** Messages on the queue, visible or not. */
    public static int count(String name) {
        return queues().queue(name).getProperties().getApproximateMessagesCount();
    }
}
