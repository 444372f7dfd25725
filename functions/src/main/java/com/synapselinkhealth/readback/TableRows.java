package com.synapselinkhealth.readback;

import com.synapselinkhealth.dataverse.RowChange;
import com.synapselinkhealth.statetables.StateTable;
import java.util.List;
import java.util.Objects;

/**
 * The rows read from one table.
 *
 * @param table the table
 * @param changes each row as an Update to feed the rules
 * @param skipped one plain sentence for each row that could not be used (e.g. a column of the wrong type)
 */
public record TableRows(StateTable table, List<RowChange> changes, List<String> skipped) {
    public TableRows {
        Objects.requireNonNull(table, "'table' cannot be null.");
        changes = List.copyOf(changes);
        skipped = List.copyOf(skipped);
    }
}
