package com.synapselinkhealth.functions;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.TimerTrigger;
import com.synapselinkhealth.config.Settings;
import com.synapselinkhealth.reconcile.ReconcileReport;
import com.synapselinkhealth.reconcile.Reconciler;
import com.synapselinkhealth.reconcile.TableReport;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * On the schedule of {@code LINKHEALTH_RECONCILE_SCHEDULE} (default every 15 minutes): reads the six state tables
 * through the Dataverse Web API and judges every row like a callback, so a change whose webhook never came still
 * raises its event, once. Off (logs and returns) when {@code DATAVERSE_ENVIRONMENT_URL} is not set.
 */
public final class ReconcileTimerFunction {
    private final Supplier<Optional<Reconciler>> reconciler;

    /**
     * @param reconciler the reconciliation, asked for on each run (it opens the Web API reader on first need), or empty
     *     when no Dataverse environment is configured
     */
    public ReconcileTimerFunction(Supplier<Optional<Reconciler>> reconciler) {
        this.reconciler = reconciler;
    }

    @FunctionName("ReconcileTimer")
    public void run(@TimerTrigger(name = "timer", schedule = "%" + Settings.RECONCILE_SCHEDULE + "%") String timerInfo,
                    ExecutionContext context) {
        Logger log = context.getLogger();
        Optional<Reconciler> reconciler = this.reconciler.get();
        if (reconciler.isEmpty()) {
            log.info(() -> "Reconciliation is off: " + Settings.DATAVERSE_ENVIRONMENT_URL + " is not set.");
            return;
        }
        ReconcileReport report = reconciler.get().run();
        for (TableReport table : report.tables()) {
            if (!table.isRead()) {
                log.log(Level.SEVERE, () -> "Reconciliation could not read " + table.table().logicalName() + ": "
                    + table.error());
            }
            for (String skipped : table.skipped()) {
                log.warning(skipped);
            }
        }
        log.log(report.complete() ? Level.INFO : Level.WARNING, report::summary);
        if (!report.events().isEmpty()) {
            log.info(() -> "Reconciliation raised: " + report.events().stream().map(e -> e.summary()).toList());
        }
    }
}
