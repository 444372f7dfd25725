package com.synapselinkhealth.reconcile;

import com.synapselinkhealth.dataverse.RowChange;
import com.synapselinkhealth.health.HealthEvent;
import com.synapselinkhealth.ingest.ChangeProcessor;
import com.synapselinkhealth.ingest.ProcessingResult;
import com.synapselinkhealth.readback.DataverseReadException;
import com.synapselinkhealth.readback.DataverseRows;
import com.synapselinkhealth.readback.TableRows;
import com.synapselinkhealth.statetables.StateTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads every row of the six state tables from Dataverse and feeds each through the same {@link ChangeProcessor}
 * as a callback, so a change whose callback never came still raises its event, once: a row version already
 * judged is a duplicate, an older one is stale, and an unchanged row makes no transition.
 *
 * <p>Profiles are read first so that the events of the other tables carry the profile's name, then schedules and
 * Synapse databases, the profiles' tables, and last the runtime states. A table that cannot be read (missing,
 * forbidden) is reported and the others are still read; a refused token, a wrong environment, throttling or an
 * environment that does not answer stops the run, because every further table would fail the same way.
 */
public final class Reconciler {
    /** The order the tables are read in. */
    public static final List<StateTable> ORDER = List.of(StateTable.PROFILE, StateTable.SCHEDULE, StateTable.DATABASE,
        StateTable.PROFILE_ENTITY, StateTable.PROFILE_ENTITY_STATE, StateTable.EXTERNAL_TABLE_STATE);

    private final DataverseRows dataverse;
    private final ChangeProcessor processor;

    public Reconciler(DataverseRows dataverse, ChangeProcessor processor) {
        this.dataverse = Objects.requireNonNull(dataverse, "'dataverse' cannot be null.");
        this.processor = Objects.requireNonNull(processor, "'processor' cannot be null.");
    }

    /** Reads and judges every table once. A failure to store state or events is thrown, not reported. */
    public ReconcileReport run() {
        List<TableReport> tables = new ArrayList<>();
        DataverseReadException stop = null;
        for (StateTable table : ORDER) {
            if (stop != null) {
                tables.add(TableReport.notRead(table, stop));
                continue;
            }
            TableRows rows;
            try {
                rows = dataverse.readTable(table);
            } catch (DataverseReadException e) {
                tables.add(TableReport.failed(table, e));
                if (e.kind().stopsEverything()) {
                    stop = e;
                }
                continue;
            }
            tables.add(judge(rows));
        }
        return new ReconcileReport(dataverse.organization(), tables);
    }

    private TableReport judge(TableRows rows) {
        int applied = 0;
        int duplicate = 0;
        int stale = 0;
        List<HealthEvent> events = new ArrayList<>();
        for (RowChange change : rows.changes()) {
            ProcessingResult result = processor.process(change);
            switch (result.outcome()) {
                case APPLIED -> applied++;
                case DUPLICATE -> duplicate++;
                case STALE -> stale++;
                case IGNORED -> {
                    // not a state table: cannot happen for rows read from one
                }
            }
            events.addAll(result.events());
        }
        return new TableReport(rows.table(), rows.changes().size() + rows.skipped().size(), applied, duplicate, stale,
            events, rows.skipped(), null, null);
    }
}
