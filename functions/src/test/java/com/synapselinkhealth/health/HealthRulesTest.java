package com.synapselinkhealth.health;

import static com.synapselinkhealth.testing.SynapseLink.PROFILE_ID;
import static com.synapselinkhealth.testing.SynapseLink.PROFILE_NAME;
import static com.synapselinkhealth.testing.SynapseLink.external;
import static com.synapselinkhealth.testing.SynapseLink.externalTable;
import static com.synapselinkhealth.testing.SynapseLink.profileLookup;
import static com.synapselinkhealth.testing.SynapseLink.profileState;
import static com.synapselinkhealth.testing.SynapseLink.sync;
import static com.synapselinkhealth.testing.SynapseLink.tableState;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.synapselinkhealth.statetables.ChoiceSet;
import com.synapselinkhealth.statetables.StateTable;
import com.synapselinkhealth.testing.CallbackBuilder;
import com.synapselinkhealth.testing.Pipeline;
import com.synapselinkhealth.testing.SynapseLink;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One test per row of the event catalogue (docs/events.md), each through the whole pipeline: body, parser, row state,
 * rules, event. The profile "Contoso Lake" is known from its own Create before each test.
 */
class HealthRulesTest {
    private static final UUID ROW = UUID.fromString("e3b1f2a4-5c6d-ef11-9f89-000d3a4a5b6c");
    private static final Instant AT = Instant.parse("2024-06-03T09:41:07Z");
    private static final Instant LAST_SYNC = Instant.parse("2024-06-03T09:30:00Z");

    private Pipeline pipeline;

    @BeforeEach
    void profileIsKnown() {
        pipeline = new Pipeline();
        assertEquals(List.of(), pipeline.events(SynapseLink.profileCreated(profileState(1))));
    }

    private HealthEvent only(CallbackBuilder callback) {
        List<HealthEvent> events = pipeline.events(callback);
        assertEquals(1, events.size(), () -> "expected one event, got " + events);
        return events.get(0);
    }

    private static void assertEvent(HealthEvent e, HealthEventName name, Severity severity, String previous, String current) {
        assertEquals(name, e.name());
        assertEquals(severity, e.severity());
        assertEquals(previous, e.previousState(), "previousState");
        assertEquals(current, e.currentState(), "currentState");
        assertEquals(CallbackBuilder.ORGANIZATION_NAME, e.organization());
    }

    /** Table, profile and where the event came from; the summary names both table and profile. */
    private static void assertAbout(HealthEvent e, String table, StateTable stateTable, UUID rowId) {
        assertEquals(table, e.table());
        assertEquals(PROFILE_NAME, e.profileName());
        assertEquals(stateTable.logicalName(), e.stateTable());
        assertEquals(rowId, e.rowId());
        String summary = e.summary().toLowerCase(Locale.ROOT);
        if (table != null) {
            assertTrue(summary.contains("table " + table), e.summary());
        }
        assertTrue(summary.contains("profile " + PROFILE_NAME.toLowerCase(Locale.ROOT)), e.summary());
    }

    // ---- synapselinkprofileentitystate -----------------------------------------------------------

    private CallbackBuilder tableChange(String table) {
        return tableState(ROW, table).target("modifiedon", AT)
            .unchanged("lastsynceddatatime", LAST_SYNC).unchanged("lakerecordcount", 1_200L).unchanged("crmrecordcount", 1_250L);
    }

    private void assertTableEvent(HealthEvent e, String table) {
        assertAbout(e, table, StateTable.PROFILE_ENTITY_STATE, ROW);
        assertEquals(PROFILE_ID, e.profileId());
        assertEquals(LAST_SYNC, e.lastSyncedAt());
        assertEquals(1_200L, e.lakeRecordCount());
        assertEquals(1_250L, e.dataverseRecordCount());
        assertEquals(AT, e.time());
    }

    @Test
    void initialSyncCompleted() {
        HealthEvent e = only(tableChange("account").target("initialsyncstate", sync(4)).preImage("initialsyncstate", sync(2)));
        assertEvent(e, HealthEventName.InitialSyncCompleted, Severity.INFO, "InProgress", "Completed");
        assertTableEvent(e, "account");
        assertTrue(e.summary().contains("1,200 rows"), e.summary());
    }

    @Test
    void initialSyncFailed() {
        HealthEvent e = only(tableChange("contact").target("initialsyncstate", sync(8)).preImage("initialsyncstate", sync(2)));
        assertEvent(e, HealthEventName.InitialSyncFailed, Severity.ERROR, "InProgress", "CompletedWithFailures");
        assertTableEvent(e, "contact");
    }

