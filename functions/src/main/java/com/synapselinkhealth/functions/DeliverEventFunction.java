package com.synapselinkhealth.functions;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.QueueTrigger;
import com.synapselinkhealth.delivery.Delivery;
import com.synapselinkhealth.delivery.DeliveryQueue;
import com.synapselinkhealth.delivery.DeliveryService;
import com.synapselinkhealth.ingest.QueueMessageHandler;

/**
 * Works the delivery queue: one attempt to post one event to one flow. A failed attempt does not throw: the
 * delivery service queues the next attempt as a new message whose initial visibility is the retry delay, and this
 * message is done, so the host's own retries never fight the delivery schedule. Only an unexpected error (storage
 * unreachable) throws; the host then retries the message and, after {@code maxDequeueCount} tries, moves it to
 * {@code linkhealth-delivery-poison} (kept as a dead letter on the last try). A message that is not a delivery is
 * kept as a dead letter and not retried.
 */
public final class DeliverEventFunction {
    public static final String QUEUE = DeliveryQueue.NAME;

    private final QueueMessageHandler<Delivery> messages;
    private final DeliveryService delivery;

    public DeliverEventFunction(QueueMessageHandler<Delivery> messages, DeliveryService delivery) {
        this.messages = messages;
        this.delivery = delivery;
    }

    @FunctionName("DeliverEvent")
    public void run(
        @QueueTrigger(name = "message", queueName = QUEUE, connection = "AzureWebJobsStorage") String message,
        @BindingName("DequeueCount") long dequeueCount,
        ExecutionContext context) {
        QueueMessageLog<Delivery> log = new QueueMessageLog<>(context.getLogger(), "Delivery queue message is not a delivery",
            d -> "Delivery of event " + d.eventId() + " to subscription " + d.subscriptionId(), "try", "unexpectedly on try");
        messages.handle(message, dequeueCount, (delivery, lastTry) -> {
            DeliveryService.Step step = this.delivery.attempt(delivery);
            log.logger().fine(() -> "Delivery of event " + delivery.eventId() + " to subscription "
                + delivery.subscriptionId() + ", attempt " + (delivery.attemptsMade() + 1) + ": " + step);
        }, log);
    }
}
