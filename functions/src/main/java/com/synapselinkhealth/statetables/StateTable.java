package com.synapselinkhealth.statetables;

import java.util.Locale;
import java.util.Optional;

/** The six read-only Dataverse tables in which Azure Synapse Link for Dataverse keeps its own state. */
public enum StateTable {
    PROFILE("synapselinkprofile", "synapselinkprofiles", "Synapse Link profile"),
    PROFILE_ENTITY("synapselinkprofileentity", "synapselinkprofileentities", "Synapse Link profile entity"),
    PROFILE_ENTITY_STATE("synapselinkprofileentitystate", "synapselinkprofileentitystates", "Synapse Link profile entity state"),
    EXTERNAL_TABLE_STATE("synapselinkexternaltablestate", "synapselinkexternaltablestates", "Synapse Link external table state"),
    SCHEDULE("synapselinkschedule", "synapselinkschedules", "Synapse Link schedule"),
    DATABASE("synapsedatabase", "synapsedatabases", "Synapse database");

    private final String logicalName;
    private final String entitySetName;
    private final String displayName;

    StateTable(String logicalName, String entitySetName, String displayName) {
        this.logicalName = logicalName;
        this.entitySetName = entitySetName;
        this.displayName = displayName;
    }

    public String logicalName() {
        return logicalName;
    }

    /** The Web API entity set, e.g. {@code synapselinkprofileentitystates}. */
    public String entitySetName() {
        return entitySetName;
    }

    public String displayName() {
        return displayName;
    }

    /** The primary key column, e.g. {@code synapselinkprofileid}. */
    public String primaryKey() {
        return logicalName + "id";
    }

    public static Optional<StateTable> fromLogicalName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String lower = name.toLowerCase(Locale.ROOT);
        for (StateTable table : values()) {
            if (table.logicalName.equals(lower)) {
                return Optional.of(table);
            }
        }
        return Optional.empty();
    }
}
