package com.synapselinkhealth.ingest;

import com.synapselinkhealth.dataverse.EntityReference;
import com.synapselinkhealth.health.ProfileDirectory;
import com.synapselinkhealth.statetables.StateTable;
import com.synapselinkhealth.store.RowState;
import com.synapselinkhealth.store.RowStateStore;
import com.synapselinkhealth.store.Versioned;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** Profiles as the row-state store knows them from their own callbacks (or the reconciliation read). */
public final class StoredProfileDirectory implements ProfileDirectory {
    private final RowStateStore rows;

    public StoredProfileDirectory(RowStateStore rows) {
        this.rows = Objects.requireNonNull(rows, "'rows' cannot be null.");
    }

    @Override
    public Optional<String> nameOf(UUID profileId) {
        return rows.find(StateTable.PROFILE, profileId)
            .map(v -> v.value().attributes().text("name"))
            .filter(name -> !name.isBlank());
    }

    @Override
    public Optional<UUID> profileForDataLakeFolder(UUID dataLakeFolderId) {
        for (Versioned<RowState> profile : rows.list(StateTable.PROFILE)) {
            EntityReference folder = profile.value().attributes().reference("datalakefolder");
            if (folder != null && folder.id().equals(dataLakeFolderId) && !profile.value().deleted()) {
                return Optional.of(profile.value().rowId());
            }
        }
        return Optional.empty();
    }
}
