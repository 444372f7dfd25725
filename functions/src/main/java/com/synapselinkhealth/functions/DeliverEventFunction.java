package com.synapselinkhealth.functions;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.QueueTrigger;
import com.synapselinkhealth.app.LinkHealth;
import com.synapselinkhealth.delivery.Delivery;
import com.synapselinkhealth.delivery.DeliveryService;
import java.util.function.Supplier;

/**
 * Works the delivery queue: one attempt to post one event to one flow. A failed attempt does not throw: the
 * delivery service queues the next attempt as a new message whose initial visibility is the retry delay, and this
 * message is done, so the host's own retries never fight the delivery schedule. Only an unexpected error (storage
 * unreachable) throws; the host then retries the message and, after {@code maxDequeueCount} tries, moves it to
 * {@code linkhealth-delivery-poison} (kept as a dead letter on the last try). A message that is not a delivery is
 * kept as a dead letter and not retried.
 */
public final class DeliverEventFunction {
    public static final String QUEUE = LinkHealth.DELIVERY_QUEUE;

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
        LinkHealth app = this.app.get();
        QueueMessageLog<Delivery> log = new QueueMessageLog<>(context.getLogger(), "Delivery queue message is not a delivery",
            d -> "Delivery of event " + d.eventId() + " to subscription " + d.subscriptionId(), "try", "unexpectedly on try");
        app.deliveryMessages().handle(message, dequeueCount, (delivery, lastTry) -> {
            DeliveryService.Step step = app.delivery().attempt(delivery);
            log.logger().fine(() -> "Delivery of event " + delivery.eventId() + " to subscription "
                + delivery.subscriptionId() + ", attempt " + (delivery.attemptsMade() + 1) + ": " + step);
        }, log);
    }
}
