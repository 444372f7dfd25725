package com.synapselinkhealth.readback;

import com.synapselinkhealth.statetables.StateTable;
import java.util.Optional;
import java.util.UUID;

/**
 * Reads the Synapse Link state tables from Dataverse itself (the Web API), not from a callback: every row of a
 * table for reconciliation, or one row to complete a callback whose row data was dropped.
 */
public interface DataverseRows {

    /** The environment read, e.g. {@code contoso.crm.dynamics.com}; the organization of the changes it makes. */
    String organization();

    /**
     * Every row of {@code table}, each as an Update whose operation key names the row version.
     *
     * @throws DataverseReadException when the table cannot be read
     */
    TableRows readTable(StateTable table);

    /**
     * One row as it is now; empty when the row does not exist (any more).
     *
     * @throws DataverseReadException when it cannot be read
     */
    Optional<RowSnapshot> readRow(StateTable table, UUID rowId);
}
