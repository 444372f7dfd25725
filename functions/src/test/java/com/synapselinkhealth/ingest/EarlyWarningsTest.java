package com.synapselinkhealth.ingest;

import static com.synapselinkhealth.testing.SynapseLink.sync;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.synapselinkhealth.dataverse.EntityReference;
import com.synapselinkhealth.health.HealthEvent;
import com.synapselinkhealth.health.HealthEventName;
import com.synapselinkhealth.statetables.StateTable;
import com.synapselinkhealth.testing.Lifecycle;
import com.synapselinkhealth.testing.Permutations;
import com.synapselinkhealth.testing.Pipeline;
import com.synapselinkhealth.testing.SynapseLink;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The early warnings of the catalogue, read from a table's versions: in Dataverse's order, in every other order, and
 * the edges where they must stay quiet. The allowance is the stall floor (60 minutes) since no schedule is known.
 */
public class EarlyWarningsTest {
    private static final EntityReference PROFILE = new EntityReference(StateTable.PROFILE.logicalName(), SynapseLink.PROFILE_ID, null);
    private static final Instant START = Instant.parse("2024-06-03T00:00:00Z");
    private static final Duration HOUR = Duration.ofHours(1);

    /** One version per hour; each map gives the columns that change (lastsynceddatatime set from {@code lagMinutes}). */
    private static Lifecycle hourly(UUID row, Map<String, Object> first) {
        Map<String, Object> created = new LinkedHashMap<>(Map.of("entityname", "contact", "profile", PROFILE,
            "syncstate", sync(4), "initialsyncstate", sync(4)));
        created.putAll(first);
        return Lifecycle.of(StateTable.PROFILE_ENTITY_STATE, row).startingAt(START, HOUR, 7_000).created(created);
    }

    /** The columns of the version at hour {@code i} whose data lags {@code lagMinutes} behind it. */
    private static Map<String, Object> at(int i, long lagMinutes, long lake, long crm) {
        return Map.of("lastsynceddatatime", START.plus(HOUR.multipliedBy(i)).minus(Duration.ofMinutes(lagMinutes)),
            "lakerecordcount", lake, "crmrecordcount", crm);
    }

    private static List<HealthEvent> run(List<byte[]> callbacks, int[] order) {
        Pipeline pipeline = new Pipeline();
        for (int i : order) {
            pipeline.process(callbacks.get(i));
        }
        return pipeline.published;
    }

    private static List<HealthEvent> inOrder(List<byte[]> callbacks) {
        return run(callbacks, Permutations.identity(callbacks.size()));
    }

    private static List<HealthEventName> names(List<HealthEvent> events) {
        return events.stream().map(HealthEvent::name).toList();
    }

    private static Map<String, Long> multiset(List<HealthEvent> events) {
        Map<String, Long> counts = new TreeMap<>();
        events.forEach(e -> counts.merge(e.name() + (e.details().progressPercent() == null ? "" : ":" + e.details().progressPercent()),
            1L, Long::sum));
        return counts;
    }

    /** Every order gives the multiset of Dataverse's order, none raised twice. */
    private static void assertEveryOrder(List<byte[]> callbacks) {
        Map<String, Long> expected = multiset(inOrder(callbacks));
        Permutations.forEach(callbacks.size(), order -> {
            List<HealthEvent> events = run(callbacks, order);
            assertEquals(expected, multiset(events), Arrays.toString(order));
            Set<String> ids = new HashSet<>();
            events.forEach(e -> assertTrue(ids.add(e.id()), "raised twice: " + e));
        });
    }

    private static List<HealthEvent> warningsOnly(List<HealthEvent> events) {
        Set<HealthEventName> early = Set.of(HealthEventName.RecordCountDrift, HealthEventName.RecordCountDriftCleared,
            HealthEventName.SyncFallingBehind, HealthEventName.SyncCaughtUp, HealthEventName.InitialSyncProgress);
        return events.stream().filter(e -> early.contains(e.name())).toList();
    }

    // ---- record-count drift -------------------------------------------------------------------------------------

