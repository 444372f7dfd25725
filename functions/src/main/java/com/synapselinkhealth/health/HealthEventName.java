package com.synapselinkhealth.health;

import com.synapselinkhealth.statetables.StateTable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An event's name: one of the catalogue's (every health event this service raises, its severity, the state table it
 * comes from and when it fires), or a name read back from storage that this version does not know, kept as it was
 * (an event renamed or added since the row was written). Like the Azure SDK's {@code ExpandableStringEnum}, it is
 * open: {@link #fromString} never fails on a stored name, {@link #values()} is the catalogue, and names are equal
 * when their text is. Input a person types is checked against the catalogue with {@link #fromName}.
 * The CloudEvent {@code type} is {@link #TYPE_PREFIX} followed by the name.
 */
public final class HealthEventName implements Comparable<HealthEventName> {
    /** Reverse-DNS prefix of every event's CloudEvent {@code type}. */
    public static final String TYPE_PREFIX = "com.synapselinkhealth.synapselink.";
    /** The catalogue in its order; filled by {@link #catalogue} as the constants below are made. */
    private static final List<HealthEventName> CATALOGUE = new ArrayList<>();

    public static final HealthEventName InitialSyncCompleted =
        catalogue("InitialSyncCompleted", Severity.INFO, StateTable.PROFILE_ENTITY_STATE,
            "A table's initial sync completed.");
    public static final HealthEventName InitialSyncFailed =
        catalogue("InitialSyncFailed", Severity.ERROR, StateTable.PROFILE_ENTITY_STATE,
            "A table's initial sync completed with failures.");
    public static final HealthEventName TableSyncFailed =
        catalogue("TableSyncFailed", Severity.ERROR, StateTable.PROFILE_ENTITY_STATE,
            "A table's sync completed with failures.");
    public static final HealthEventName TableSyncPaused =
        catalogue("TableSyncPaused", Severity.WARNING, StateTable.PROFILE_ENTITY_STATE, "A table's sync was paused.");
    public static final HealthEventName TableSyncRecovered =
        catalogue("TableSyncRecovered", Severity.INFO, StateTable.PROFILE_ENTITY_STATE,
            "A table that failed or was paused is syncing again.");
    public static final HealthEventName MetadataFailed =
        catalogue("MetadataFailed", Severity.ERROR, StateTable.PROFILE_ENTITY_STATE,
            "Creating a table's metadata in the lake failed.");
    public static final HealthEventName SynapseTableCreationFailed =
        catalogue("SynapseTableCreationFailed", Severity.ERROR, StateTable.PROFILE_ENTITY_STATE,
            "Creating a table in Synapse failed.");
    public static final HealthEventName TableSyncStalled =
        catalogue("TableSyncStalled", Severity.WARNING, StateTable.PROFILE_ENTITY_STATE,
            "A table has not synced for longer than its schedule allows.");
    public static final HealthEventName TableSyncResumed =
        catalogue("TableSyncResumed", Severity.INFO, StateTable.PROFILE_ENTITY_STATE, "A stalled table synced again.");
    public static final HealthEventName DeltaTableFailed =
        catalogue("DeltaTableFailed", Severity.ERROR, StateTable.EXTERNAL_TABLE_STATE, "A Delta Lake table failed.");
    public static final HealthEventName DeltaSyncFailed =
        catalogue("DeltaSyncFailed", Severity.ERROR, StateTable.EXTERNAL_TABLE_STATE,
            "A table's Delta Lake conversion failed.");
    public static final HealthEventName DeltaTableDeleted =
        catalogue("DeltaTableDeleted", Severity.WARNING, StateTable.EXTERNAL_TABLE_STATE,
            "A Delta Lake table was deleted (table removed).");
    public static final HealthEventName DeltaTableRecovered =
        catalogue("DeltaTableRecovered", Severity.INFO, StateTable.EXTERNAL_TABLE_STATE,
            "A failed Delta Lake table is healthy again.");
    public static final HealthEventName FabricShortcutFailed =
        catalogue("FabricShortcutFailed", Severity.ERROR, StateTable.EXTERNAL_TABLE_STATE,
            "A table's Fabric lakehouse shortcut failed.");
    public static final HealthEventName ProfileActivated =
        catalogue("ProfileActivated", Severity.INFO, StateTable.PROFILE, "A profile became active.");
    public static final HealthEventName ProfileError =
        catalogue("ProfileError", Severity.ERROR, StateTable.PROFILE, "A profile went into error.");
    public static final HealthEventName ProfileSuspended =
        catalogue("ProfileSuspended", Severity.WARNING, StateTable.PROFILE, "A profile was suspended.");
    public static final HealthEventName ProfileDeactivated =
        catalogue("ProfileDeactivated", Severity.WARNING, StateTable.PROFILE, "A profile was deactivated.");
    public static final HealthEventName ProfileDeleted =
        catalogue("ProfileDeleted", Severity.WARNING, StateTable.PROFILE, "A profile was deleted.");
    public static final HealthEventName TableAdded =
        catalogue("TableAdded", Severity.INFO, StateTable.PROFILE_ENTITY, "A table was added to a profile.");
    public static final HealthEventName TableRemoved =
        catalogue("TableRemoved", Severity.WARNING, StateTable.PROFILE_ENTITY, "A table was removed from a profile.");
    public static final HealthEventName ScheduleChanged =
        catalogue("ScheduleChanged", Severity.INFO, StateTable.SCHEDULE, "A profile's sync schedule changed.");
    public static final HealthEventName WorkspaceLinked =
        catalogue("WorkspaceLinked", Severity.INFO, StateTable.DATABASE, "A Synapse workspace was linked.");
    public static final HealthEventName WorkspaceUnlinked =
        catalogue("WorkspaceUnlinked", Severity.WARNING, StateTable.DATABASE, "A Synapse workspace was unlinked.");
    public static final HealthEventName RecordCountDrift =
        catalogue("RecordCountDrift", Severity.WARNING, StateTable.PROFILE_ENTITY_STATE,
            "A table's lake row count has been off from Dataverse's for several syncs.");
    public static final HealthEventName RecordCountDriftCleared =
        catalogue("RecordCountDriftCleared", Severity.INFO, StateTable.PROFILE_ENTITY_STATE,
            "A drifting table's lake row count is back in line.");
    public static final HealthEventName SyncFallingBehind =
        catalogue("SyncFallingBehind", Severity.WARNING, StateTable.PROFILE_ENTITY_STATE,
            "A table's sync lag grows with every sync.");
    public static final HealthEventName SyncCaughtUp =
        catalogue("SyncCaughtUp", Severity.INFO, StateTable.PROFILE_ENTITY_STATE,
            "A table that was falling behind has caught up.");
    public static final HealthEventName InitialSyncProgress =
        catalogue("InitialSyncProgress", Severity.INFO, StateTable.PROFILE_ENTITY_STATE,
            "A table's initial sync passed 25, 50 or 75 percent, with an estimated completion time.");
    public static final HealthEventName DeltaSyncStalled =
        catalogue("DeltaSyncStalled", Severity.WARNING, StateTable.EXTERNAL_TABLE_STATE,
            "A Delta Lake conversion has not run for longer than its schedule allows, without failing.");
    public static final HealthEventName DeltaSyncResumed =
        catalogue("DeltaSyncResumed", Severity.INFO, StateTable.EXTERNAL_TABLE_STATE,
            "A stalled Delta Lake conversion ran again.");
    public static final HealthEventName HealthDigest =
        catalogue("HealthDigest", Severity.INFO, StateTable.PROFILE,
            "The daily digest of an organization's Synapse Link health (its severity is the worst of its items).");

    private static final Map<String, HealthEventName> BY_LOWER_CASE_NAME = byLowerCaseName();

    private final String name;
    private final Severity severity;
    private final StateTable stateTable;
    private final String description;
    /** The place in the catalogue, or -1 for a name it does not hold. */
    private final int position;

    private HealthEventName(String name, Severity severity, StateTable stateTable, String description, int position) {
        this.name = name;
        this.severity = severity;
        this.stateTable = stateTable;
        this.description = description;
        this.position = position;
    }

    private static HealthEventName catalogue(String name, Severity severity, StateTable stateTable, String description) {
        HealthEventName constant = new HealthEventName(name, severity, stateTable, description, CATALOGUE.size());
        CATALOGUE.add(constant);
        return constant;
    }

    private static Map<String, HealthEventName> byLowerCaseName() {
        Map<String, HealthEventName> byName = new HashMap<>();
        CATALOGUE.forEach(n -> byName.put(n.name.toLowerCase(Locale.ROOT), n));
        return Map.copyOf(byName);
    }

    /** The catalogue, in its order (a new array each call). */
    public static HealthEventName[] values() {
        return CATALOGUE.toArray(new HealthEventName[0]);
    }

    /** The catalogue's name, whatever its case; empty for any other text. For input a person typed. */
    public static Optional<HealthEventName> fromName(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(BY_LOWER_CASE_NAME.get(name.toLowerCase(Locale.ROOT)));
    }

    /**
     * A stored name: the catalogue's when it holds it, else the name kept as it is, of {@link Severity#INFO}.
     *
     * @return {@code null} for {@code null} only
     */
    public static HealthEventName fromString(String name) {
        return fromString(name, null);
    }

    /**
     * A stored name: the catalogue's when it holds it (with the catalogue's severity), else the name kept as it is,
     * with no state table and no description.
     *
     * @param storedSeverity the severity stored with the name, for a name the catalogue does not hold;
     *     {@code null} for {@link Severity#INFO}
     * @return {@code null} for {@code null} only
     */
    public static HealthEventName fromString(String name, Severity storedSeverity) {
        if (name == null) {
            return null;
        }
        return fromName(name).orElseGet(() ->
            new HealthEventName(name, storedSeverity == null ? Severity.INFO : storedSeverity, null, null, -1));
    }

    public String name() {
        return name;
    }

    /** Whether the catalogue holds this name (else it was read back from storage as it was written). */
    public boolean isKnown() {
        return position >= 0;
    }

    /**
     * The event's severity; a {@link #HealthDigest} carries the worst of its items instead (see
     * {@link HealthEvent#severity()}). For a name the catalogue does not hold, the severity stored with it.
     */
    public Severity severity() {
        return severity;
    }

    /** The state table the event comes from; {@code null} for a name the catalogue does not hold. */
    public StateTable stateTable() {
        return stateTable;
    }

    /** When the event fires; {@code null} for a name the catalogue does not hold. */
    public String description() {
        return description;
    }

    /** The CloudEvent type, e.g. {@code com.synapselinkhealth.synapselink.TableSyncFailed}. */
    public String cloudEventType() {
        return TYPE_PREFIX + name;
    }

    /** The catalogue's order, then the names it does not hold, by their text. */
    @Override
    public int compareTo(HealthEventName other) {
        if (isKnown() || other.isKnown()) {
            return Integer.compare(isKnown() ? position : Integer.MAX_VALUE,
                other.isKnown() ? other.position : Integer.MAX_VALUE);
        }
        return name.compareTo(other.name);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HealthEventName n && n.name.equals(name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return name;
    }
}
