package com.synapselinkhealth.functions;

import com.synapselinkhealth.dataverse.RowChange;
import com.synapselinkhealth.ingest.ProcessingResult;
import com.synapselinkhealth.ingest.QueuedChangeHandler;
import com.synapselinkhealth.readback.RowRefetch;
import java.util.logging.Level;
import java.util.logging.Logger;

/** What the ingest queue's entry point logs about each change: its read-back, how it was judged, or its failure. */
final class QueuedChangeLog extends QueueMessageLog<RowChange> implements QueuedChangeHandler.Listener {
    QueuedChangeLog(Logger log) {
        super(log, "Ingest queue message is not a row change",
            change -> "Ingest message for " + change.table() + " row " + change.rowId(), "attempt", "on attempt");
    }

    @Override
    public void refetched(RowRefetch.Result result) {
        refetched(logger(), result);
    }

    @Override
    public void processed(RowChange change, ProcessingResult result) {
        logger().info(() -> result.outcome() + " " + change.message() + " of " + change.table() + " row " + change.rowId()
            + ": " + result.events().size() + " event(s)"
            + (result.events().isEmpty() ? "" : " " + result.events().stream().map(e -> e.name().name()).toList()));
    }

    /** The read-back's note, if it has one: information when the row was read, else a warning. */
    static void refetched(Logger log, RowRefetch.Result result) {
        if (result.note() != null) {
            log.log(result.status() == RowRefetch.Status.COMPLETED ? Level.INFO : Level.WARNING, result.note());
        }
    }
}
