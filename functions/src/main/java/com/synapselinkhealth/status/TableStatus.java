package com.synapselinkhealth.status;

import com.synapselinkhealth.health.Severity;
import com.synapselinkhealth.statetables.Choice;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The status of one synced table of a profile: its {@code synapselinkprofileentitystate} columns, merged with the
 * {@code synapselinkexternaltablestate} of the same table when the profile writes Delta Lake tables. Every state,
 * time and count is {@code null} when the service has not seen it.
 *
 * @param lag from the last sync to {@code asOf} (never negative); {@code null} when the last sync is not known
 * @param stallAllowance how long the table may go without a sync before it counts as stalled
 * @param schedule how a person reads the table's schedule, or {@code null} when none is known
 * @param asOf when this status was computed
 * @param warnings the table's early warnings, read from its history
 */
public record TableStatus(
    UUID profileId,
    String profileName,
    String organization,
    String table,
    HealthState healthState,
    Choice syncState,
    Choice initialSyncState,
    Choice metadataState,
    Choice synapseTableCreationState,
    Choice deltaTableState,
    Choice deltaLastSyncState,
    Choice lakehouseShortcutState,
    Instant lastSyncedAt,
    Instant initialSyncCompletedAt,
    Instant deltaLastSyncedAt,
    Long lakeRecordCount,
    Long dataverseRecordCount,
    Long deltaRecordCount,
    Long deltaSourceRecordCount,
    Duration lag,
    boolean stalled,
    Duration stallAllowance,
    String schedule,
    Instant asOf,
    Warnings warnings) {

    /**
     * The early warnings of a table (see {@code EarlyWarnings}).
     *
     * @param drifting whether the lake's row count has been off from Dataverse's for the last syncs
     * @param fallingBehind whether the table's lag has grown sync after sync past half its allowance
     * @param initialSyncPercent how far the initial sync is, while it runs; else null
     * @param initialSyncEstimatedCompletionAt when it will end at the rate seen so far; null when unknown
     */
    public record Warnings(boolean drifting, boolean fallingBehind, Integer initialSyncPercent,
                           Instant initialSyncEstimatedCompletionAt) {
        public static final Warnings NONE = new Warnings(false, false, null, null);
    }

    public TableStatus {
        Objects.requireNonNull(profileId, "'profileId' cannot be null.");
        Objects.requireNonNull(table, "'table' cannot be null.");
        Objects.requireNonNull(healthState, "'healthState' cannot be null.");
        Objects.requireNonNull(stallAllowance, "'stallAllowance' cannot be null.");
        Objects.requireNonNull(asOf, "'asOf' cannot be null.");
        warnings = warnings == null ? Warnings.NONE : warnings;
        if (lag != null && lag.isNegative()) {
            throw new IllegalArgumentException("'lag' cannot be negative.");
        }
    }

    /** Error when failing, warning when paused or stalled, info when healthy. */
    public Severity severity() {
        return healthState.severity();
    }

    /** The Dataverse record count minus the lake record count; {@code null} when either is not known. */
    public Long recordCountDifference() {
        return lakeRecordCount == null || dataverseRecordCount == null ? null : dataverseRecordCount - lakeRecordCount;
    }

    /** Whole seconds of {@link #lag()}, or {@code null}. */
    public Long lagSeconds() {
        return lag == null ? null : lag.getSeconds();
    }
}
