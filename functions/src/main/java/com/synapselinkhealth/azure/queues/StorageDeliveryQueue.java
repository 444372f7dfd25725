package com.synapselinkhealth.azure.queues;

import com.azure.core.util.Context;
import com.azure.storage.queue.QueueClient;
import com.synapselinkhealth.delivery.Delivery;
import com.synapselinkhealth.delivery.DeliveryQueue;
import com.synapselinkhealth.delivery.json.DeliveryJson;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Pending deliveries on an Azure Storage queue ({@value StorageQueues#DELIVERY}): one message per delivery and
 * attempt ({@link DeliveryJson}), sent with the wait before the attempt as its initial visibility delay, so a
 * retry sleeps in the queue, not in a process. The {@code DeliverEvent} function (in Azure) or {@code serve}'s
 * consumer makes the attempt.
 */
public final class StorageDeliveryQueue implements DeliveryQueue {
    /** The longest initial visibility Azure allows. */
    static final Duration MAX_DELAY = Duration.ofDays(7);
    /** A queue message is at most 64 KiB; base64 makes 3 bytes 4. */
    static final int MAX_MESSAGE_BYTES = 48 * 1024;

    private final QueueClient queue;
    private volatile boolean created;

    public StorageDeliveryQueue(StorageQueues queues) {
        this(queues, StorageQueues.DELIVERY);
    }

    public StorageDeliveryQueue(StorageQueues queues, String name) {
        this.queue = queues.queue(name);
    }

    @Override
    public void schedule(Delivery delivery, Duration delay) {
        String message = DeliveryJson.write(delivery);
        if (message.getBytes(StandardCharsets.UTF_8).length > MAX_MESSAGE_BYTES) {
            throw new IllegalArgumentException("The delivery of event " + delivery.eventId() + " is over the "
                + MAX_MESSAGE_BYTES + " bytes a queue message can hold.");
        }
        Duration visibility = delay.isNegative() ? Duration.ZERO : delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay;
        // Storage takes whole seconds; round up so a retry never comes early
        long seconds = (visibility.toMillis() + 999) / 1000;
        ensureQueue();
        queue.sendMessageWithResponse(message, Duration.ofSeconds(seconds), null, null, Context.NONE);
    }

    /** Messages on the queue, visible or waiting (approximate, as Azure counts them). */
    public int pending() {
        ensureQueue();
        return queue.getProperties().getApproximateMessagesCount();
    }

    /** Waits until the queue holds no message, at most {@code timeoutMillis}. */
    public boolean awaitEmpty(long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (pending() > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    private void ensureQueue() {
        if (!created) {
            queue.createIfNotExists();
            created = true;
        }
    }
}
