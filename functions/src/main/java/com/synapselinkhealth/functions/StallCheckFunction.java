package com.synapselinkhealth.functions;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.TimerTrigger;
import com.synapselinkhealth.health.HealthEvent;
import com.synapselinkhealth.ingest.StallMonitor;
import java.util.List;

/**
 * Every five minutes: raises TableSyncStalled for each table whose last sync is older than its schedule allows
 * ({@code LINKHEALTH_STALL_MULTIPLIER} x interval, at least {@code LINKHEALTH_STALL_FLOOR_MINUTES}).
 */
public final class StallCheckFunction {
    public static final String SCHEDULE = "0 */5 * * * *";

    private final StallMonitor monitor;

    public StallCheckFunction(StallMonitor monitor) {
        this.monitor = monitor;
    }

    @FunctionName("StallCheck")
    public void run(@TimerTrigger(name = "timer", schedule = SCHEDULE) String timerInfo, ExecutionContext context) {
        List<HealthEvent> raised = monitor.check();
        if (!raised.isEmpty()) {
            context.getLogger().info(() -> "Stall check raised " + raised.size() + " event(s): "
                + raised.stream().map(HealthEvent::summary).toList());
        }
    }
}
