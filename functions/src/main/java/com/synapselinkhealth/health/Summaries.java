package com.synapselinkhealth.health;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The one sentence each event carries for people (a Teams message, a mail subject): names the table and the
 * profile, says what happened and since when.
 */
public final class Summaries {
    private static final DateTimeFormatter WHEN =
        DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private Summaries() {
    }

    /**
     * @param detail what the event's own rule adds: for {@link HealthEventName#TableSyncStalled} how long the schedule
     *     allows, for the workspace events the workspace name; else {@code null}
     */
    public static String of(HealthEventName name, String table, String profileName, java.util.UUID profileId,
                            String previous, String current, Instant time, Instant lastSyncedAt, Long lakeRecords,
                            String detail) {
        return of(name, table, profileName, profileId, previous, current, time, lastSyncedAt, lakeRecords, null, detail,
            EventDetails.NONE);
    }

    /**
     * @param dataverseRecords rows in Dataverse, or null
     * @param details the facts the early warnings and the digest add (difference, lag, progress, digest)
     * @throws IllegalArgumentException for a name the catalogue does not hold: only its events are raised
     */
    public static String of(HealthEventName name, String table, String profileName, java.util.UUID profileId,
                            String previous, String current, Instant time, Instant lastSyncedAt, Long lakeRecords,
                            Long dataverseRecords, String detail, EventDetails details) {
        EventDetails d = details == null ? EventDetails.NONE : details;
        String tbl = "table " + (table == null ? "(unknown)" : table);
        String in = " in " + profile(profileName, profileId);
        String at = " at " + when(time);
        String was = previous == null ? "" : " (was " + previous + ")";
        String lastSync = lastSyncedAt == null ? "" : "; last successful sync " + when(lastSyncedAt);
        if (name.equals(HealthEventName.InitialSyncCompleted)) {
            return "Initial sync of " + tbl + in + " completed" + at
                + (lakeRecords == null ? "" : " with " + grouped(lakeRecords) + " rows in the lake") + ".";
        }
        if (name.equals(HealthEventName.InitialSyncFailed)) {
            return "Initial sync of " + tbl + in + " completed with failures" + at + was + ".";
        }
        if (name.equals(HealthEventName.TableSyncFailed)) {
            return "Sync of " + tbl + in + " failed" + at + was + lastSync + ".";
        }
        if (name.equals(HealthEventName.TableSyncPaused)) {
            return "Sync of " + tbl + in + " was paused" + at + was + lastSync + ".";
        }
        if (name.equals(HealthEventName.TableSyncRecovered)) {
            return "Sync of " + tbl + in + " is running again (" + current + ") since " + when(time)
                + ", after " + (previous == null ? "a failure" : previous) + ".";
        }
        if (name.equals(HealthEventName.MetadataFailed)) {
            return "Creating the lake metadata of " + tbl + in + " failed" + at + was + ".";
        }
        if (name.equals(HealthEventName.SynapseTableCreationFailed)) {
            return "Creating the Synapse table for " + tbl + in + " failed" + at + was + ".";
        }
        if (name.equals(HealthEventName.TableSyncStalled)) {
            return "Sync of " + tbl + in + " has stalled: no data synced since "
                + (lastSyncedAt == null ? "an unknown time" : when(lastSyncedAt))
                + (lastSyncedAt == null || time == null ? "" : " (" + human(Duration.between(lastSyncedAt, time)) + " ago")
                + (detail == null ? (lastSyncedAt == null ? "" : ")") : "; " + detail + ")") + ".";
        }
        if (name.equals(HealthEventName.TableSyncResumed)) {
            return "Sync of " + tbl + in + " resumed: data synced again at "
                + when(lastSyncedAt == null ? time : lastSyncedAt) + " after the stall.";
        }
        if (name.equals(HealthEventName.DeltaTableFailed)) {
            return "The Delta Lake table for " + tbl + in + " failed" + at + was + ".";
        }
        if (name.equals(HealthEventName.DeltaSyncFailed)) {
            return "Delta Lake conversion of " + tbl + in + " failed" + at
                + (lastSyncedAt == null ? "" : "; last successful conversion " + when(lastSyncedAt)) + ".";
        }
        if (name.equals(HealthEventName.DeltaTableDeleted)) {
            return "The Delta Lake table for " + tbl + in + " was deleted" + at
                + " (the table was removed from the link).";
        }
        if (name.equals(HealthEventName.DeltaTableRecovered)) {
            return "The Delta Lake table for " + tbl + in + " is healthy again (" + current
                + ") since " + when(time) + was + ".";
        }
        if (name.equals(HealthEventName.FabricShortcutFailed)) {
            return "The Fabric lakehouse shortcut for " + tbl + in + " failed" + at + was + ".";
        }
        if (name.equals(HealthEventName.ProfileActivated)) {
            return capitalized(profile(profileName, profileId)) + " became Active" + at + was + ".";
        }
        if (name.equals(HealthEventName.ProfileError)) {
            return capitalized(profile(profileName, profileId)) + " went into Error" + at + was
                + "; its tables are not syncing.";
        }
        if (name.equals(HealthEventName.ProfileSuspended)) {
            return capitalized(profile(profileName, profileId)) + " was suspended" + at + was + ".";
        }
        if (name.equals(HealthEventName.ProfileDeactivated)) {
            return capitalized(profile(profileName, profileId)) + " was deactivated" + at + was + ".";
        }
        if (name.equals(HealthEventName.ProfileDeleted)) {
            return capitalized(profile(profileName, profileId)) + " was deleted" + at + was + ".";
        }
        if (name.equals(HealthEventName.TableAdded)) {
            return capitalized(tbl) + " was added to " + profile(profileName, profileId) + at + ".";
        }
        if (name.equals(HealthEventName.TableRemoved)) {
            return capitalized(tbl) + " was removed from " + profile(profileName, profileId) + at + ".";
        }
        if (name.equals(HealthEventName.ScheduleChanged)) {
            return "The " + (table == null ? "" : table + " ") + "schedule of "
                + profile(profileName, profileId) + " changed" + at + ": " + current
                + (previous == null ? "" : " (was " + previous + ")") + ".";
        }
        if (name.equals(HealthEventName.WorkspaceLinked)) {
            return "Synapse workspace " + (detail == null ? "" : detail + " ") + "was linked"
                + (profileName == null && profileId == null ? "" : " to " + profile(profileName, profileId)) + at + ".";
        }
        if (name.equals(HealthEventName.WorkspaceUnlinked)) {
            return "Synapse workspace " + (detail == null ? "" : detail + " ") + "was unlinked"
                + (profileName == null && profileId == null ? "" : " from " + profile(profileName, profileId)) + at + ".";
        }
        if (name.equals(HealthEventName.RecordCountDrift)) {
            return "The lake copy of " + tbl + in + " has " + difference(d.recordCountDifference())
                + " than Dataverse" + counts(lakeRecords, dataverseRecords) + ", sync after sync" + at + ".";
        }
        if (name.equals(HealthEventName.RecordCountDriftCleared)) {
            return "The lake copy of " + tbl + in + " is back in line with Dataverse"
                + counts(lakeRecords, dataverseRecords) + at + ".";
        }
        if (name.equals(HealthEventName.SyncFallingBehind)) {
            return "Sync of " + tbl + in + " is falling behind: its data lags "
                + seconds(d.lagSeconds()) + ", more after each sync (the schedule allows " + seconds(d.allowanceSeconds())
                + ")" + at + ".";
        }
        if (name.equals(HealthEventName.SyncCaughtUp)) {
            return "Sync of " + tbl + in + " has caught up: its data lags " + seconds(d.lagSeconds())
                + " (the schedule allows " + seconds(d.allowanceSeconds()) + ")" + at + ".";
        }
        if (name.equals(HealthEventName.InitialSyncProgress)) {
            return "Initial sync of " + tbl + in + " is " + d.progressPercent() + " % done"
                + (lakeRecords == null || dataverseRecords == null ? ""
                    : " (" + grouped(lakeRecords) + " of " + grouped(dataverseRecords) + " rows)") + at
                + (d.estimatedCompletionAt() == null ? "; no estimate of its end yet."
                    : "; at this rate it finishes about " + when(d.estimatedCompletionAt()) + ".");
        }
        if (name.equals(HealthEventName.DeltaSyncStalled)) {
            return "Delta Lake conversion of " + tbl + in + " has stalled without failing: last run "
                + (lastSyncedAt == null ? "at an unknown time" : when(lastSyncedAt)
                    + (time == null ? "" : " (" + human(Duration.between(lastSyncedAt, time)) + " ago)"))
                + (d.allowanceSeconds() == null ? "" : "; its schedule allows " + seconds(d.allowanceSeconds()))
                + ". Is its Spark pool paused?";
        }
        if (name.equals(HealthEventName.DeltaSyncResumed)) {
            return "Delta Lake conversion of " + tbl + in + " ran again at "
                + when(lastSyncedAt == null ? time : lastSyncedAt) + " after the stall.";
        }
        if (name.equals(HealthEventName.HealthDigest)) {
            return digest(d.digest(), time);
        }
        throw new IllegalArgumentException("no summary for " + name + ": it is not in the catalogue");
    }

