package com.synapselinkhealth.delivery;

import java.time.Duration;

/** Deliveries waiting for their next attempt. */
public interface DeliveryQueue {
    /** Makes the delivery due after {@code delay}. */
    void schedule(Delivery delivery, Duration delay);
}
