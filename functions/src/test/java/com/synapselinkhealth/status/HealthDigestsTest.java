package com.synapselinkhealth.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.synapselinkhealth.app.LinkHealth;
import com.synapselinkhealth.config.Settings;
import com.synapselinkhealth.dataverse.TransportHints;
import com.synapselinkhealth.dataverse.json.RemoteExecutionContextParser;
import com.synapselinkhealth.health.DigestReport.DigestItem;
import com.synapselinkhealth.health.DigestReport.ProfileDigest;
import com.synapselinkhealth.health.DigestReport;
import com.synapselinkhealth.health.HealthEvent;
import com.synapselinkhealth.health.HealthEventName;
import com.synapselinkhealth.health.Severity;
import com.synapselinkhealth.statetables.Choice;
import com.synapselinkhealth.statetables.Choices;
import com.synapselinkhealth.testing.CallbackBuilder;
import com.synapselinkhealth.testing.StatusScenario;
import com.synapselinkhealth.testing.SynapseLink;
import com.synapselinkhealth.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class HealthDigestsTest {
    private static final UUID PROFILE = UUID.fromString("0a4c5e1f-2b3d-ef11-9f89-000d3a4a5b6c");
    private static final Instant AS_OF = Instant.parse("2026-11-20T07:00:00Z");
    private static final List<String> CONCERN_ORDER =
        List.of("failing", "paused", "stalled", "drifting", "falling behind", "initial sync");

    /** A table in a state: failing/paused/stalled from the health state, the rest from the warnings. */
    static TableStatus table(String name, HealthState state, boolean drifting, boolean behind, Integer initialPercent) {
        Choice sync = switch (state) {
            case FAILING -> Choices.SYNC_COMPLETED_WITH_FAILURES;
            case PAUSED -> Choices.SYNC_PAUSED;
            default -> Choices.SYNC_COMPLETED;
        };
        Choice initial = initialPercent != null ? Choices.SYNC_IN_PROGRESS : Choices.SYNC_COMPLETED;
        Duration allowance = Duration.ofHours(1);
        Duration lag = state == HealthState.STALLED ? Duration.ofHours(5) : behind ? Duration.ofMinutes(40) : Duration.ofMinutes(5);
        return new TableStatus(PROFILE, "Contoso Lake", "contoso", name, state, sync, initial, null, null, null, null, null,
            AS_OF.minus(lag), null, null, drifting ? 800L : 1000L, 1000L, null, null, lag, state == HealthState.STALLED,
            allowance, "every 15 minutes", AS_OF,
            new TableStatus.Warnings(drifting, behind, initialPercent, initialPercent == null ? null : AS_OF.plus(Duration.ofHours(2))));
    }

    private static ProfileSummary contoso(int tables) {
        return new ProfileSummary(PROFILE, "Contoso Lake", "contoso", Choices.PROFILE_ACTIVE, tables);
    }

    @Test
    void countsEachStateAndListsTheWorstItemsByNameWorstFirst() {
        List<TableStatus> tables = List.of(
            table("task", HealthState.HEALTHY, false, false, null),
            table("lead", HealthState.HEALTHY, false, false, 40),
            table("incident", HealthState.PAUSED, false, false, null),
            table("contact", HealthState.FAILING, true, false, null),
            table("account", HealthState.STALLED, false, false, null),
            table("email", HealthState.HEALTHY, true, true, null),
            table("phonecall", HealthState.HEALTHY, false, true, null));
        ProfileDigest p = HealthDigests.digest(contoso(tables.size()), tables);
        assertEquals(7, p.tables());
        assertEquals(4, p.healthy());
        assertEquals(1, p.failing());
        assertEquals(1, p.paused());
        assertEquals(1, p.stalled());
        assertEquals(2, p.drifting());
        assertEquals(2, p.fallingBehind());
        assertEquals(1, p.initialSyncInProgress());
        assertEquals(ProfileDigest.MAX_ITEMS, p.worst().size());
        assertEquals(List.of("contact failing", "incident paused", "account stalled", "email drifting",
            "phonecall falling behind"), p.worst().stream().map(i -> i.table() + " " + i.state()).toList());
        assertEquals(Severity.ERROR, p.worstSeverity());
        assertTrue(p.worst().get(0).detail().contains("Sync CompletedWithFailures"), p.worst().get(0).detail());
        assertTrue(p.worst().get(2).detail().contains("5 h") && p.worst().get(2).detail().contains("1 h"),
            p.worst().get(2).detail());
    }

    @Test
    void anInitialSyncShowsItsPercentAndEstimate() {
        ProfileDigest p = HealthDigests.digest(contoso(2), List.of(table("lead", HealthState.HEALTHY, false, false, 40),
            table("task", HealthState.HEALTHY, false, false, null)));
        assertEquals(1, p.worst().size());
        DigestItem item = p.worst().get(0);
        assertEquals("initial sync 40 %", item.state());
        assertEquals(Severity.INFO, item.severity());
        assertTrue(item.detail().contains("40 % done") && item.detail().contains("2026-11-20 09:00 UTC"), item.detail());
    }

    @Test
    void anAllHealthyProfileHasNoItemsAndIsInfo() {
        ProfileDigest p = HealthDigests.digest(contoso(1), List.of(table("task", HealthState.HEALTHY, false, false, null)));
        assertEquals(List.of(), p.worst());
        assertEquals(1, p.healthy());
        assertEquals(Severity.INFO, p.worstSeverity());
    }

    /** For every mix of tables: the counts add up, items are at most MAX_ITEMS, worst first, and none is missed. */
    @Test
    void propertyCountsAddUpAndTheItemsAreTheWorstInOrder() {
        Random random = new Random(14);
        HealthState[] states = HealthState.values();
        for (int run = 0; run < 500; run++) {
            List<TableStatus> tables = new ArrayList<>();
            int n = random.nextInt(12);
            for (int i = 0; i < n; i++) {
                tables.add(table("t" + random.nextInt(1000) + "_" + i, states[random.nextInt(states.length)],
                    random.nextInt(4) == 0, random.nextInt(4) == 0, random.nextInt(4) == 0 ? 25 * (1 + random.nextInt(3)) : null));
            }
            ProfileDigest p = HealthDigests.digest(contoso(n), tables);
            assertEquals(n, p.tables());
            assertEquals(n, p.healthy() + p.failing() + p.paused() + p.stalled(), "each table counts once: " + p);
            assertEquals(tables.stream().filter(t -> t.warnings().drifting()).count(), p.drifting());
            assertEquals(tables.stream().filter(t -> t.warnings().fallingBehind()).count(), p.fallingBehind());
            assertEquals(tables.stream().filter(t -> t.warnings().initialSyncPercent() != null).count(),
                p.initialSyncInProgress());
            long withConcern = tables.stream().filter(t -> t.healthState() != HealthState.HEALTHY || t.warnings().drifting()
                || t.warnings().fallingBehind() || t.warnings().initialSyncPercent() != null).count();
            assertEquals(Math.min(ProfileDigest.MAX_ITEMS, withConcern), p.worst().size(), p.toString());
            int last = -1;
            for (DigestItem item : p.worst()) {
                int rank = CONCERN_ORDER.indexOf(item.state().startsWith("initial sync") ? "initial sync" : item.state());
                assertTrue(rank >= last, "worst first: " + p.worst());
                last = rank;
            }
            Set<String> listed = p.worst().stream().map(DigestItem::table).collect(Collectors.toSet());
            assertEquals(p.worst().size(), listed.size(), "a table at most once");
            if (p.failing() > 0) {
                assertEquals(Severity.ERROR, p.worstSeverity());
            }
        }
    }

    @Test
    void theEventHasAnIdPerOrganizationAndSlotAndTheDigestInItsDetails() {
        DigestReport report = new DigestReport("contoso", AS_OF, List.of(HealthDigests.digest(contoso(1),
            List.of(table("contact", HealthState.FAILING, false, false, null)))));
        HealthEvent event = HealthDigests.event(report, AS_OF);
        assertEquals(HealthEventName.HealthDigest, event.name());
        assertEquals(Severity.ERROR, event.severity());
        assertEquals("synapselinkprofile", event.stateTable());
        assertEquals(HealthDigests.rowId("contoso"), event.rowId());
        assertEquals(report, event.details().digest());
        assertEquals(AS_OF, event.time());
        assertNull(event.table());
        assertTrue(event.summary().contains("1 failing"), event.summary());
        DigestReport later = new DigestReport("contoso", AS_OF.plusSeconds(30), report.profiles());
        assertEquals(event.id(), HealthDigests.event(later, AS_OF).id(), "same organization and slot, same id");
        assertNotEquals(event.id(), HealthDigests.event(report, AS_OF.plus(Duration.ofDays(1))).id());
        assertNotEquals(event.id(), HealthDigests.event(new DigestReport("fabrikam", AS_OF, List.of()), AS_OF).id());
    }

    @Test
    void theStatusScenarioDigestsAsItsTablesStand() {
        try (LinkHealth app = LinkHealth.inMemory(Settings.of(Map.of()), new TestClock(StatusScenario.NOW), e -> { })) {
            RemoteExecutionContextParser parser = new RemoteExecutionContextParser();
            StatusScenario.seed(c -> app.processor().process(parser.parse(c.build(), TransportHints.NONE)));
            List<DigestReport> reports = app.digests().reports();
            assertEquals(1, reports.size());
            DigestReport report = reports.get(0);
            assertEquals(CallbackBuilder.ORGANIZATION_NAME, report.organization());
            ProfileDigest contoso = report.profiles().get(0);
            assertEquals(SynapseLink.PROFILE_ID, contoso.profileId(), "the worst profile first");
            assertEquals(List.of(6, 2, 2, 1, 1), List.of(contoso.tables(), contoso.healthy(), contoso.failing(),
                contoso.paused(), contoso.stalled()));
            assertEquals(List.of("contact failing", "opportunity failing", "incident paused", "account stalled"),
                contoso.worst().stream().map(i -> i.table() + " " + i.state()).toList());
            assertTrue(contoso.worst().get(1).detail().contains("Delta Lake conversion"), contoso.worst().get(1).detail());
            assertEquals(3, report.profiles().size());
            assertEquals(report.profiles().size(), app.digests().report(null).orElseThrow().profiles().size());
            assertTrue(app.digests().report("no-such-org").isEmpty());
        }
    }
}