    /** The lake falls 1,000 rows behind on three syncs, then catches up. */
    public static List<byte[]> lakeFallsBehindAndCatchesUp(UUID row) {
        return hourly(row, at(0, 5, 10_000, 10_000))
            .then(at(1, 5, 9_000, 10_000)).then(at(2, 5, 9_000, 10_000)).then(at(3, 5, 9_000, 10_000))
            .then(at(4, 5, 10_000, 10_000)).callbacks();
    }

    @Test
    void aLakeOffForThreeSyncsDriftsAndThenClears() {
        List<HealthEvent> events = inOrder(lakeFallsBehindAndCatchesUp(UUID.randomUUID()));
        assertEquals(List.of(HealthEventName.RecordCountDrift, HealthEventName.RecordCountDriftCleared), names(events));
        assertEquals(-1_000L, events.get(0).details().recordCountDifference());
        assertEquals(9_000L, events.get(0).lakeRecordCount());
        assertEquals(10_000L, events.get(0).dataverseRecordCount());
        assertEquals(START.plus(HOUR.multipliedBy(3)), events.get(0).time(), "at the third sync off");
        assertEquals(0L, events.get(1).details().recordCountDifference());
        assertTrue(events.get(0).summary().contains("1,000 rows fewer than Dataverse"), events.get(0).summary());
        assertEveryOrder(lakeFallsBehindAndCatchesUp(UUID.randomUUID()));
    }

    @Test
    void twoSyncsOffAreNotDrift() {
        assertEquals(List.of(), warningsOnly(inOrder(hourly(UUID.randomUUID(), at(0, 5, 10_000, 10_000))
            .then(at(1, 5, 9_000, 10_000)).then(at(2, 5, 9_000, 10_000)).then(at(3, 5, 10_000, 10_000)).callbacks())));
    }

    @Test
    void aDifferenceWithinTheBoundIsNotDrift() {
        // 1 % of 100,000 is 1,000: 900 rows off is within it
        assertEquals(List.of(), warningsOnly(inOrder(hourly(UUID.randomUUID(), at(0, 5, 100_000, 100_000))
            .then(at(1, 5, 99_100, 100_000)).then(at(2, 5, 99_100, 100_000)).then(at(3, 5, 99_100, 100_000))
            .callbacks())));
    }

    @Test
    void versionsThatDoNotAdvanceDoNotCount() {
        // the counts are off, but lastsynceddatatime stands still: these are not syncs
        assertEquals(List.of(), warningsOnly(inOrder(hourly(UUID.randomUUID(), at(0, 5, 10_000, 10_000))
            .then(at(1, 5, 9_000, 10_000)).then("lakerecordcount", 8_000L).then("crmrecordcount", 10_500L)
            .then("lakerecordcount", 8_100L).callbacks())));
    }

    @Test
    void countsThatMoveDuringTheInitialSyncAreNotDrift() {
        assertTrue(warningsOnly(inOrder(hourly(UUID.randomUUID(), Map.of("initialsyncstate", sync(2), "lastsynceddatatime", START,
                "lakerecordcount", 0L, "crmrecordcount", 10_000L))
            .then(at(1, 5, 100, 10_000)).then(at(2, 5, 150, 10_000)).then(at(3, 5, 200, 10_000)).then(at(4, 5, 240, 10_000))
            .callbacks())).stream().noneMatch(e -> e.name().equals(HealthEventName.RecordCountDrift)));
    }

    /** An append-only table's lake runs ahead of Dataverse: a row per change is normal there. */
    @Test
    void anAppendOnlyLakeAheadOfDataverseIsNotDrift() {
        List<byte[]> ahead = hourly(UUID.randomUUID(), at(0, 5, 10_000, 10_000))
            .then(at(1, 5, 12_000, 10_000)).then(at(2, 5, 14_000, 10_000)).then(at(3, 5, 16_000, 10_000))
            .then(at(4, 5, 18_000, 10_000)).callbacks();
        assertEquals(List.of(), warningsOnly(inOrder(ahead)), "append-only mode unknown");
        Pipeline pipeline = new Pipeline();
        pipeline.process(Lifecycle.of(StateTable.PROFILE_ENTITY, UUID.randomUUID())
            .created(Map.of("entityname", "contact", "profile", PROFILE, "enabled", true, "appendonlymode", true)).callbacks().get(0));
        ahead.forEach(pipeline::process);
        assertEquals(List.of(), warningsOnly(pipeline.published), "append-only mode on");
    }

