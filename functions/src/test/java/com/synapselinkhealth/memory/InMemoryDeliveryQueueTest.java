package com.synapselinkhealth.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.synapselinkhealth.delivery.Delivery;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** How the in-process delivery queue runs attempts: per-subscription limits and one attempt per delivery at a time. */
class InMemoryDeliveryQueueTest {
    private final Map<String, AtomicInteger> running = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> most = new ConcurrentHashMap<>();
    private final AtomicInteger attempts = new AtomicInteger();

    /** Records how many attempts of each key (or subscription) run at once, holding each for a moment. */
    private void attempt(String key) {
        int now = running.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        most.computeIfAbsent(key, k -> new AtomicInteger()).accumulateAndGet(now, Math::max);
        try {
            Thread.sleep(30);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            running.get(key).decrementAndGet();
            attempts.incrementAndGet();
        }
    }

    @Test
    void theSameDeliveryScheduledTwiceAtOnceIsNeverAttemptedTwiceAtOnce() throws Exception {
        try (InMemoryDeliveryQueue queue = new InMemoryDeliveryQueue(8, 4)) {
            queue.workWith(d -> attempt(d.key()));
            for (int i = 0; i < 5; i++) {
                queue.schedule(Delivery.first("sub", "event-1", "{}"), Duration.ZERO);
                queue.schedule(Delivery.first("sub", "event-2", "{}"), Duration.ZERO);
            }
            assertTrue(queue.awaitIdle(10_000));
            assertEquals(10, attempts.get(), "every scheduled attempt runs (the service skips what is delivered)");
            assertEquals(1, most.get("sub/event-1").get());
            assertEquals(1, most.get("sub/event-2").get());
        }
    }

    @Test
    void oneSubscriptionNeverHoldsMoreThanItsShareOfTheWorkers() throws Exception {
        try (InMemoryDeliveryQueue queue = new InMemoryDeliveryQueue(8, 2)) {
            queue.workWith(d -> attempt(d.subscriptionId()));
            for (int i = 0; i < 20; i++) {
                queue.schedule(Delivery.first("busy", "event-" + i, "{}"), Duration.ZERO);
                queue.schedule(Delivery.first("other", "event-" + i, "{}"), Duration.ZERO);
            }
            assertTrue(queue.awaitIdle(10_000));
            assertEquals(40, attempts.get());
            assertEquals(2, most.get("busy").get());
            assertEquals(2, most.get("other").get());
        }
    }
}
