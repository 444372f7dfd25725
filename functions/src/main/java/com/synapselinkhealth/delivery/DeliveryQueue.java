package com.synapselinkhealth.delivery;

import java.time.Duration;

/** Deliveries waiting for their next attempt. */
public interface DeliveryQueue {
    /**
     * The Azure Storage queue of deliveries due: the {@code DeliverEvent} function's trigger (a compile-time constant,
     * for its annotation).
     */
    String NAME = "linkhealth-delivery";

    /** Makes the delivery due after {@code delay}. */
    void schedule(Delivery delivery, Duration delay);
}
