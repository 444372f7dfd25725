package com.synapselinkhealth.local;

import com.synapselinkhealth.app.EntryPoints;
import com.synapselinkhealth.app.LinkHealth;
import com.synapselinkhealth.config.NcrontabSchedule;
import com.synapselinkhealth.functions.ReconcileTimerFunction;
import com.synapselinkhealth.functions.RetentionTimerFunction;
import com.synapselinkhealth.functions.StallCheckFunction;
import com.synapselinkhealth.local.host.LocalExecutionContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The app's timer-triggered functions as the local server runs them, on one daemon thread: the retention timer (when
 * the app keeps Azure Tables), the stall check, and on request the reconciliation and the health digest.
 */
final class LocalTimers implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger("linkhealth.server");

    private final LinkHealth app;
    private final EntryPoints functions;
    private final ScheduledExecutorService timer;

    /** @param stallCheckSeconds how often the stall timer runs; 0 to not run it */
    LocalTimers(LinkHealth app, long stallCheckSeconds) {
        this.app = app;
        this.functions = EntryPoints.of(app);
        StallCheckFunction stallCheck = functions.create(StallCheckFunction.class);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "linkhealth-timer");
            t.setDaemon(true);
            return t;
        });
        if (app.retention().isPresent()) {
            // as the RetentionTimer function runs in Azure: hourly, first a minute after start
            RetentionTimerFunction retention = functions.create(RetentionTimerFunction.class);
            timer.scheduleWithFixedDelay(() -> retention.run(null, new LocalExecutionContext("RetentionTimer")),
                60, 3600, TimeUnit.SECONDS);
        }
        if (stallCheckSeconds > 0) {
            timer.scheduleAtFixedRate(() -> {
                try {
                    stallCheck.run(null, new LocalExecutionContext("StallCheck"));
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "stall check failed", e);
                }
            }, stallCheckSeconds, stallCheckSeconds, TimeUnit.SECONDS);
        }
    }

    /** Runs the {@code ReconcileTimer} function every {@code seconds}, first right away. */
    void reconcileEvery(long seconds) {
        ReconcileTimerFunction reconcile = functions.create(ReconcileTimerFunction.class);
        timer.scheduleWithFixedDelay(() -> {
            try {
                reconcile.run(null, new LocalExecutionContext("ReconcileTimer"));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "reconciliation failed: " + e.getMessage());
            }
        }, 0, seconds, TimeUnit.SECONDS);
    }

    /**
     * Publishes the health digest at each occurrence of {@code schedule} (UTC).
     *
     * @return when it runs first, or empty when the schedule never fires
     */
    Optional<Instant> digestOn(NcrontabSchedule schedule) {
        Optional<Instant> first = schedule.next(app.clock().instant());
        first.ifPresent(at -> scheduleDigest(schedule, at));
        return first;
    }

    private void scheduleDigest(NcrontabSchedule schedule, Instant at) {
        long delay = Math.max(0, Duration.between(app.clock().instant(), at).toMillis());
        try {
            timer.schedule(() -> {
                try {
                    app.digestPublisher().publish(at);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "the health digest failed: " + e.getMessage());
                }
                // the next occurrence after this one, never this one again (the clock may run a little behind)
                Instant now = app.clock().instant();
                schedule.next(now.isAfter(at) ? now : at).ifPresent(next -> scheduleDigest(schedule, next));
            }, delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // closed meanwhile
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
