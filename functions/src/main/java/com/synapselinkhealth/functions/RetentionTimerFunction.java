package com.synapselinkhealth.functions;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.TimerTrigger;
import com.synapselinkhealth.app.LinkHealth;
import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Level;

/**
 * Every hour: removes events, dead letters and delivery records older than their retention from Azure Tables
 * ({@code LINKHEALTH_RETENTION_EVENTS_DAYS} 90, {@code LINKHEALTH_RETENTION_DEAD_LETTERS_DAYS} 30,
 * {@code LINKHEALTH_RETENTION_DELIVERIES_DAYS} 7), in batches. Nothing to do with the in-memory stores.
 */
public final class RetentionTimerFunction {
    /** At minute 17 of every hour (off the hour, away from the stall check's and reconciliation's minutes). */
    public static final String SCHEDULE = "0 17 * * * *";

    private final Supplier<LinkHealth> app;

    public RetentionTimerFunction() {
        this(LinkHealth::shared);
    }

    public RetentionTimerFunction(Supplier<LinkHealth> app) {
        this.app = app;
    }

    @FunctionName("RetentionTimer")
    public void run(@TimerTrigger(name = "timer", schedule = SCHEDULE) String timerInfo, ExecutionContext context) {
        app.get().retention().ifPresent(retention -> {
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