    private static String difference(Long difference) {
        if (difference == null) {
            return "a different number of rows";
        }
        return grouped(Math.abs(difference)) + (Math.abs(difference) == 1 ? " row" : " rows") + (difference < 0 ? " fewer" : " more");
    }

    private static String counts(Long lake, Long dataverse) {
        return lake == null || dataverse == null ? "" : " (lake " + grouped(lake) + ", Dataverse " + grouped(dataverse) + ")";
    }

    private static String seconds(Long seconds) {
        return seconds == null ? "an unknown time" : human(Duration.ofSeconds(seconds));
    }

    private static String digest(DigestReport digest, Instant time) {
        if (digest == null) {
            return "Health digest of " + when(time) + ".";
        }
        DigestReport.ProfileDigest all = digest.totals();
        int profiles = digest.profiles().size();
        return "Synapse Link health" + (digest.organization() == null ? "" : " of " + digest.organization()) + " at "
            + when(digest.asOf()) + ": " + profiles + (profiles == 1 ? " profile, " : " profiles, ") + all.tables()
            + (all.tables() == 1 ? " table; " : " tables; ") + all.failing() + " failing, " + all.paused() + " paused, "
            + all.stalled() + " stalled, " + all.drifting() + " drifting, " + all.fallingBehind() + " falling behind, "
            + all.initialSyncInProgress() + " in initial sync.";
    }

