package com.synapselinkhealth.status;

import com.synapselinkhealth.health.Severity;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The health roll-up of one profile: its state, its tables counted by health state and by sync state, the
 * failing, paused and stalled tables (by logical name, in order), its sync times and the worst severity.
 *
 * @param worstSeverity error when the profile is in Error or a table is failing, else warning when the profile is
 *     Suspended, Deactivated or Deleted or a table is paused or stalled, else info
 * @param lastSyncedAt the most recent last sync of the profile's tables, or {@code null}
 * @param oldestLastSyncedAt the least recent last sync of the profile's tables, or {@code null}
 */
public record ProfileHealth(
    ProfileSummary profile,
    Severity worstSeverity,
    TableCounts tableCounts,
    List<SyncStateCount> tablesBySyncState,
    List<String> failingTables,
    List<String> pausedTables,
    List<String> stalledTables,
    Instant lastSyncedAt,
    Instant oldestLastSyncedAt,
    Instant asOf) {

    /** How many of the profile's tables are in each health state. */
    public record TableCounts(int total, int healthy, int failing, int paused, int stalled) {
        public TableCounts {
            if (total != healthy + failing + paused + stalled) {
                throw new IllegalArgumentException("the counts by health state must add up to the total");
            }
        }
    }

    public ProfileHealth {
        Objects.requireNonNull(profile, "'profile' cannot be null.");
        Objects.requireNonNull(worstSeverity, "'worstSeverity' cannot be null.");
        Objects.requireNonNull(tableCounts, "'tableCounts' cannot be null.");
        Objects.requireNonNull(asOf, "'asOf' cannot be null.");
        tablesBySyncState = List.copyOf(tablesBySyncState);
        failingTables = List.copyOf(failingTables);
        pausedTables = List.copyOf(pausedTables);
        stalledTables = List.copyOf(stalledTables);
    }

    /** True when the worst severity is info: the profile is not in a bad state and no table is in trouble. */
    public boolean healthy() {
        return worstSeverity == Severity.INFO;
    }
}
