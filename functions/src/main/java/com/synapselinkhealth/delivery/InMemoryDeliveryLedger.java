package com.synapselinkhealth.delivery;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Delivered keys in memory, the newest {@code capacity} kept. */
public final class InMemoryDeliveryLedger implements DeliveryLedger {
    private final Set<String> delivered;

    public InMemoryDeliveryLedger(int capacity) {
        this.delivered = Collections.synchronizedSet(Collections.newSetFromMap(new LinkedHashMap<>(16, 0.75f, false) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        }));
    }

    @Override
    public boolean recordDelivered(String deliveryKey) {
        return delivered.add(deliveryKey);
    }

    @Override
    public boolean isDelivered(String deliveryKey) {
        return delivered.contains(deliveryKey);
    }
}
