package com.synapselinkhealth.delivery;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The delivery queue of one process: due deliveries run on a small pool; waiting ones sit on a timer. */
public final class InMemoryDeliveryQueue implements DeliveryQueue, AutoCloseable {
    private static final Logger LOG = Logger.getLogger("linkhealth.delivery");

    private final ScheduledExecutorService workers;
    private final AtomicInteger pending = new AtomicInteger();
    private volatile Consumer<Delivery> worker;

    public InMemoryDeliveryQueue(int threads) {
        this.workers = Executors.newScheduledThreadPool(threads, r -> {
            Thread t = new Thread(r, "linkhealth-delivery");
            t.setDaemon(true);
            return t;
        });
    }

    /** Who makes the attempts (set once, after the delivery service exists). */
    public void workWith(Consumer<Delivery> worker) {
        this.worker = Objects.requireNonNull(worker, "'worker' cannot be null.");
    }

    @Override
    public void schedule(Delivery delivery, Duration delay) {
        pending.incrementAndGet();
        workers.schedule(() -> {
            try {
                worker.accept(delivery);
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "delivery attempt failed unexpectedly for event " + delivery.eventId(), e);
            } finally {
                pending.decrementAndGet();
            }
        }, Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
    }

    /** Deliveries due or waiting for a retry. */
    public int pending() {
        return pending.get();
    }

    /** Waits until no delivery is due or waiting, at most {@code timeoutMillis}. */
    public boolean awaitIdle(long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (pending.get() > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }
}
