package com.synapselinkhealth.status;

import static com.synapselinkhealth.testing.SynapseLink.profileState;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.synapselinkhealth.health.Severity;
import com.synapselinkhealth.health.StallPolicy;
import com.synapselinkhealth.statetables.StateTable;
import com.synapselinkhealth.testing.CallbackBuilder;
import com.synapselinkhealth.testing.Pipeline;
import com.synapselinkhealth.testing.StatusScenario;
import com.synapselinkhealth.testing.SynapseLink;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The read model over state seeded the way production gets it: the Dataverse callbacks of {@link StatusScenario}
 * through the change processor.
 */
class StatusServiceTest {
    private static final Instant NOW = StatusScenario.NOW;
    private static final UUID FABRIC_ID = StatusScenario.FABRIC_ID;
    private static final UUID IDLE_ID = StatusScenario.ARCHIVE_ID;

    private final Pipeline pipeline = new Pipeline();
    private StatusService status;

    @BeforeEach
    void seed() {
        StatusScenario.seed(pipeline::process);
        pipeline.clock.set(NOW);
        status = new StatusService(pipeline.rows, pipeline.events, StallPolicy.DEFAULT, pipeline.clock);
    }

    @Test
    void profilesComeFromTheirOwnRowsAndFromTheirTablesLookupsOrderedByName() {
        List<ProfileSummary> profiles = status.profiles();
        assertEquals(List.of("archive", "Contoso Lake", "Fabric Link"), profiles.stream().map(ProfileSummary::name).toList());
        ProfileSummary contoso = profiles.get(1);
        assertEquals(SynapseLink.PROFILE_ID, contoso.id());
        assertEquals("Active", contoso.state().label());
        assertEquals(1, contoso.state().value());
        assertEquals(CallbackBuilder.ORGANIZATION_NAME, contoso.organization());
        assertEquals(6, contoso.tableCount(), "the removed table does not count");
        ProfileSummary fabric = profiles.get(2);
        assertEquals(FABRIC_ID, fabric.id());
        assertNull(fabric.state());
        assertEquals(1, fabric.tableCount());
        assertEquals(0, profiles.get(0).tableCount());
        assertEquals("Suspended", profiles.get(0).state().label());
    }

    @Test
    void theHealthRollUpCountsTablesByHealthAndSyncState() {
        ProfileHealth health = status.profileHealth(SynapseLink.PROFILE_ID);
        assertEquals(Severity.ERROR, health.worstSeverity());
        assertFalse(health.healthy());
        assertEquals(new ProfileHealth.TableCounts(6, 2, 2, 1, 1), health.tableCounts());
        assertEquals(List.of("contact", "opportunity"), health.failingTables());
        assertEquals(List.of("incident"), health.pausedTables());
        assertEquals(List.of("account"), health.stalledTables());
        assertEquals(List.of("InProgress=3", "CompletedWithFailures=1", "Paused=1", "Unknown (128)=1"),
            health.tablesBySyncState().stream().map(c -> c.syncState().label() + "=" + c.count()).toList());
        assertEquals(NOW.minus(Duration.ofMinutes(2)), health.lastSyncedAt());
        assertEquals(NOW.minus(Duration.ofHours(5)), health.oldestLastSyncedAt());
        assertEquals(NOW, health.asOf());
    }

    @Test
    void worstSeverityFollowsTheProfileStateToo() {
        ProfileHealth archive = status.profileHealth(IDLE_ID);
        assertEquals(Severity.WARNING, archive.worstSeverity(), "a suspended profile");
        assertEquals(new ProfileHealth.TableCounts(0, 0, 0, 0, 0), archive.tableCounts());
        assertNull(archive.lastSyncedAt());
        ProfileHealth fabric = status.profileHealth(FABRIC_ID);
        assertEquals(Severity.INFO, fabric.worstSeverity());
        assertTrue(fabric.healthy());
        assertEquals("Fabric Link", fabric.profile().name());
        assertEquals(Severity.ERROR, StatusService.worstSeverity(profileState(2),
            new ProfileHealth.TableCounts(0, 0, 0, 0, 0)));
        assertEquals(Severity.WARNING, StatusService.worstSeverity(profileState(3),
            new ProfileHealth.TableCounts(1, 1, 0, 0, 0)));
        assertEquals(Severity.INFO, StatusService.worstSeverity(profileState(0),
            new ProfileHealth.TableCounts(1, 1, 0, 0, 0)));
    }

    @Test
    void tablesAreOrderedByNameAndFilteredByHealthState() {
        assertEquals(List.of("account", "contact", "incident", "lead", "opportunity", "task"),
            status.tables(SynapseLink.PROFILE_ID, null).stream().map(TableStatus::table).toList());
        assertEquals(List.of("contact", "opportunity"),
            status.tables(SynapseLink.PROFILE_ID, HealthState.FAILING).stream().map(TableStatus::table).toList());
        assertEquals(List.of("lead", "task"),
            status.tables(SynapseLink.PROFILE_ID, HealthState.HEALTHY).stream().map(TableStatus::table).toList());
        assertEquals(List.of(), status.tables(IDLE_ID, null));
    }

