package com.synapselinkhealth.functions;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.TimerTrigger;
import com.synapselinkhealth.app.LinkHealth;
import com.synapselinkhealth.health.HealthEvent;
import java.util.List;
import java.util.function.Supplier;

/**
 * Every five minutes: raises TableSyncStalled for each table whose last sync is older than its schedule allows
 * ({@code LINKHEALTH_STALL_MULTIPLIER} x interval, at least {@code LINKHEALTH_STALL_FLOOR_MINUTES}).
 */
public final class StallCheckFunction {
    public static final String SCHEDULE = "0 */5 * * * *";

    private final Supplier<LinkHealth> app;

    public StallCheckFunction() {
        this(LinkHealth::shared);
    }

    public StallCheckFunction(Supplier<LinkHealth> app) {
        this.app = app;
    }

    @FunctionName("StallCheck")
    public void run(@TimerTrigger(name = "timer", schedule = SCHEDULE) String timerInfo, ExecutionContext context) {
        List<HealthEvent> raised = app.get().stallMonitor().check();
        if (!raised.isEmpty()) {
            context.getLogger().info(() -> "Stall check raised " + raised.size() + " event(s): "
                + raised.stream().map(HealthEvent::summary).toList());
        }
    }
}
