package com.synapselinkhealth.ingest;

import static com.synapselinkhealth.testing.SynapseLink.sync;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.synapselinkhealth.dataverse.EntityReference;
import com.synapselinkhealth.dataverse.RowChange;
import com.synapselinkhealth.dataverse.TransportHints;
import com.synapselinkhealth.dataverse.json.RemoteExecutionContextParser;
import com.synapselinkhealth.health.HealthEvent;
import com.synapselinkhealth.health.HealthEventName;
import com.synapselinkhealth.health.StallPolicy;
import com.synapselinkhealth.history.HistoryLimits;
import com.synapselinkhealth.ingest.ProcessingResult.Outcome;
import com.synapselinkhealth.memory.InMemoryEventStore;
import com.synapselinkhealth.memory.InMemoryRowStateStore;
import com.synapselinkhealth.statetables.StateTable;
import com.synapselinkhealth.status.StatusService;
import com.synapselinkhealth.store.RowState;
import com.synapselinkhealth.testing.Lifecycle;
import com.synapselinkhealth.testing.SynapseLink;
import com.synapselinkhealth.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The row history is bounded by count and by age; a change older than what is kept is judged stale and counted. */
class RowHistoryLimitsTest {
    private static final UUID ROW = UUID.fromString("e3b1f2a4-5c6d-ef11-9f89-000d3a4a5b6c");
    private static final EntityReference PROFILE = new EntityReference(StateTable.PROFILE.logicalName(), SynapseLink.PROFILE_ID, null);

    private final TestClock clock = new TestClock(Instant.parse("2024-06-04T10:00:00Z"));
    private final InMemoryRowStateStore rows = new InMemoryRowStateStore();
    private final List<HealthEvent> published = new ArrayList<>();
    private final RemoteExecutionContextParser parser = new RemoteExecutionContextParser();

    private ChangeProcessor processor(int versions, Duration age) {
        return new ChangeProcessor(rows, new InMemoryEventStore(), published::add, clock, new HistoryLimits(versions, age));
    }

    private RowChange parse(byte[] body) {
        return parser.parse(body, TransportHints.NONE);
    }

    /** Ten syncs, one every 15 minutes; the table fails at sync {@code failsAt} and recovers at the next one. */
    private static List<byte[]> tenSyncs(int failsAt) {
        Lifecycle life = Lifecycle.of(StateTable.PROFILE_ENTITY_STATE, ROW)
            .created(Map.of("entityname", "contact", "profile", PROFILE, "syncstate", sync(4)));
        for (int i = 1; i < 10; i++) {
            life.then(Map.of("syncstate", sync(i == failsAt ? 8 : 4), "lakerecordcount", 100L * i));
        }
        return life.callbacks();
    }

    private RowState row() {
        return rows.find(StateTable.PROFILE_ENTITY_STATE, ROW).orElseThrow().value();
    }

    @Test
    void keepsAtMostTheConfiguredVersions() {
        ChangeProcessor processor = processor(4, Duration.ofDays(30));
        for (byte[] body : tenSyncs(-1)) {
            processor.process(parse(body));
            assertTrue(row().history().versions().size() <= 4, "kept " + row().history().versions().size());
        }
        assertTrue(row().history().baselined());
    }

    @Test
    void aChangeOlderThanTheOldestKeptIsStaleCountedAndShown() {
        ChangeProcessor processor = processor(4, Duration.ofDays(30));
        List<byte[]> syncs = tenSyncs(2);
        for (int i = 0; i < syncs.size(); i++) {
            if (i != 2) {
                processor.process(parse(syncs.get(i)));
            }
        }
        ProcessingResult late = processor.process(parse(syncs.get(2)));
        assertEquals(Outcome.STALE, late.outcome());
        assertEquals(List.of(), late.events());
        assertEquals(1, row().history().tooOld());
        StatusService status = new StatusService(rows, new InMemoryEventStore(), StallPolicy.DEFAULT, clock);
        assertEquals(1, status.changesTooOld());
        assertEquals(Outcome.DUPLICATE, processor.process(parse(syncs.get(2))).outcome(), "counted once");
    }

    @Test
    void aLateChangeInsideTheKeptVersionsIsJudgedInItsPlace() {
        ChangeProcessor processor = processor(6, Duration.ofDays(30));
        List<byte[]> syncs = tenSyncs(7);
        for (int i = 0; i < syncs.size(); i++) {
            if (i != 7) {
                processor.process(parse(syncs.get(i)));
            }
        }
        // the failure shows in the next sync's pre image already; the late callback itself joins that episode
        assertEquals(Outcome.APPLIED, processor.process(parse(syncs.get(7))).outcome());
        assertEquals(List.of(HealthEventName.TableSyncFailed, HealthEventName.TableSyncRecovered),
            published.stream().map(HealthEvent::name).toList());
    }

    @Test
    void versionsFarOlderThanTheNewestAreLetGo() {
        ChangeProcessor processor = processor(100, Duration.ofHours(1));
        for (byte[] body : tenSyncs(-1)) {
            processor.process(parse(body));
        }
        List<com.synapselinkhealth.history.ChangeVersion> kept = row().history().versions();
        Instant newest = kept.get(kept.size() - 1).modifiedOn();
        assertTrue(kept.stream().allMatch(v -> !v.modifiedOn().isBefore(newest.minus(Duration.ofHours(1)))), kept.toString());
        assertTrue(kept.size() < 10);
    }

    @Test
    void aFailureReportedBeforeTheKeptVersionsIsNotReportedAgain() {
        ChangeProcessor processor = processor(4, Duration.ofDays(30));
        Lifecycle life = Lifecycle.of(StateTable.PROFILE_ENTITY_STATE, ROW)
            .created(Map.of("entityname", "contact", "profile", PROFILE, "syncstate", sync(4)));
        for (int i = 1; i < 10; i++) {
            life.then(Map.of("syncstate", sync(i < 2 ? 4 : 8), "lakerecordcount", 100L * i));
        }
        life.callbacks().forEach(body -> processor.process(parse(body)));
        assertEquals(List.of(HealthEventName.TableSyncFailed), published.stream().map(HealthEvent::name).toList());
    }

    @Test
    void aDriftReportedBeforeTheKeptVersionsIsNotReportedAgain() {
        ChangeProcessor processor = processor(4, Duration.ofDays(30));
        Lifecycle life = Lifecycle.of(StateTable.PROFILE_ENTITY_STATE, ROW).created(Map.of("entityname", "contact",
            "profile", PROFILE, "syncstate", sync(4), "initialsyncstate", sync(4), "lakerecordcount", 10_000L,
            "crmrecordcount", 10_000L, "lastsynceddatatime", Instant.parse("2024-06-03T08:00:00Z")));
        for (int i = 1; i < 12; i++) {
            // the lake stays 2,000 rows behind for eleven syncs: one drift, however many versions are let go
            life.then(Map.of("lakerecordcount", 8_000L + i, "crmrecordcount", 10_000L + i,
                "lastsynceddatatime", Instant.parse("2024-06-03T08:00:00Z").plus(Duration.ofMinutes(15L * i))));
        }
        life.callbacks().forEach(body -> processor.process(parse(body)));
        assertEquals(List.of(HealthEventName.RecordCountDrift), published.stream().map(HealthEvent::name).toList());
        assertTrue(row().history().baselined());
        assertTrue(row().history().warningsBefore().drifting(), "the versions let go left the drift behind them");
    }
}