    @Test
    void aTablesStatusHasEveryStateColumnTheCountsAndTheLag() {
        TableStatus contact = status.table(SynapseLink.PROFILE_ID, "CONTACT");
        assertEquals("contact", contact.table());
        assertEquals("Contoso Lake", contact.profileName());
        assertEquals(HealthState.FAILING, contact.healthState());
        assertEquals(Severity.ERROR, contact.severity());
        assertEquals("CompletedWithFailures", contact.syncState().label());
        assertEquals(8, contact.syncState().value());
        assertEquals("Completed", contact.initialSyncState().label());
        assertEquals("Created", contact.metadataState().label());
        assertEquals("Completed", contact.synapseTableCreationState().label());
        assertNull(contact.deltaTableState());
        assertEquals(Instant.parse("2024-05-02T14:31:07Z"), contact.initialSyncCompletedAt());
        assertEquals(167L, contact.recordCountDifference());
        assertEquals(960L, contact.lagSeconds());
        assertFalse(contact.stalled());
        assertEquals(Duration.ofHours(1), contact.stallAllowance());
        assertEquals("IncrementalUpdate every 15 minutes", contact.schedule());
        assertEquals(NOW, contact.asOf());

        TableStatus account = status.table(SynapseLink.PROFILE_ID, "account");
        assertEquals(HealthState.STALLED, account.healthState());
        assertTrue(account.stalled());
        assertEquals(5 * 3600L, account.lagSeconds());
        assertNull(account.deltaTableState(), "the Delta Lake row of another folder is not merged in");

        TableStatus task = status.table(SynapseLink.PROFILE_ID, "task");
        assertEquals("Unknown (128)", task.syncState().label());
        assertEquals(HealthState.HEALTHY, task.healthState());
        assertNull(task.recordCountDifference());
    }

    @Test
    void theDeltaLakeStateOfTheSameTableIsMergedIn() {
        TableStatus lead = status.table(SynapseLink.PROFILE_ID, "lead");
        assertEquals("Created", lead.deltaTableState().label());
        assertEquals(1, lead.deltaTableState().value());
        assertEquals("Created", lead.lakehouseShortcutState().label());
        assertEquals(NOW.minus(Duration.ofMinutes(7)), lead.deltaLastSyncedAt());
        assertEquals(5000L, lead.deltaRecordCount());
        assertEquals(5002L, lead.deltaSourceRecordCount());
        assertEquals(HealthState.HEALTHY, lead.healthState());

        TableStatus opportunity = status.table(SynapseLink.PROFILE_ID, "opportunity");
        assertEquals("Failed", opportunity.deltaLastSyncState().label());
        assertEquals(HealthState.FAILING, opportunity.healthState(), "a failed Delta Lake conversion fails the table");
    }

    @Test
    void pausedWinsOverStalledAndStalledNeedsAnActiveProfile() {
        pipeline.clock.set(NOW.plus(Duration.ofHours(10)));
        assertEquals(HealthState.PAUSED, status.table(SynapseLink.PROFILE_ID, "incident").healthState());
        assertEquals(HealthState.STALLED, status.table(SynapseLink.PROFILE_ID, "lead").healthState());
        pipeline.process(SynapseLink.profileState(profileState(1), profileState(8), NOW.plus(Duration.ofHours(10))));
        TableStatus lead = status.table(SynapseLink.PROFILE_ID, "lead");
        assertEquals(HealthState.HEALTHY, lead.healthState(), "a deactivated profile's tables are not expected to sync");
        assertFalse(lead.stalled());
        assertEquals(Severity.ERROR, status.profileHealth(SynapseLink.PROFILE_ID).worstSeverity());
    }

    @Test
    void theAllowanceFollowsThePolicyAndTheSchedule() {
        StatusService generous = new StatusService(pipeline.rows, pipeline.events,
            new StallPolicy(30, Duration.ofMinutes(10)), pipeline.clock);
        TableStatus account = generous.table(SynapseLink.PROFILE_ID, "account");
        assertEquals(Duration.ofMinutes(450), account.stallAllowance());
        assertEquals(HealthState.HEALTHY, account.healthState());
        TableStatus fabric = status.table(FABRIC_ID, "account");
        assertEquals(Duration.ofHours(1), fabric.stallAllowance(), "no schedule: the floor");
        assertNull(fabric.schedule());
        assertEquals("Fabric Link", fabric.profileName());
    }

    @Test
    void unknownProfilesAndTablesAreNamedInTheException() {
        UUID unknown = UUID.fromString("00000000-0000-4000-8000-000000000001");
        StatusException noProfile = assertThrows(StatusException.class, () -> status.profileHealth(unknown));
        assertEquals(StatusException.Kind.UNKNOWN_PROFILE, noProfile.kind());
        assertTrue(noProfile.getMessage().contains(unknown.toString()));
        assertThrows(StatusException.class, () -> status.tables(unknown, null));
        StatusException noTable = assertThrows(StatusException.class,
            () -> status.table(SynapseLink.PROFILE_ID, "msdyn_removed"));
        assertEquals(StatusException.Kind.UNKNOWN_TABLE, noTable.kind());
    }

    @Test
    void aTableTakenOutOfItsProfileIsFoundByNameWhenItsRowHasNoProfileEntityLookup() {
        pipeline.process(CallbackBuilder.update(StateTable.PROFILE_ENTITY, UUID.randomUUID())
            .unchanged("entityname", "task").unchanged("profile", SynapseLink.profileLookup())
            .target("enabled", false).preImage("enabled", true));
        assertEquals(List.of("account", "contact", "incident", "lead", "opportunity"),
            status.tables(SynapseLink.PROFILE_ID, null).stream().map(TableStatus::table).toList());
        assertThrows(StatusException.class, () -> status.table(SynapseLink.PROFILE_ID, "task"));
    }

    @Test
    void aDeletedProfileIsGone() {
        pipeline.process(CallbackBuilder.delete(StateTable.PROFILE, IDLE_ID));
        assertEquals(List.of("Contoso Lake", "Fabric Link"),
            status.profiles().stream().map(ProfileSummary::name).toList());
        assertThrows(StatusException.class, () -> status.profileHealth(IDLE_ID));
    }
}
