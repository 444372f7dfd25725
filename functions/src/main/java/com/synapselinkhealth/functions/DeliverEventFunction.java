package com.synapselinkhealth.functions;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.QueueTrigger;
import com.synapselinkhealth.app.LinkHealth;
import com.synapselinkhealth.azure.queues.StorageQueues;
import com.synapselinkhealth.delivery.Delivery;
import com.synapselinkhealth.delivery.DeliveryService;
import com.synapselinkhealth.delivery.json.DeliveryJson;
import com.synapselinkhealth.store.DeadLetter;
import java.util.function.Supplier;
import java.util.logging.Level;

/**
 * Works the delivery queue: one attempt to post one event to one flow. A failed attempt does not throw: the
 * delivery service queues the next attempt as a new message whose initial visibility is the retry delay, and this
 * message is done, so the host's own retries never fight the delivery schedule. Only an unexpected error (storage
 * unreachable) throws; the host then retries the message and, after {@code maxDequeueCount} tries, moves it to
 * {@code linkhealth-delivery-poison} (kept as a dead letter on the last try). A message that is not a delivery is
 * kept as a dead letter and not retried.
 */
public final class DeliverEventFunction {
    public static final String QUEUE = StorageQueues.DELIVERY;

    private final Supplier<LinkHealth> app;

    public DeliverEventFunction() {
        this(LinkHealth::shared);
    }

    public DeliverEventFunction(Supplier<LinkHealth> app) {
        this.app = app;
    }

    @FunctionName("DeliverEvent")
    public void run(
        @QueueTrigger(name = "message", queueName = QUEUE, connection = "AzureWebJobsStorage") String message,
        @BindingName("DequeueCount") long dequeueCount,
        ExecutionContext context) {
        LinkHealth health = app.get();
        Delivery delivery;
        try {
            delivery = DeliveryJson.read(message);
        } catch (IllegalArgumentException e) {
            keep(health, "unreadable-message", e.getMessage(), message, dequeueCount);
            context.getLogger().log(Level.SEVERE, () -> "Delivery queue message is not a delivery; kept as a dead letter: "
                + e.getMessage());
            return;
        }
        try {
            DeliveryService.Step step = health.delivery().attempt(delivery);
            context.getLogger().fine(() -> "Delivery of event " + delivery.eventId() + " to subscription "
                + delivery.subscriptionId() + ", attempt " + (delivery.attemptsMade() + 1) + ": " + step);
        } catch (RuntimeException e) {
            if (dequeueCount >= health.settings().maxDequeueCount()) {
                keep(health, "poison", "Gave up after " + dequeueCount + " tries: " + e, message, dequeueCount);
                context.getLogger().log(Level.SEVERE, "Delivery of event " + delivery.eventId() + " to subscription "
                    + delivery.subscriptionId() + " failed on its last try and is poison; kept as a dead letter", e);
            } else {
                context.getLogger().log(Level.WARNING, "Delivery of event " + delivery.eventId() + " to subscription "
                    + delivery.subscriptionId() + " failed unexpectedly on try " + dequeueCount + "; the queue will retry it", e);
            }
            throw e;
        }
    }

    private static void keep(LinkHealth health, String reason, String detail, String message, long tries) {
        health.deadLetters().put(DeadLetter.queueMessage(health.clock().instant(), "delivery-queue", reason, detail, tries,
            message));
    }
}
