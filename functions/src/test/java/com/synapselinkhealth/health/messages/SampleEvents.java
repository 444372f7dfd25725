package com.synapselinkhealth.health.messages;

import com.synapselinkhealth.health.DigestReport.DigestItem;
import com.synapselinkhealth.health.DigestReport.ProfileDigest;
import com.synapselinkhealth.health.DigestReport;
import com.synapselinkhealth.health.EventDetails;
import com.synapselinkhealth.health.HealthEvent;
import com.synapselinkhealth.health.HealthEventName;
import com.synapselinkhealth.health.Severity;
import com.synapselinkhealth.health.Summaries;
import com.synapselinkhealth.status.HealthDigests;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Health events for the message tests, with names that try to break out of their format. */
public final class SampleEvents {
    public static final String HOSTILE_PROFILE = "<script>alert(\"x\")</script> & 'Contoso' *Lake* _ü_ [x](https://evil.example) #1";
    public static final String HOSTILE_TABLE = "new_`tick`|pipe\\back<b>";
    private static final Instant TIME = Instant.parse("2026-11-20T09:14:05Z");
    private static final UUID PROFILE = UUID.fromString("0a4c5e1f-2b3d-ef11-9f89-000d3a4a5b6c");
    private static final UUID ROW = UUID.fromString("6f1f5b1e-2a3c-4d5e-8f90-1a2b3c4d5e6f");
    /** The details each early warning's rule gives it; none for the others. */
    private static final Map<HealthEventName, EventDetails> DETAILS = Map.of(
        HealthEventName.RecordCountDrift, EventDetails.drift(-4_167),
        HealthEventName.RecordCountDriftCleared, EventDetails.drift(-12),
        HealthEventName.SyncFallingBehind, EventDetails.lag(2_400, 3_600),
        HealthEventName.SyncCaughtUp, EventDetails.lag(420, 3_600),
        HealthEventName.InitialSyncProgress, EventDetails.progress(50, Instant.parse("2026-11-20T13:40:00Z")),
        HealthEventName.DeltaSyncStalled, EventDetails.allowance(3_600));

    private SampleEvents() {
    }

    public static HealthEvent of(HealthEventName name, String profile, String table) {
        return HealthEvent.builder().id(UUID.nameUUIDFromBytes((name + profile + table).getBytes()).toString()).name(name)
            .time(Instant.parse("2026-11-20T09:14:05Z")).organization("contoso").profileName(profile)
            .profileId(UUID.fromString("0a4c5e1f-2b3d-ef11-9f89-000d3a4a5b6c")).table(table)
            .stateTable(name.stateTable().logicalName()).previousState("InProgress").currentState("CompletedWithFailures")
            .lastSyncedAt(Instant.parse("2026-11-20T08:59:00Z")).lakeRecordCount(120345L).dataverseRecordCount(120512L)
            .rowId(UUID.fromString("6f1f5b1e-2a3c-4d5e-8f90-1a2b3c4d5e6f"))
            .operationId(UUID.fromString("11111111-2a3c-4d5e-8f90-1a2b3c4d5e6f"))
            .summary("Sync of table " + table + " in profile " + profile + " failed at 2026-11-20 09:14 UTC (was InProgress).")
            .build();
    }

    /** A profile-level event with no table and nothing optional known. */
    public static HealthEvent bare(HealthEventName name) {
        return HealthEvent.builder().id("e-" + name).name(name).time(Instant.parse("2026-11-20T09:14:05Z"))
            .stateTable(name.stateTable().logicalName()).rowId(UUID.fromString("6f1f5b1e-2a3c-4d5e-8f90-1a2b3c4d5e6f"))
            .summary("Something happened.").build();
    }

    /**
     * A realistic event of a catalogue name, with the details its rule gives it and its own summary; ids and times
     * are fixed, so golden files made from it are stable.
     */
    public static HealthEvent realistic(HealthEventName name) {
        if (name.equals(HealthEventName.HealthDigest)) {
            return HealthDigests.event(digest(), Instant.parse("2026-11-20T07:00:00Z"));
        }
        String table = name.stateTable().logicalName().equals("synapselinkexternaltablestate") ? "opportunity" : "contact";
        Long lake = 120_345L;
        Long dataverse = 120_512L;
        Instant lastSync = Instant.parse("2026-11-20T08:59:00Z");
        EventDetails details = DETAILS.getOrDefault(name, EventDetails.NONE);
        if (name.equals(HealthEventName.RecordCountDrift)) {
            lake = 116_345L;
        } else if (name.equals(HealthEventName.RecordCountDriftCleared)) {
            lake = 120_500L;
        } else if (name.equals(HealthEventName.InitialSyncProgress)) {
            lake = 50_210L;
            dataverse = 100_000L;
        } else if (name.equals(HealthEventName.DeltaSyncStalled) || name.equals(HealthEventName.DeltaSyncResumed)) {
            lastSync = name.equals(HealthEventName.DeltaSyncStalled) ? Instant.parse("2026-11-18T09:00:00Z") : TIME;
            lake = null;
            dataverse = null;
        }
        String summary = Summaries.of(name, table, "Contoso Lake", PROFILE, null, null, TIME, lastSync, lake, dataverse,
            null, details);
        return HealthEvent.builder().id(UUID.nameUUIDFromBytes(name.name().getBytes(StandardCharsets.UTF_8)).toString())
            .name(name).time(TIME).organization("contoso").profileName("Contoso Lake").profileId(PROFILE).table(table)
            .stateTable(name.stateTable().logicalName()).lastSyncedAt(lastSync).lakeRecordCount(lake)
            .dataverseRecordCount(dataverse).rowId(ROW).summary(summary).details(details)
            .build();
    }

    /** A digest of two profiles, one with an item of each kind. */
    public static DigestReport digest() {
        return new DigestReport("contoso", Instant.parse("2026-11-20T07:00:00Z"), List.of(
            new ProfileDigest(PROFILE, "Contoso Lake", 7, 4, 1, 1, 1, 1, 1, 1, List.of(
                new DigestItem("contact", "failing", Severity.ERROR,
                    "Sync CompletedWithFailures; last sync 2026-11-20 06:44 UTC."),
                new DigestItem("incident", "paused", Severity.WARNING, "Last sync 2026-11-20 04:00 UTC."),
                new DigestItem("account", "stalled", Severity.WARNING, "No data synced for 5 h; its schedule allows 1 h."),
                new DigestItem("email", "drifting", Severity.WARNING, "The lake has 800 rows, Dataverse 1,000 (200 fewer)."),
                new DigestItem("lead", "initial sync 40 %", Severity.INFO,
                    "Initial sync 40 % done; about done at 2026-11-20 09:00 UTC."))),
            new ProfileDigest(UUID.fromString("9c8b7a65-4321-4fed-8cba-0987654321fe"), "Fabric Link", 2, 2, 0, 0, 0, 0, 0, 0,
                List.of())));
    }
}