    @Test
    void tableSyncFailed() {
        HealthEvent e = only(tableChange("contact").target("syncstate", sync(8)).preImage("syncstate", sync(2)));
        assertEvent(e, HealthEventName.TableSyncFailed, Severity.ERROR, "InProgress", "CompletedWithFailures");
        assertTableEvent(e, "contact");
        assertTrue(e.summary().contains("last successful sync 2024-06-03 09:30 UTC"), e.summary());
    }

    @Test
    void tableSyncPaused() {
        HealthEvent e = only(tableChange("contact").target("syncstate", sync(32)).preImage("syncstate", sync(4)));
        assertEvent(e, HealthEventName.TableSyncPaused, Severity.WARNING, "Completed", "Paused");
        assertTableEvent(e, "contact");
    }

    @Test
    void tableSyncRecovered() {
        HealthEvent e = only(tableChange("contact").target("syncstate", sync(2)).preImage("syncstate", sync(8)));
        assertEvent(e, HealthEventName.TableSyncRecovered, Severity.INFO, "CompletedWithFailures", "InProgress");
        assertTableEvent(e, "contact");
        HealthEvent unpaused = only(tableState(UUID.randomUUID(), "incident").target("syncstate", sync(4))
            .preImage("syncstate", sync(32)));
        assertEvent(unpaused, HealthEventName.TableSyncRecovered, Severity.INFO, "Paused", "Completed");
    }

    @Test
    void metadataFailed() {
        HealthEvent e = only(tableChange("incident").target("metadatastate", ChoiceSet.ENTITY_METADATA_STATE.of(16))
            .preImage("metadatastate", ChoiceSet.ENTITY_METADATA_STATE.of(2)));
        assertEvent(e, HealthEventName.MetadataFailed, Severity.ERROR, "MetadataCreating", "Failure");
        assertTableEvent(e, "incident");
    }

    @Test
    void synapseTableCreationFailed() {
        HealthEvent e = only(tableChange("incident").target("synapsetablecreationstate", ChoiceSet.SYNAPSE_TABLE_CREATION_STATE.of(3))
            .preImage("synapsetablecreationstate", ChoiceSet.SYNAPSE_TABLE_CREATION_STATE.of(1)));
        assertEvent(e, HealthEventName.SynapseTableCreationFailed, Severity.ERROR, "InProgress", "Failed");
        assertTableEvent(e, "incident");
    }

    // ---- stall timer -----------------------------------------------------------------------------

    /** A table that syncs every 15 minutes and last synced at LAST_SYNC. */
    private void tableSyncsEveryFifteenMinutes() {
        pipeline.process(SynapseLink.scheduleCreated(UUID.randomUUID(), 15));
        pipeline.process(tableState(ROW, "account").target("lastsynceddatatime", LAST_SYNC).target("modifiedon", LAST_SYNC)
            .unchanged("syncstate", sync(4)).unchanged("lakerecordcount", 1_200L));
    }

    private List<HealthEvent> checkAt(Instant now) {
        pipeline.clock.set(now);
        return pipeline.stallMonitor(new StallPolicy(3.0, Duration.ofMinutes(30))).check();
    }

    @Test
    void tableSyncStalled() {
        tableSyncsEveryFifteenMinutes();
        List<HealthEvent> events = checkAt(LAST_SYNC.plus(Duration.ofMinutes(50)));
        assertEquals(1, events.size(), events::toString);
        HealthEvent e = events.get(0);
        assertEvent(e, HealthEventName.TableSyncStalled, Severity.WARNING, "Completed", "Completed");
        assertAbout(e, "account", StateTable.PROFILE_ENTITY_STATE, ROW);
        assertEquals(LAST_SYNC, e.lastSyncedAt());
        assertEquals(LAST_SYNC.plus(Duration.ofMinutes(45)), e.time());
        assertNull(e.operationId());
        assertTrue(e.summary().contains("its schedule allows 45 min"), e.summary());
    }

    @Test
    void tableSyncResumed() {
        tableSyncsEveryFifteenMinutes();
        checkAt(LAST_SYNC.plus(Duration.ofMinutes(50)));
        Instant synced = LAST_SYNC.plus(Duration.ofMinutes(55));
        HealthEvent e = only(tableState(ROW, "account").target("lastsynceddatatime", synced).target("modifiedon", synced));
        assertEvent(e, HealthEventName.TableSyncResumed, Severity.INFO, null, "Completed");
        assertAbout(e, "account", StateTable.PROFILE_ENTITY_STATE, ROW);
        assertEquals(synced, e.lastSyncedAt());
    }

    // ---- synapselinkexternaltablestate -----------------------------------------------------------

