package com.synapselinkhealth.delivery;

/** Which deliveries already succeeded, so a republished event is not posted to the same flow again. */
public interface DeliveryLedger {
    /** @return true when the delivery was not recorded before */
    boolean recordDelivered(String deliveryKey);

    boolean isDelivered(String deliveryKey);
}
