package com.synapselinkhealth.memory;

import com.synapselinkhealth.ingest.IngestQueue;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ObjLongConsumer;

/**
 * An in-process stand-in for the Storage queue between the webhook and its processor, with the same
 * semantics the Functions host gives a queue trigger: each message is handed to the consumer with its dequeue
 * count; a failure makes it visible again after a back-off, and after {@code maxDequeueCount} failed tries it
 * is moved to the poison list. Messages live only in memory: a local run that stops loses what is queued.
 */
public final class InMemoryIngestQueue implements IngestQueue {
    private final ObjLongConsumer<String> consumer;
    private final int maxDequeueCount;
    private final long retryDelayMillis;
    private final ScheduledExecutorService workers;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final List<String> poison = new ArrayList<>();

    /**
     * @param consumer called with a message and its dequeue count (1 on the first try); throws to fail
     * @param retryDelayMillis back-off before the first retry, doubled on each further one
     */
    public InMemoryIngestQueue(ObjLongConsumer<String> consumer, int maxDequeueCount, long retryDelayMillis, int threads) {
        this.consumer = Objects.requireNonNull(consumer, "'consumer' cannot be null.");
        this.maxDequeueCount = maxDequeueCount;
        this.retryDelayMillis = retryDelayMillis;
        this.workers = Executors.newScheduledThreadPool(threads, r -> {
            Thread t = new Thread(r, "linkhealth-queue");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public void add(String message) {
        inFlight.incrementAndGet();
        workers.execute(() -> deliver(message, 1));
    }

    private void deliver(String message, long dequeueCount) {
        try {
            consumer.accept(message, dequeueCount);
            inFlight.decrementAndGet();
        } catch (RuntimeException e) {
            if (dequeueCount >= maxDequeueCount) {
                synchronized (poison) {
                    poison.add(message);
                }
                inFlight.decrementAndGet();
            } else {
                long delay = retryDelayMillis << Math.min(10, dequeueCount - 1);
                workers.schedule(() -> deliver(message, dequeueCount + 1), delay, TimeUnit.MILLISECONDS);
            }
        }
    }

    /** Messages queued or being retried. */
    public int pending() {
        return inFlight.get();
    }

    /** Waits until nothing is queued or retrying, at most {@code timeoutMillis}. @return true when drained */
    @Override
    public boolean awaitDrained(long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (inFlight.get() > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }

    @Override
    public List<String> poisonMessages() {
        synchronized (poison) {
            return List.copyOf(poison);
        }
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }
}
