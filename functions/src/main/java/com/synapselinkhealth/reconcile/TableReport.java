package com.synapselinkhealth.reconcile;

import com.synapselinkhealth.health.HealthEvent;
import com.synapselinkhealth.readback.DataverseReadException;
import com.synapselinkhealth.statetables.StateTable;
import java.util.List;
import java.util.Objects;

/**
 * What reconciliation did with one table.
 *
 * @param table the table
 * @param rowsRead rows Dataverse returned (including skipped ones)
 * @param applied rows judged as new state (with or without events)
 * @param unchanged rows whose version was already judged (duplicates)
 * @param stale rows older than the state already known
 * @param events the events raised
 * @param skipped one sentence per row that could not be used
 * @param failure why the table was not read, or {@code null}
 * @param error the plain message of that failure, or {@code null}
 */
public record TableReport(StateTable table, int rowsRead, int applied, int unchanged, int stale, List<HealthEvent> events,
                          List<String> skipped, DataverseReadException.Kind failure, String error) {
    public TableReport {
        Objects.requireNonNull(table, "'table' cannot be null.");
        events = List.copyOf(events);
        skipped = List.copyOf(skipped);
    }

    static TableReport failed(StateTable table, DataverseReadException e) {
        return new TableReport(table, 0, 0, 0, 0, List.of(), List.of(), e.kind(), e.getMessage());
    }

    static TableReport notRead(StateTable table, DataverseReadException cause) {
        return new TableReport(table, 0, 0, 0, 0, List.of(), List.of(), cause.kind(),
            "Not read: reading stopped at an earlier table (" + cause.kind().name().toLowerCase(java.util.Locale.ROOT)
                .replace('_', ' ') + ").");
    }

    public boolean isRead() {
        return failure == null;
    }
}
