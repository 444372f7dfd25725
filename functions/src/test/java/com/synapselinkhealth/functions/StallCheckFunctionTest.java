package com.synapselinkhealth.functions;

import static com.synapselinkhealth.testing.CallbackBuilder.option;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.synapselinkhealth.app.EntryPoints;
import com.synapselinkhealth.app.LinkHealth;
import com.synapselinkhealth.config.Settings;
import com.synapselinkhealth.dataverse.TransportHints;
import com.synapselinkhealth.health.HealthEvent;
import com.synapselinkhealth.health.HealthEventName;
import com.synapselinkhealth.ingest.IntakeResult;
import com.synapselinkhealth.local.host.LocalExecutionContext;
import com.synapselinkhealth.statetables.StateTable;
import com.synapselinkhealth.store.EventQuery;
import com.synapselinkhealth.testing.CallbackBuilder;
import com.synapselinkhealth.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The stall timer called directly, over rows seeded through the real intake and processor. */
class StallCheckFunctionTest {
    private static final Instant NOW = Instant.parse("2024-06-03T10:00:00Z");
    private static final UUID STALE_ROW = UUID.fromString("11111111-5c6d-ef11-9f89-000d3a4a5b6c");
    private static final UUID FRESH_ROW = UUID.fromString("22222222-5c6d-ef11-9f89-000d3a4a5b6c");

    private final TestClock clock = new TestClock(NOW);
    private final List<HealthEvent> published = new ArrayList<>();
    private final LinkHealth app = LinkHealth.inMemory(Settings.of(Map.of()), clock, published::add);

    /** A sync-state row of {@code table} that last synced at {@code lastSync}, seen as Completed. */
    private void seed(UUID row, String table, Instant lastSync, long version) {
        byte[] body = CallbackBuilder.update(StateTable.PROFILE_ENTITY_STATE, row)
            .target("lastsynceddatatime", lastSync)
            .target("versionnumber", version)
            .target("modifiedon", lastSync)
            .unchanged("syncstate", option(4))
            .unchanged("entityname", table)
            .build();
        IntakeResult result = app.intake().accept("test", body, "application/json", Map.of(), TransportHints.NONE);
        app.processor().process(((IntakeResult.Accepted) result).change());
    }

    private List<HealthEvent> stored(HealthEventName name) {
        return app.stores().events().query(EventQuery.latest(100)).stream().filter(e -> e.name().equals(name)).toList();
    }

    private void tick() {
        EntryPoints.of(app).create(StallCheckFunction.class)
            .run("{\"IsPastDue\":false}", LocalExecutionContext.recording("StallCheck"));
    }

    @Test
    void aTableThatStoppedSyncingIsReportedOnceAcrossRuns() {
        seed(STALE_ROW, "contact", NOW.minus(Duration.ofHours(5)), 100);
        seed(FRESH_ROW, "account", NOW.minus(Duration.ofMinutes(10)), 100);
        assertTrue(app.stores().events().query(EventQuery.latest(10)).isEmpty(), "seeding a good state raises nothing");

        LocalExecutionContext first = LocalExecutionContext.recording("StallCheck");
        EntryPoints.of(app).create(StallCheckFunction.class).run(null, first);
        tick();

        List<HealthEvent> stalled = stored(HealthEventName.TableSyncStalled);
        assertEquals(1, stalled.size(), stalled.toString());
        HealthEvent event = stalled.get(0);
        assertEquals("contact", event.table());
        assertEquals(STALE_ROW, event.rowId());
        assertEquals(NOW.minus(Duration.ofHours(5)), event.lastSyncedAt());
        // the default allowance without a schedule is the one-hour floor
        assertEquals(NOW.minus(Duration.ofHours(4)), event.time());
        assertEquals(List.of(event), published);
        assertTrue(first.text().contains("TableSyncStalled") || first.text().contains(event.summary()), first.text());

        // still stalled half an hour later (the fresh table still within its hour): nothing new
        clock.advance(Duration.ofMinutes(30));
        tick();
        assertEquals(1, stored(HealthEventName.TableSyncStalled).size());
        assertEquals(1, published.size());
    }

    @Test
    void aFreshTableIsNotReportedUntilItsAllowancePasses() {
        seed(FRESH_ROW, "account", NOW.minus(Duration.ofMinutes(10)), 100);
        tick();
        assertTrue(stored(HealthEventName.TableSyncStalled).isEmpty());

        clock.advance(Duration.ofMinutes(51));
        tick();
        assertEquals(1, stored(HealthEventName.TableSyncStalled).size());
        assertEquals("account", stored(HealthEventName.TableSyncStalled).get(0).table());
    }

    @Test
    void aStalledTableThatSyncsAgainResumesAndCanStallAgain() {
        seed(STALE_ROW, "contact", NOW.minus(Duration.ofHours(5)), 100);
        tick();
        assertEquals(1, stored(HealthEventName.TableSyncStalled).size());

        clock.advance(Duration.ofMinutes(5));
        seed(STALE_ROW, "contact", clock.instant(), 101);
        assertEquals(1, stored(HealthEventName.TableSyncResumed).size());
        tick();
        assertEquals(1, stored(HealthEventName.TableSyncStalled).size());

        clock.advance(Duration.ofHours(2));
        tick();
        assertEquals(2, stored(HealthEventName.TableSyncStalled).size());
    }

    @Test
    void theFloorSettingChangesTheAllowance() {
        LinkHealth strict = LinkHealth.inMemory(Settings.of(Map.of(Settings.STALL_FLOOR_MINUTES, "600")), clock,
            published::add);
        byte[] body = CallbackBuilder.update(StateTable.PROFILE_ENTITY_STATE, STALE_ROW)
            .target("lastsynceddatatime", NOW.minus(Duration.ofHours(5)))
            .unchanged("syncstate", option(4)).unchanged("entityname", "contact").build();
        strict.processor().process(((IntakeResult.Accepted) strict.intake()
            .accept("test", body, null, Map.of(), TransportHints.NONE)).change());
        EntryPoints.of(strict).create(StallCheckFunction.class).run(null, LocalExecutionContext.recording("StallCheck"));
        assertTrue(strict.stores().events().query(EventQuery.latest(10)).isEmpty());
    }
}
