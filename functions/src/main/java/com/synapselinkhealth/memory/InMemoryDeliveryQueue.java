package com.synapselinkhealth.memory;

import com.synapselinkhealth.delivery.Delivery;
import com.synapselinkhealth.delivery.DeliveryQueue;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The delivery queue of one process: due deliveries run on a small pool; waiting ones sit on a timer. One
 * subscription never has more than {@code perSubscription} attempts running at once (the rest of its due deliveries
 * wait their turn), so a flow whose endpoint hangs until the timeout holds at most that many threads and the other
 * flows keep getting their events. Two attempts of the same delivery (the same event published twice, as a
 * re-run outbox flush does) never run at once, so the second sees the first recorded as delivered and skips.
 */
public final class InMemoryDeliveryQueue implements DeliveryQueue, AutoCloseable {
    private static final Logger LOG = Logger.getLogger("linkhealth.delivery");

    private final ScheduledExecutorService workers;
    private final int perSubscription;
    private final AtomicInteger pending = new AtomicInteger();
    /** Due deliveries per subscription; guarded by {@code lanes}. */
    private final Map<String, Lane> lanes = new HashMap<>();
    private volatile Consumer<Delivery> worker;

    /** Attempts running and due deliveries waiting for one subscription. */
    private static final class Lane {
        int running;
        final Set<String> runningKeys = new HashSet<>();
        final ArrayDeque<Delivery> waiting = new ArrayDeque<>();

        /** The first waiting delivery whose key is not being attempted, taken off the queue; or null. */
        Delivery takeRunnable() {
            for (Iterator<Delivery> it = waiting.iterator(); it.hasNext(); ) {
                Delivery d = it.next();
                if (!runningKeys.contains(d.key())) {
                    it.remove();
                    return d;
                }
            }
            return null;
        }
    }

    /** {@code threads} workers, a quarter of them (at least one) for any one subscription. */
    public InMemoryDeliveryQueue(int threads) {
        this(threads, Math.max(1, threads / 4));
    }

    public InMemoryDeliveryQueue(int threads, int perSubscription) {
        if (perSubscription < 1 || perSubscription > threads) {
            throw new IllegalArgumentException("'perSubscription' must be from 1 to 'threads'.");
        }
        this.perSubscription = perSubscription;
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
        workers.schedule(() -> due(delivery), Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
    }

    /** The delivery's wait is over: attempt it now, or queue it behind its subscription's running attempts. */
    private void due(Delivery delivery) {
        synchronized (lanes) {
            Lane lane = lanes.computeIfAbsent(delivery.subscriptionId(), k -> new Lane());
            if (lane.running >= perSubscription || lane.runningKeys.contains(delivery.key())) {
                lane.waiting.add(delivery);
                return;
            }
            lane.running++;
            lane.runningKeys.add(delivery.key());
        }
        attempt(delivery);
    }

    private void attempt(Delivery delivery) {
        try {
            worker.accept(delivery);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "delivery attempt failed unexpectedly for event " + delivery.eventId(), e);
        } finally {
            pending.decrementAndGet();
            Delivery next;
            synchronized (lanes) {
                Lane lane = lanes.get(delivery.subscriptionId());
                lane.runningKeys.remove(delivery.key());
                next = lane.takeRunnable();
                if (next != null) {
                    lane.runningKeys.add(next.key());
                } else if (--lane.running == 0) {
                    lanes.remove(delivery.subscriptionId());
                }
            }
            if (next != null) {
                Delivery turn = next;
                workers.execute(() -> attempt(turn));
            }
        }
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
