package com.synapselinkhealth.health;

import com.synapselinkhealth.statetables.StateTable;
import java.util.Optional;

/**
 * The event catalogue: every health event this service raises, its severity, the state table it comes from
 * and when it fires. The CloudEvent {@code type} is {@link #TYPE_PREFIX} followed by the name.
 */
public enum HealthEventName {
    InitialSyncCompleted(Severity.INFO, StateTable.PROFILE_ENTITY_STATE, "A table's initial sync completed."),
    InitialSyncFailed(Severity.ERROR, StateTable.PROFILE_ENTITY_STATE, "A table's initial sync completed with failures."),
    TableSyncFailed(Severity.ERROR, StateTable.PROFILE_ENTITY_STATE, "A table's sync completed with failures."),
    TableSyncPaused(Severity.WARNING, StateTable.PROFILE_ENTITY_STATE, "A table's sync was paused."),
    TableSyncRecovered(Severity.INFO, StateTable.PROFILE_ENTITY_STATE, "A table that failed or was paused is syncing again."),
    MetadataFailed(Severity.ERROR, StateTable.PROFILE_ENTITY_STATE, "Creating a table's metadata in the lake failed."),
    SynapseTableCreationFailed(Severity.ERROR, StateTable.PROFILE_ENTITY_STATE, "Creating a table in Synapse failed."),
    TableSyncStalled(Severity.WARNING, StateTable.PROFILE_ENTITY_STATE,
        "A table has not synced for longer than its schedule allows."),
    TableSyncResumed(Severity.INFO, StateTable.PROFILE_ENTITY_STATE, "A stalled table synced again."),
    DeltaTableFailed(Severity.ERROR, StateTable.EXTERNAL_TABLE_STATE, "A Delta Lake table failed."),
    DeltaSyncFailed(Severity.ERROR, StateTable.EXTERNAL_TABLE_STATE, "A table's Delta Lake conversion failed."),
    DeltaTableDeleted(Severity.WARNING, StateTable.EXTERNAL_TABLE_STATE, "A Delta Lake table was deleted (table removed)."),
    DeltaTableRecovered(Severity.INFO, StateTable.EXTERNAL_TABLE_STATE, "A failed Delta Lake table is healthy again."),
    FabricShortcutFailed(Severity.ERROR, StateTable.EXTERNAL_TABLE_STATE, "A table's Fabric lakehouse shortcut failed."),
    ProfileActivated(Severity.INFO, StateTable.PROFILE, "A profile became active."),
    ProfileError(Severity.ERROR, StateTable.PROFILE, "A profile went into error."),
    ProfileSuspended(Severity.WARNING, StateTable.PROFILE, "A profile was suspended."),
    ProfileDeactivated(Severity.WARNING, StateTable.PROFILE, "A profile was deactivated."),
    ProfileDeleted(Severity.WARNING, StateTable.PROFILE, "A profile was deleted."),
    TableAdded(Severity.INFO, StateTable.PROFILE_ENTITY, "A table was added to a profile."),
    TableRemoved(Severity.WARNING, StateTable.PROFILE_ENTITY, "A table was removed from a profile."),
    ScheduleChanged(Severity.INFO, StateTable.SCHEDULE, "A profile's sync schedule changed."),
    WorkspaceLinked(Severity.INFO, StateTable.DATABASE, "A Synapse workspace was linked."),
    WorkspaceUnlinked(Severity.WARNING, StateTable.DATABASE, "A Synapse workspace was unlinked."),
    RecordCountDrift(Severity.WARNING, StateTable.PROFILE_ENTITY_STATE,
        "A table's lake row count has been off from Dataverse's for several syncs."),
    RecordCountDriftCleared(Severity.INFO, StateTable.PROFILE_ENTITY_STATE, "A drifting table's lake row count is back in line."),
    SyncFallingBehind(Severity.WARNING, StateTable.PROFILE_ENTITY_STATE, "A table's sync lag grows with every sync."),
    SyncCaughtUp(Severity.INFO, StateTable.PROFILE_ENTITY_STATE, "A table that was falling behind has caught up."),
    InitialSyncProgress(Severity.INFO, StateTable.PROFILE_ENTITY_STATE,
        "A table's initial sync passed 25, 50 or 75 percent, with an estimated completion time."),
    DeltaSyncStalled(Severity.WARNING, StateTable.EXTERNAL_TABLE_STATE,
        "A Delta Lake conversion has not run for longer than its schedule allows, without failing."),
    DeltaSyncResumed(Severity.INFO, StateTable.EXTERNAL_TABLE_STATE, "A stalled Delta Lake conversion ran again."),
    HealthDigest(Severity.INFO, StateTable.PROFILE,
        "The daily digest of an organization's Synapse Link health (its severity is the worst of its items).");

    /** Reverse-DNS prefix of every event's CloudEvent {@code type}. */
    public static final String TYPE_PREFIX = "com.synapselinkhealth.synapselink.";

    private final Severity severity;
    private final StateTable stateTable;
    private final String description;

    HealthEventName(Severity severity, StateTable stateTable, String description) {
        this.severity = severity;
        this.stateTable = stateTable;
        this.description = description;
    }

    /** The event's severity; a {@link #HealthDigest} carries the worst of its items instead (see {@link HealthEvent#severity()}). */
    public Severity severity() {
        return severity;
    }

    public StateTable stateTable() {
        return stateTable;
    }

    public String description() {
        return description;
    }

    /** The CloudEvent type, e.g. {@code com.synapselinkhealth.synapselink.TableSyncFailed}. */
    public String cloudEventType() {
        return TYPE_PREFIX + name();
    }

    public static Optional<HealthEventName> fromName(String name) {
        for (HealthEventName n : values()) {
            if (n.name().equalsIgnoreCase(name)) {
                return Optional.of(n);
            }
        }
        return Optional.empty();
    }
}
