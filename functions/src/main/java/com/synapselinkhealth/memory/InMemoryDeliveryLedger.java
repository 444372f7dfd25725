package com.synapselinkhealth.memory;

import com.synapselinkhealth.store.DeliveryLedger;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ledger of one process, the newest {@code capacity} deliveries kept. Claims have no lease: a process that
 * dies loses its queue with them.
 */
public final class InMemoryDeliveryLedger implements DeliveryLedger {
    /** Where one delivery stands: the last claimed attempt, whether it is being made, and the outcome once over. */
    private record Entry(int attempt, boolean sending, Outcome outcome) {
    }

    private final Map<String, Entry> entries;

    public InMemoryDeliveryLedger(int capacity) {
        this.entries = new LinkedHashMap<>(16, 0.75f, false) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > capacity;
            }
        };
    }

    @Override
    public synchronized Claim claim(String deliveryKey, int attempt) {
        Entry entry = entries.get(deliveryKey);
        if (entry != null && entry.outcome != null) {
            return Claim.FINISHED;
        }
        if (entry != null && attempt <= entry.attempt) {
            return Claim.TAKEN;
        }
        entries.put(deliveryKey, new Entry(attempt, true, null));
        return Claim.CLAIMED;
    }

    /** No lease: in one process, the worker making an attempt finishes it or the process is gone with it. */
    @Override
    public Duration lease() {
        return Duration.ZERO;
    }

    @Override
    public synchronized void release(String deliveryKey, int attempt) {
        Entry entry = entries.get(deliveryKey);
        if (entry != null && entry.outcome == null && entry.attempt == attempt) {
            entries.put(deliveryKey, new Entry(attempt, false, null));
        }
    }

    @Override
    public synchronized void abandon(String deliveryKey, int attempt) {
        Entry entry = entries.get(deliveryKey);
        if (entry != null && entry.outcome == null && entry.attempt == attempt && entry.sending) {
            entries.put(deliveryKey, new Entry(attempt - 1, false, null));
        }
    }

    @Override
    public synchronized void finish(String deliveryKey, Outcome outcome) {
        Entry entry = entries.get(deliveryKey);
        if (entry == null || entry.outcome == null) {
            entries.put(deliveryKey, new Entry(entry == null ? 0 : entry.attempt, false, outcome));
        }
    }

    @Override
    public synchronized boolean isFinished(String deliveryKey) {
        Entry entry = entries.get(deliveryKey);
        return entry != null && entry.outcome != null;
    }

    @Override
    public synchronized boolean isDelivered(String deliveryKey) {
        Entry entry = entries.get(deliveryKey);
        return entry != null && entry.outcome == Outcome.DELIVERED;
    }
}