    @Test
    void aLakeAheadOfDataverseDriftsWhereTheTableIsKnownNotToBeAppendOnly() {
        Pipeline pipeline = new Pipeline();
        pipeline.process(Lifecycle.of(StateTable.PROFILE_ENTITY, UUID.randomUUID())
            .created(Map.of("entityname", "contact", "profile", PROFILE, "enabled", true, "appendonlymode", false)).callbacks().get(0));
        hourly(UUID.randomUUID(), at(0, 5, 10_000, 10_000))
            .then(at(1, 5, 12_000, 10_000)).then(at(2, 5, 12_000, 10_000)).then(at(3, 5, 12_000, 10_000))
            .callbacks().forEach(pipeline::process);
        List<HealthEvent> drift = warningsOnly(pipeline.published);
        assertEquals(List.of(HealthEventName.RecordCountDrift), names(drift));
        assertEquals(2_000L, drift.get(0).details().recordCountDifference());
    }

    // ---- falling behind ---------------------------------------------------------------------------------------------

    /** Lags of 5, 10, 20, 30 and 40 minutes (past half the 60-minute allowance), then 10 minutes. */
    public static List<byte[]> lagGrowsAndDrops(UUID row) {
        return hourly(row, at(0, 5, 10_000, 10_000))
            .then(at(1, 10, 10_000, 10_000)).then(at(2, 20, 10_000, 10_000)).then(at(3, 30, 10_000, 10_000))
            .then(at(4, 40, 10_000, 10_000)).then(at(5, 10, 10_000, 10_000)).callbacks();
    }

    @Test
    void aLagThatGrowsPastHalfTheAllowanceFallsBehindAndThenCatchesUp() {
        List<HealthEvent> events = warningsOnly(inOrder(lagGrowsAndDrops(UUID.randomUUID())));
        assertEquals(List.of(HealthEventName.SyncFallingBehind, HealthEventName.SyncCaughtUp), names(events));
        assertEquals(40L * 60, events.get(0).details().lagSeconds());
        assertEquals(60L * 60, events.get(0).details().allowanceSeconds());
        assertEquals(10L * 60, events.get(1).details().lagSeconds());
        assertEveryOrder(lagGrowsAndDrops(UUID.randomUUID()));
    }

    @Test
    void theAllowanceFollowsAScheduleJudgedMeanwhile() {
        List<byte[]> lags = lagGrowsAndDrops(UUID.randomUUID());
        Pipeline pipeline = new Pipeline();
        pipeline.process(lags.get(0));
        // an hourly schedule: an allowance of 3 hours, so lags up to 40 minutes are far from half of it
        pipeline.process(SynapseLink.scheduleCreated(UUID.randomUUID(), 60));
        lags.subList(1, lags.size()).forEach(pipeline::process);
        assertEquals(List.of(), warningsOnly(pipeline.published));
    }

    @Test
    void aLagThatGrowsForFewerSyncsThanTheRuleNeedsIsNotFallingBehind() {
        assertEquals(List.of(), warningsOnly(inOrder(hourly(UUID.randomUUID(), at(0, 5, 10_000, 10_000))
            .then(at(1, 5, 10_000, 10_000)).then(at(2, 35, 10_000, 10_000)).then(at(3, 50, 10_000, 10_000)).callbacks())));
    }

    @Test
    void aLagThatGrowsButStaysUnderHalfTheAllowanceIsNotFallingBehind() {
        assertEquals(List.of(), warningsOnly(inOrder(hourly(UUID.randomUUID(), at(0, 5, 10_000, 10_000))
            .then(at(1, 10, 10_000, 10_000)).then(at(2, 15, 10_000, 10_000)).then(at(3, 20, 10_000, 10_000))
            .then(at(4, 25, 10_000, 10_000)).callbacks())));
    }

    // ---- initial sync progress ----------------------------------------------------------------------------------------

