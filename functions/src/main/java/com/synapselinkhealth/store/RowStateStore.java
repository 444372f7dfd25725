package com.synapselinkhealth.store;

import com.synapselinkhealth.statetables.StateTable;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The last known state of each state-table row, with optimistic concurrency. */
public interface RowStateStore {
    Optional<Versioned<RowState>> find(StateTable table, UUID rowId);

    /**
     * Saves the state if the stored one is still at {@code expectedVersion}.
     *
     * @param expectedVersion the version read, or {@code null} to save only if there is no row yet
     * @return false when another writer changed (or created) the row since; read again and retry
     */
    boolean saveIfUnchanged(RowState state, String expectedVersion);

    /** Every row of one table (the tables hold one row per synced table or profile: thousands at most). */
    List<Versioned<RowState>> list(StateTable table);
}
