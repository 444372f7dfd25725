package com.synapselinkhealth.app;

import com.synapselinkhealth.azure.queues.StorageDeliveryQueue;
import com.synapselinkhealth.azure.queues.StorageQueues;
import com.synapselinkhealth.delivery.CallbackAddressPolicy;
import com.synapselinkhealth.delivery.DeliveryQueue;
import com.synapselinkhealth.delivery.DeliveryService;
import com.synapselinkhealth.delivery.RetrySchedule;
import com.synapselinkhealth.delivery.http.CallbackSender;
import com.synapselinkhealth.health.cloudevents.ReadyToPostEvents;
import com.synapselinkhealth.memory.InMemoryDeliveryQueue;
import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The delivery of events to the flows: the delivery queue (the Azure Storage queue when storage is configured, else
 * one in this process that works its deliveries itself) and the delivery service, made on first use: its HTTP client
 * (Netty) is not needed to accept a webhook, so it is not built at start-up.
 */
final class Deliveries implements AutoCloseable {
    private final Stores stores;
    private final DeliveryQueue queue;
    private final CallbackAddressPolicy callbackPolicy;
    private final RetrySchedule retrySchedule;
    private final ReadyToPostEvents readyToPost;
    private final Clock clock;
    private DeliveryService service;

    /** @param storageQueues the Azure Storage queues, or {@code null} for a queue in this process */
    Deliveries(Stores stores, StorageQueues storageQueues, CallbackAddressPolicy callbackPolicy,
               RetrySchedule retrySchedule, ReadyToPostEvents readyToPost, Clock clock) {
        this.stores = stores;
        this.queue = storageQueues == null ? new InMemoryDeliveryQueue(16) : new StorageDeliveryQueue(storageQueues);
        this.callbackPolicy = callbackPolicy;
        this.retrySchedule = retrySchedule;
        this.readyToPost = readyToPost;
        this.clock = clock;
    }

    synchronized DeliveryService service() {
        if (service == null) {
            service = new DeliveryService(stores.subscriptions(), queue, stores.deliveryLedger(),
                new CallbackSender(callbackPolicy), stores.deadLetters(), retrySchedule, clock,
                () -> ThreadLocalRandom.current().nextDouble(), readyToPost::toJson);
            if (queue instanceof InMemoryDeliveryQueue local) {
                local.workWith(service::attempt);
            }
        }
        return service;
    }

    /** Waits until no delivery is due or waiting for a retry (on the Storage queue: until it is empty). */
    boolean awaitIdle(long timeoutMillis) throws InterruptedException {
        return queue instanceof InMemoryDeliveryQueue local ? local.awaitIdle(timeoutMillis)
            : ((StorageDeliveryQueue) queue).awaitEmpty(timeoutMillis);
    }

    @Override
    public void close() {
        if (queue instanceof InMemoryDeliveryQueue local) {
            local.close();
        }
    }
}
