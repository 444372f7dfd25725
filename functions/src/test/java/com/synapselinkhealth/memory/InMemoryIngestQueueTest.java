package com.synapselinkhealth.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** The in-process ingest queue keeps the host's queue-trigger semantics: retries by dequeue count, then poison. */
class InMemoryIngestQueueTest {
    private static final int MAX_DEQUEUE_COUNT = 5;

    /** Each message's dequeue counts, and the time of each try, in the order they happened. */
    private final Map<String, List<Long>> tries = new ConcurrentHashMap<>();
    private final Map<String, List<Long>> times = new ConcurrentHashMap<>();

    private void record(String message, long dequeueCount) {
        tries.computeIfAbsent(message, m -> new ArrayList<>()).add(dequeueCount);
        times.computeIfAbsent(message, m -> new ArrayList<>()).add(System.nanoTime());
    }

    @Test
    void aConsumerFailingTwiceIsRetriedWithIncreasingDequeueCountsUntilItSucceeds() throws Exception {
        try (InMemoryIngestQueue queue = new InMemoryIngestQueue((message, dequeueCount) -> {
            record(message, dequeueCount);
            if (dequeueCount <= 2) {
                throw new IllegalStateException("try " + dequeueCount + " fails");
            }
        }, MAX_DEQUEUE_COUNT, 20, 2)) {
            queue.add("m1");
            assertTrue(queue.awaitDrained(10_000));
            assertEquals(List.of(1L, 2L, 3L), tries.get("m1"));
            assertTrue(queue.poisonMessages().isEmpty());
            assertEquals(0, queue.pending());
            List<Long> t = times.get("m1");
            // back-off: at least the retry delay before the first retry, doubled before the second
            assertTrue(t.get(1) - t.get(0) >= 15_000_000L, "first retry too soon");
            assertTrue(t.get(2) - t.get(1) >= 35_000_000L, "second retry too soon");
        }
    }

    @Test
    void aMessageThatAlwaysFailsEndsInPoisonAfterMaxDequeueCountTries() throws Exception {
        try (InMemoryIngestQueue queue = new InMemoryIngestQueue((message, dequeueCount) -> {
            record(message, dequeueCount);
            if (message.startsWith("bad")) {
                throw new IllegalArgumentException("never works");
            }
        }, MAX_DEQUEUE_COUNT, 1, 2)) {
            queue.add("bad-1");
            queue.add("good-1");
            assertTrue(queue.awaitDrained(10_000));
            assertEquals(List.of(1L, 2L, 3L, 4L, 5L), tries.get("bad-1"));
            assertEquals(List.of(1L), tries.get("good-1"));
            assertEquals(List.of("bad-1"), queue.poisonMessages());
            assertEquals(0, queue.pending());
        }
    }

    @Test
    void pendingCountsMessagesUntilTheyAreDone() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        try (InMemoryIngestQueue queue = new InMemoryIngestQueue((message, dequeueCount) -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, MAX_DEQUEUE_COUNT, 1, 1)) {
            queue.add("a");
            queue.add("b");
            assertEquals(2, queue.pending());
            assertTrue(!queue.awaitDrained(50), "drained while the consumer is blocked");
            release.countDown();
            assertTrue(queue.awaitDrained(10_000));
            assertEquals(0, queue.pending());
        }
    }
}
