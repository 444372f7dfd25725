package com.synapselinkhealth.ingest;

import static com.synapselinkhealth.testing.SynapseLink.profileState;
import static com.synapselinkhealth.testing.SynapseLink.sync;
import static com.synapselinkhealth.testing.SynapseLink.tableState;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.synapselinkhealth.health.HealthEvent;
import com.synapselinkhealth.health.HealthEventName;
import com.synapselinkhealth.health.StallPolicy;
import com.synapselinkhealth.statetables.Choice;
import com.synapselinkhealth.statetables.StateTable;
import com.synapselinkhealth.testing.CallbackBuilder;
import com.synapselinkhealth.testing.Pipeline;
import com.synapselinkhealth.testing.SynapseLink;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class StallMonitorTest {
    private static final UUID ROW = UUID.fromString("e3b1f2a4-5c6d-ef11-9f89-000d3a4a5b6c");
    private static final Instant LAST_SYNC = Instant.parse("2024-06-03T09:30:00Z");
    private static final StallPolicy THREE_TIMES_FLOOR_30_MIN = new StallPolicy(3.0, Duration.ofMinutes(30));

    private final Pipeline pipeline = new Pipeline();

    private void table(String name, Choice syncState, Instant lastSync) {
        pipeline.process(tableState(ROW, name).target("lastsynceddatatime", lastSync).target("modifiedon", lastSync)
            .unchanged("syncstate", syncState));
    }

    private List<HealthEvent> checkAfter(Duration sinceLastSync, StallPolicy policy) {
        pipeline.clock.set(LAST_SYNC.plus(sinceLastSync));
        return pipeline.stallMonitor(policy).check();
    }

    private static List<HealthEventName> names(List<HealthEvent> events) {
        return events.stream().map(HealthEvent::name).toList();
    }

    @Test
    void stallsOnceAfterThreeScheduleIntervals() {
        pipeline.process(SynapseLink.scheduleCreated(UUID.randomUUID(), 15));
        table("account", sync(4), LAST_SYNC);
        assertEquals(List.of(), checkAfter(Duration.ofMinutes(45), THREE_TIMES_FLOOR_30_MIN));
        List<HealthEvent> stalled = checkAfter(Duration.ofMinutes(46), THREE_TIMES_FLOOR_30_MIN);
        assertEquals(List.of(HealthEventName.TableSyncStalled), names(stalled));
        assertEquals(List.of(), checkAfter(Duration.ofHours(5), THREE_TIMES_FLOOR_30_MIN));
        assertEquals(stalled, pipeline.published);
    }

    @Test
    void theFloorWinsOverAShortSchedule() {
        pipeline.process(SynapseLink.scheduleCreated(UUID.randomUUID(), 15));
        table("account", sync(4), LAST_SYNC);
        StallPolicy floorOneHour = new StallPolicy(3.0, Duration.ofHours(1));
        assertEquals(List.of(), checkAfter(Duration.ofMinutes(59), floorOneHour));
        HealthEvent e = checkAfter(Duration.ofMinutes(61), floorOneHour).get(0);
        assertEquals(LAST_SYNC.plus(Duration.ofHours(1)), e.time());
        assertTrue(e.summary().contains("its schedule allows 1 h"), e.summary());
    }

    @Test
    void withoutAScheduleTheFloorIsTheAllowance() {
        table("account", sync(4), LAST_SYNC);
        assertEquals(List.of(), checkAfter(Duration.ofMinutes(30), THREE_TIMES_FLOOR_30_MIN));
        HealthEvent e = checkAfter(Duration.ofMinutes(31), THREE_TIMES_FLOOR_30_MIN).get(0);
        assertTrue(e.summary().contains("the allowed gap is 30 min"), e.summary());
    }

    @Test
    void aTablesOwnScheduleWinsOverTheProfileWideOne() {
        pipeline.process(SynapseLink.scheduleCreated(UUID.randomUUID(), 15));
        pipeline.process(SynapseLink.scheduleCreated(UUID.randomUUID(), 60).target("entityname", "account"));
        table("account", sync(4), LAST_SYNC);
        assertEquals(List.of(), checkAfter(Duration.ofMinutes(179), THREE_TIMES_FLOOR_30_MIN));
        assertEquals(1, checkAfter(Duration.ofMinutes(181), THREE_TIMES_FLOOR_30_MIN).size());
    }

    @Test
    void failedAndPausedTablesDoNotStall() {
        table("account", sync(8), LAST_SYNC);
        pipeline.process(tableState(UUID.randomUUID(), "contact").target("lastsynceddatatime", LAST_SYNC)
            .unchanged("syncstate", sync(32)));
        assertEquals(List.of(), checkAfter(Duration.ofDays(2), THREE_TIMES_FLOOR_30_MIN));
    }

    @Test
    void tablesOfAProfileThatIsNotActiveDoNotStall() {
        pipeline.process(SynapseLink.profileCreated(profileState(1)));
        pipeline.process(SynapseLink.profileState(profileState(1), profileState(8), LAST_SYNC));
        table("account", sync(4), LAST_SYNC);
        assertEquals(List.of(), checkAfter(Duration.ofDays(2), THREE_TIMES_FLOOR_30_MIN));
    }

    @Test
    void deletedTablesDoNotStall() {
        table("account", sync(4), LAST_SYNC);
        pipeline.process(CallbackBuilder.delete(StateTable.PROFILE_ENTITY_STATE, ROW).preImage("entityname", "account"));
        assertEquals(List.of(), checkAfter(Duration.ofDays(2), THREE_TIMES_FLOOR_30_MIN));
    }

    @Test
    void resumesWhenTheLastSyncMovesAndCanStallAgain() {
        table("account", sync(4), LAST_SYNC);
        HealthEvent firstStall = checkAfter(Duration.ofMinutes(31), THREE_TIMES_FLOOR_30_MIN).get(0);
        assertEquals(List.of(), pipeline.events(tableState(ROW, "account").target("lakerecordcount", 5L)
            .target("modifiedon", LAST_SYNC.plusSeconds(1900))), "counts alone are no resumption");
        Instant synced = LAST_SYNC.plus(Duration.ofMinutes(40));
        assertEquals(List.of(HealthEventName.TableSyncResumed), names(pipeline.events(tableState(ROW, "account")
            .target("lastsynceddatatime", synced).target("modifiedon", synced))));
        pipeline.clock.set(synced.plus(Duration.ofMinutes(31)));
        List<HealthEvent> again = pipeline.stallMonitor(THREE_TIMES_FLOOR_30_MIN).check();
        assertEquals(List.of(HealthEventName.TableSyncStalled), names(again));
        assertNotEquals(firstStall.id(), again.get(0).id());
    }

    @Test
    void policyValidatesAndScales() {
        assertEquals(Duration.ofMinutes(45), THREE_TIMES_FLOOR_30_MIN.allowance(Optional.of(Duration.ofMinutes(15))));
        assertEquals(Duration.ofMinutes(30), THREE_TIMES_FLOOR_30_MIN.allowance(Optional.of(Duration.ofMinutes(5))));
        assertEquals(Duration.ofMinutes(30), THREE_TIMES_FLOOR_30_MIN.allowance(Optional.empty()));
        assertThrows(IllegalArgumentException.class, () -> new StallPolicy(0.5, Duration.ofHours(1)));
        assertThrows(IllegalArgumentException.class, () -> new StallPolicy(Double.NaN, Duration.ofHours(1)));
        assertThrows(IllegalArgumentException.class, () -> new StallPolicy(3, Duration.ZERO));
    }

    // ---- Delta Lake conversions that stop without failing ---------------------------------------------------------

    private static final UUID DELTA_ROW = UUID.fromString("d3b1f2a4-5c6d-ef11-9f89-000d3a4a5b6c");

    private void deltaTable(Choice tableState, Instant lastSynchronized) {
        pipeline.process(SynapseLink.externalTable(DELTA_ROW, "contact").target("lastsynchronizedon", lastSynchronized)
            .target("modifiedon", lastSynchronized).unchanged("tablestate", tableState).unchanged("lastsyncstate", SynapseLink.external(1)));
    }

    @Test
    void aDeltaConversionThatStoppedTwoDaysAgoStallsOnceAndResumesWhenItRunsAgain() {
        pipeline.process(SynapseLink.profileCreated(profileState(1)));
        pipeline.process(SynapseLink.scheduleCreated(UUID.randomUUID(), 60));
        deltaTable(SynapseLink.external(1), LAST_SYNC);
        assertEquals(List.of(), checkAfter(Duration.ofHours(2), StallPolicy.DEFAULT), "within 3 x 60 minutes");
        List<HealthEvent> stalled = checkAfter(Duration.ofDays(2), StallPolicy.DEFAULT);
        assertEquals(List.of(HealthEventName.DeltaSyncStalled), names(stalled));
        HealthEvent e = stalled.get(0);
        assertEquals("contact", e.table());
        assertEquals(SynapseLink.PROFILE_NAME, e.profileName());
        assertEquals(LAST_SYNC, e.lastSyncedAt());
        assertEquals(3L * 3600, e.details().allowanceSeconds());
        assertTrue(e.summary().contains("2 d ago"), e.summary());
        assertEquals(List.of(), checkAfter(Duration.ofDays(3), StallPolicy.DEFAULT), "reported once");

        deltaTable(SynapseLink.external(1), LAST_SYNC.plus(Duration.ofDays(3)));
        assertEquals(HealthEventName.DeltaSyncResumed, pipeline.published.get(pipeline.published.size() - 1).name());
    }

    @Test
    void aDeltaTableThatIsNotCreatedOrWhoseProfileIsNotActiveDoesNotStall() {
        pipeline.process(SynapseLink.profileCreated(profileState(6)));
        deltaTable(SynapseLink.external(1), LAST_SYNC);
        assertEquals(List.of(), checkAfter(Duration.ofDays(2), StallPolicy.DEFAULT), "profile suspended");
        Pipeline other = new Pipeline();
        other.process(SynapseLink.externalTable(DELTA_ROW, "contact").target("lastsynchronizedon", LAST_SYNC)
            .target("tablestate", SynapseLink.external(2)));
        other.clock.set(LAST_SYNC.plus(Duration.ofDays(2)));
        assertEquals(List.of(HealthEventName.DeltaTableFailed), names(other.published), "a failed table has its own event");
        assertEquals(List.of(), other.stallMonitor(StallPolicy.DEFAULT).check());
    }
}
