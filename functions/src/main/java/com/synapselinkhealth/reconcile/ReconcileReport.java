package com.synapselinkhealth.reconcile;

import com.synapselinkhealth.health.HealthEvent;
import java.util.List;
import java.util.Optional;

/**
 * What one reconciliation run did, table by table in the order read.
 *
 * @param organization the environment read
 * @param tables one report per table
 */
public record ReconcileReport(String organization, List<TableReport> tables) {
    public ReconcileReport {
        tables = List.copyOf(tables);
    }

    /** Every event raised, in the order raised. */
    public List<HealthEvent> events() {
        return tables.stream().flatMap(t -> t.events().stream()).toList();
    }

    /** Whether every table was read. */
    public boolean complete() {
        return tables.stream().allMatch(TableReport::isRead);
    }

    /** The first failure that stopped the run (token refused, wrong environment, throttled), if any. */
    public Optional<TableReport> stoppedBy() {
        return tables.stream().filter(t -> t.failure() != null && t.failure().stopsEverything()).findFirst();
    }

    /** One line: rows per table and events, e.g. for a log. */
    public String summary() {
        StringBuilder out = new StringBuilder("Reconciled ").append(organization).append(": ");
        for (int i = 0; i < tables.size(); i++) {
            TableReport t = tables.get(i);
            out.append(i == 0 ? "" : ", ").append(t.table().logicalName()).append(' ');
            out.append(t.isRead() ? t.rowsRead() + (t.rowsRead() == 1 ? " row" : " rows") : "not read");
        }
        int events = events().size();
        return out.append("; ").append(events).append(events == 1 ? " event." : " events.").toString();
    }
}