    /** An initial sync of 100,000 rows: 0, 15,000, 30,000, 55,000, 80,000, then Completed. */
    public static List<byte[]> initialSyncOf100k(UUID row) {
        return hourly(row, Map.of("initialsyncstate", sync(2), "syncstate", sync(1), "lastsynceddatatime", START,
                "lakerecordcount", 0L, "crmrecordcount", 100_000L))
            .then(at(1, 0, 15_000, 100_000)).then(at(2, 0, 30_000, 100_000)).then(at(3, 0, 55_000, 100_000))
            .then(at(4, 0, 80_000, 100_000))
            .then(Map.of("initialsyncstate", sync(4), "syncstate", sync(4), "lakerecordcount", 100_000L,
                "lastsynceddatatime", START.plus(HOUR.multipliedBy(5))))
            .callbacks();
    }

    @Test
    void anInitialSyncPasses25And50And75PercentWithAnEstimate() {
        List<HealthEvent> events = inOrder(initialSyncOf100k(UUID.randomUUID()));
        List<HealthEvent> progress = events.stream().filter(e -> e.name().equals(HealthEventName.InitialSyncProgress)).toList();
        assertEquals(List.of(25, 50, 75), progress.stream().map(e -> e.details().progressPercent()).toList());
        // 30,000 rows in 2 hours since the first version: 70,000 more take 4 h 40 min
        assertEquals(START.plus(HOUR.multipliedBy(2)).plus(Duration.ofMinutes(280)), progress.get(0).details().estimatedCompletionAt());
        // 55,000 in 3 hours: 45,000 more take 2 h 27 min 16.4 s, rounded up to the second
        assertEquals(START.plus(HOUR.multipliedBy(3)).plusSeconds(8837), progress.get(1).details().estimatedCompletionAt());
        progress.forEach(e -> assertNotNull(e.details().estimatedCompletionAt()));
        assertTrue(names(events).contains(HealthEventName.InitialSyncCompleted));
        assertTrue(progress.get(0).summary().contains("25 % done"), progress.get(0).summary());
        assertEveryOrder(initialSyncOf100k(UUID.randomUUID()));
    }

    @Test
    void aJumpPastTwoThresholdsRaisesBoth() {
        List<HealthEvent> progress = inOrder(hourly(UUID.randomUUID(), Map.of("initialsyncstate", sync(2), "syncstate", sync(1),
                "lastsynceddatatime", START, "lakerecordcount", 0L, "crmrecordcount", 1_000L))
            .then(at(1, 0, 100, 1_000)).then(at(2, 0, 600, 1_000)).callbacks());
        assertEquals(List.of(25, 50), progress.stream().filter(e -> e.name().equals(HealthEventName.InitialSyncProgress))
            .map(e -> e.details().progressPercent()).toList());
        assertEquals(2, new HashSet<>(progress.stream().map(HealthEvent::id).toList()).size(), "two ids");
    }

    // ---- a normal day ---------------------------------------------------------------------------------------------------

    @Test
    void aNormalDayOfHourlySyncsRaisesNoEarlyWarning() {
        Lifecycle day = hourly(UUID.randomUUID(), at(0, 7, 50_000, 50_000));
        for (int h = 1; h < 24; h++) {
            long rows = 50_000 + 40L * h;
            day.then(at(h, 7, rows - (h % 3) * 10, rows));
        }
        List<HealthEvent> events = inOrder(day.callbacks());
        assertEquals(List.of(), events, "nothing at all on a normal day");
    }

    @Test
    void theEarlyWarningsOfSeveralLivesInSeededShuffles() {
        List<byte[]> all = new ArrayList<>();
        all.addAll(lakeFallsBehindAndCatchesUp(UUID.randomUUID()));
        all.addAll(lagGrowsAndDrops(UUID.randomUUID()));
        all.addAll(initialSyncOf100k(UUID.randomUUID()));
        Map<String, Long> expected = multiset(inOrder(all));
        java.util.Random random = new java.util.Random(14);
        for (int i = 0; i < 40; i++) {
            List<Integer> order = new ArrayList<>(Arrays.stream(Permutations.identity(all.size())).boxed().toList());
            java.util.Collections.shuffle(order, random);
            assertEquals(expected, multiset(run(all, order.stream().mapToInt(Integer::intValue).toArray())));
        }
    }
}
