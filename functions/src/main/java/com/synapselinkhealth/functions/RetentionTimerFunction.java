package com.synapselinkhealth.functions;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.TimerTrigger;
import com.synapselinkhealth.store.RetentionRun;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;

/**
 * Every hour: removes events, dead letters and delivery records older than their retention from Azure Tables
 * ({@code LINKHEALTH_RETENTION_EVENTS_DAYS} 90, {@code LINKHEALTH_RETENTION_DEAD_LETTERS_DAYS} 30,
 * {@code LINKHEALTH_RETENTION_DELIVERIES_DAYS} 7), in batches. Nothing to do with the in-memory stores.
 */
public final class RetentionTimerFunction {
    /** At minute 17 of every hour (off the hour, away from the stall check's and reconciliation's minutes). */
    public static final String SCHEDULE = "0 17 * * * *";

    private final Optional<RetentionRun> retention;

    /** @param retention the removal of rows past their retention, or empty when the stores keep no such rows */
    public RetentionTimerFunction(Optional<RetentionRun> retention) {
        this.retention = retention;
    }

    @FunctionName("RetentionTimer")
    public void run(@TimerTrigger(name = "timer", schedule = SCHEDULE) String timerInfo, ExecutionContext context) {
        this.retention.ifPresent(retention -> {
            try {
                Map<String, Integer> removed = retention.run();
                int total = removed.values().stream().mapToInt(Integer::intValue).sum();
                if (total > 0) {
                    context.getLogger().info(() -> "Retention removed " + total + " row(s): " + removed + ".");
                }
            } catch (RuntimeException e) {
                context.getLogger().log(Level.WARNING, "Retention failed; the next run goes on: " + e.getMessage());
            }
        });
    }
}