    static String profile(String profileName, java.util.UUID profileId) {
        if (profileName != null && !profileName.isBlank()) {
            return "profile " + profileName;
        }
        return profileId != null ? "profile " + profileId : "an unknown profile";
    }

    /** {@code 48210} -> {@code 48,210}. */
    static String grouped(long n) {
        String digits = Long.toString(Math.abs(n));
        StringBuilder out = new StringBuilder(digits.length() + digits.length() / 3 + 1);
        if (n < 0) {
            out.append('-');
        }
        int lead = digits.length() % 3 == 0 ? 3 : digits.length() % 3;
        out.append(digits, 0, lead);
        for (int i = lead; i < digits.length(); i += 3) {
            out.append(',').append(digits, i, i + 3);
        }
        return out.toString();
    }

    public static String when(Instant instant) {
        return instant == null ? "an unknown time" : WHEN.format(instant);
    }

    /**
     * As {@link #human}, but a span under a minute in seconds ({@code 12 s}): for lags and allowances shown as figures,
     * where "0 min" would say too little.
     */
    public static String humanToTheSecond(Duration d) {
        if (d == null) {
            return "an unknown time";
        }
        long seconds = Math.max(0, d.getSeconds());
        return seconds < 60 ? seconds + " s" : human(d);
    }

    /** {@code 3 h 5 min}, {@code 45 min}, {@code 2 d 4 h}. */
    public static String human(Duration d) {
        long minutes = Math.max(0, d.toMinutes());
        long days = minutes / (24 * 60);
        long hours = minutes / 60 % 24;
        long mins = minutes % 60;
        if (days > 0) {
            return days + " d" + (hours > 0 ? " " + hours + " h" : "");
        }
        if (hours > 0) {
            return hours + " h" + (mins > 0 ? " " + mins + " min" : "");
        }
        return mins + " min";
    }

    private static String capitalized(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