    private CallbackBuilder deltaChange() {
        return externalTable(ROW, "incident").target("modifiedon", AT)
            .unchanged("lastsynchronizedon", LAST_SYNC).unchanged("recordcount", 880L).unchanged("sourcerecordcount", 901L);
    }

    private void assertDeltaEvent(HealthEvent e) {
        assertAbout(e, "incident", StateTable.EXTERNAL_TABLE_STATE, ROW);
        assertEquals(PROFILE_ID, e.profileId(), "the profile writing to the same lake folder");
        assertEquals(LAST_SYNC, e.lastSyncedAt());
        assertEquals(880L, e.lakeRecordCount());
        assertEquals(901L, e.dataverseRecordCount());
    }

    @Test
    void deltaTableFailed() {
        HealthEvent e = only(deltaChange().target("tablestate", external(2)).preImage("tablestate", external(1)));
        assertEvent(e, HealthEventName.DeltaTableFailed, Severity.ERROR, "Created", "Failed");
        assertDeltaEvent(e);
    }

    @Test
    void deltaSyncFailed() {
        HealthEvent e = only(deltaChange().target("lastsyncstate", external(2)).preImage("lastsyncstate", external(4)));
        assertEvent(e, HealthEventName.DeltaSyncFailed, Severity.ERROR, "In Progress", "Failed");
        assertDeltaEvent(e);
    }

    @Test
    void deltaTableDeleted() {
        HealthEvent e = only(deltaChange().target("tablestate", external(3)).preImage("tablestate", external(1)));
        assertEvent(e, HealthEventName.DeltaTableDeleted, Severity.WARNING, "Created", "Deleted");
        assertDeltaEvent(e);
    }

    @Test
    void deltaTableRecovered() {
        HealthEvent e = only(deltaChange().target("tablestate", external(1)).preImage("tablestate", external(2)));
        assertEvent(e, HealthEventName.DeltaTableRecovered, Severity.INFO, "Failed", "Created");
        assertDeltaEvent(e);
        HealthEvent conversion = only(externalTable(UUID.randomUUID(), "account").target("lastsyncstate", external(1))
            .preImage("lastsyncstate", external(2)));
        assertEvent(conversion, HealthEventName.DeltaTableRecovered, Severity.INFO, "Failed", "Created");
    }

    @Test
    void fabricShortcutFailed() {
        HealthEvent e = only(deltaChange().target("lakehouseshortcutstate", external(2))
            .preImage("lakehouseshortcutstate", external(4)));
        assertEvent(e, HealthEventName.FabricShortcutFailed, Severity.ERROR, "In Progress", "Failed");
        assertDeltaEvent(e);
    }

    // ---- synapselinkprofile ----------------------------------------------------------------------

    private HealthEvent moved(int from, int to) {
        HealthEvent e = only(SynapseLink.profileState(profileState(from), profileState(to), AT));
        assertAbout(e, null, StateTable.PROFILE, PROFILE_ID);
        assertEquals(PROFILE_ID, e.profileId());
        assertNull(e.lastSyncedAt());
        assertNull(e.lakeRecordCount());
        assertEquals(AT, e.time());
        return e;
    }

    @Test
    void profileActivated() {
        assertEquals(List.of(), pipeline.events(SynapseLink.profileState(profileState(1), profileState(0), AT.minusSeconds(60))));
        assertEvent(moved(0, 1), HealthEventName.ProfileActivated, Severity.INFO, "Inactive", "Active");
    }

    @Test
    void profileError() {
        assertEvent(moved(1, 2), HealthEventName.ProfileError, Severity.ERROR, "Active", "Error");
    }

    @Test
    void profileSuspended() {
        assertEvent(moved(1, 6), HealthEventName.ProfileSuspended, Severity.WARNING, "Active", "Suspended");
    }

    @Test
    void profileDeactivated() {
        assertEvent(moved(1, 8), HealthEventName.ProfileDeactivated, Severity.WARNING, "Active", "Deactivated");
    }

    @Test
    void profileDeletedByState() {
        assertEvent(moved(1, 3), HealthEventName.ProfileDeleted, Severity.WARNING, "Active", "Deleted");
    }

    @Test
    void profileDeletedByDelete() {
        HealthEvent e = only(CallbackBuilder.delete(StateTable.PROFILE, PROFILE_ID)
            .preImage("name", PROFILE_NAME).preImage("profilestate", profileState(1)));
        assertEvent(e, HealthEventName.ProfileDeleted, Severity.WARNING, "Active", "Deleted");
        assertAbout(e, null, StateTable.PROFILE, PROFILE_ID);
    }

