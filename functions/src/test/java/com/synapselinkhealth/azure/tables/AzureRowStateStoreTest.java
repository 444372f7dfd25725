package com.synapselinkhealth.azure.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.data.tables.models.TableEntity;
import com.synapselinkhealth.health.HealthEventName;
import com.synapselinkhealth.statetables.StateTable;
import com.synapselinkhealth.store.RowState;
import com.synapselinkhealth.store.RowStateStore;
import com.synapselinkhealth.store.RowStateStoreContract;
import com.synapselinkhealth.store.StoreFixtures;
import com.synapselinkhealth.testing.Azurite;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(Azurite.class)
class AzureRowStateStoreTest extends RowStateStoreContract {
    private TableNames names;

    @Override
    protected RowStateStore newStore() {
        names = Azurite.freshTableNames();
        return new TableRowStateStore(Azurite.tables(), names);
    }

    @Test
    void aRowPastOneEntityFailsClearly() {
        UUID rowId = UUID.randomUUID();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> store.saveIfUnchanged(
            StoreFixtures.row(StateTable.PROFILE, rowId, StoreFixtures.text("description", "x".repeat(600_000)),
                StoreFixtures.T0), null));
        assertTrue(e.getMessage().contains("1 MiB"), e.getMessage());
        assertTrue(store.find(StateTable.PROFILE, rowId).isEmpty());
    }

    /** Azurite 3.37.0 can break a multi-byte character split across request chunks: the stores send ASCII only. */
    @Test
    void everyPropertyIsSentAsAscii() {
        UUID rowId = UUID.randomUUID();
        RowState state = new RowState(StateTable.PROFILE, rowId, "orgé", StoreFixtures.everyType(), false, null,
            List.of("öp-1"), List.of(StoreFixtures.event("é-1", HealthEventName.ProfileError, StoreFixtures.T0, "Lac Léman",
                UUID.randomUUID(), "contact")), StoreFixtures.T0);
        assertTrue(store.saveIfUnchanged(state, null));
        TableEntity raw = Azurite.tables().getTableClient(names.rowState())
            .getEntity(StateTable.PROFILE.logicalName(), rowId.toString());
        raw.getProperties().forEach((name, value) -> {
            if (value instanceof String text) {
                assertTrue(text.chars().allMatch(c -> c < 0x7f), name + " is not ASCII: " + text);
            }
        });
        assertEquals(state, store.find(StateTable.PROFILE, rowId).orElseThrow().value());
    }
}