    // ---- synapselinkprofileentity ----------------------------------------------------------------

    private CallbackBuilder stamped(CallbackBuilder callback) {
        return callback.target("modifiedon", AT);
    }

    @Test
    void tableAddedByCreate() {
        HealthEvent e = only(stamped(CallbackBuilder.create(StateTable.PROFILE_ENTITY, ROW).target("entityname", "incident")
            .target("profile", profileLookup()).target("enabled", true)));
        assertEvent(e, HealthEventName.TableAdded, Severity.INFO, null, "Yes");
        assertAbout(e, "incident", StateTable.PROFILE_ENTITY, ROW);
        assertEquals(PROFILE_ID, e.profileId());
    }

    @Test
    void tableAddedByEnabling() {
        HealthEvent e = only(stamped(CallbackBuilder.update(StateTable.PROFILE_ENTITY, ROW).target("enabled", true)
            .preImage("enabled", false).unchanged("entityname", "incident").unchanged("profile", profileLookup())));
        assertEvent(e, HealthEventName.TableAdded, Severity.INFO, "No", "Yes");
        assertAbout(e, "incident", StateTable.PROFILE_ENTITY, ROW);
    }

    @Test
    void tableRemovedByDelete() {
        HealthEvent e = only(CallbackBuilder.delete(StateTable.PROFILE_ENTITY, ROW).preImage("entityname", "incident")
            .preImage("profile", profileLookup()).preImage("enabled", true));
        assertEvent(e, HealthEventName.TableRemoved, Severity.WARNING, "Yes", null);
        assertAbout(e, "incident", StateTable.PROFILE_ENTITY, ROW);
    }

    @Test
    void tableRemovedByDisabling() {
        HealthEvent e = only(stamped(CallbackBuilder.update(StateTable.PROFILE_ENTITY, ROW).target("enabled", false)
            .preImage("enabled", true).unchanged("entityname", "incident").unchanged("profile", profileLookup())));
        assertEvent(e, HealthEventName.TableRemoved, Severity.WARNING, "Yes", "No");
        assertAbout(e, "incident", StateTable.PROFILE_ENTITY, ROW);
    }

    // ---- synapselinkschedule ---------------------------------------------------------------------

    @Test
    void scheduleChanged() {
        UUID schedule = UUID.randomUUID();
        assertEquals(List.of(), pipeline.events(SynapseLink.scheduleCreated(schedule, 15)));
        HealthEvent e = only(CallbackBuilder.update(StateTable.SCHEDULE, schedule).target("recurrenceinterval", 60)
            .target("modifiedon", AT).preImage("recurrenceinterval", 15));
        assertEvent(e, HealthEventName.ScheduleChanged, Severity.INFO,
            "IncrementalUpdate every 15 minutes", "IncrementalUpdate every 60 minutes");
        assertEquals(PROFILE_ID, e.profileId());
        assertEquals(PROFILE_NAME, e.profileName());
        assertTrue(e.summary().contains("every 60 minutes (was IncrementalUpdate every 15 minutes)"), e.summary());
    }

    // ---- synapsedatabase -------------------------------------------------------------------------

    private CallbackBuilder columns(CallbackBuilder callback, boolean image) {
        return image
            ? callback.preImage("name", "contosolake-ws").preImage("workspacename", "contoso-synapse-ws")
                .preImage("datalakefolder", SynapseLink.lakeFolder())
            : callback.target("name", "contosolake-ws").target("workspacename", "contoso-synapse-ws")
                .target("datalakefolder", SynapseLink.lakeFolder()).target("modifiedon", AT);
    }

    @Test
    void workspaceLinked() {
        HealthEvent e = only(columns(CallbackBuilder.create(StateTable.DATABASE, ROW), false));
        assertEvent(e, HealthEventName.WorkspaceLinked, Severity.INFO, null, null);
        assertWorkspaceEvent(e);
        assertTrue(e.summary().contains("contoso-synapse-ws was linked to profile Contoso Lake"), e.summary());
    }

    @Test
    void workspaceUnlinked() {
        HealthEvent e = only(columns(CallbackBuilder.delete(StateTable.DATABASE, ROW), true));
        assertEvent(e, HealthEventName.WorkspaceUnlinked, Severity.WARNING, null, null);
        assertWorkspaceEvent(e);
        assertTrue(e.summary().contains("contoso-synapse-ws was unlinked from profile Contoso Lake"), e.summary());
    }

    private void assertWorkspaceEvent(HealthEvent e) {
        assertAbout(e, null, StateTable.DATABASE, ROW);
        assertEquals(PROFILE_ID, e.profileId());
    }
}
