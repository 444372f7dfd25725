package com.synapselinkhealth.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.synapselinkhealth.app.EntryPoints;
import com.synapselinkhealth.app.LinkHealth;
import com.synapselinkhealth.config.Settings;
import com.synapselinkhealth.dataverse.TransportHints;
import com.synapselinkhealth.dataverse.json.RemoteExecutionContextParser;
import com.synapselinkhealth.health.HealthEvent;
import com.synapselinkhealth.health.HealthEventName;
import com.synapselinkhealth.local.host.LocalExecutionContext;
import com.synapselinkhealth.store.EventQuery;
import com.synapselinkhealth.testing.StatusScenario;
import com.synapselinkhealth.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The digest timer called directly, over the status scenario seeded through the real processor. */
class DigestTimerTest {
    private final TestClock clock = new TestClock(Instant.parse("2024-06-03T07:00:00.250Z"));
    private final List<HealthEvent> published = new ArrayList<>();

    private LinkHealth app(Map<String, String> settings) {
        LinkHealth app = LinkHealth.inMemory(Settings.of(settings), clock, published::add);
        RemoteExecutionContextParser parser = new RemoteExecutionContextParser();
        StatusScenario.seed(c -> app.processor().process(parser.parse(c.build(), TransportHints.NONE)));
        published.clear();
        return app;
    }

    private static List<HealthEvent> digests(LinkHealth app) {
        return app.stores().events().query(new EventQuery(null, null, Set.of(HealthEventName.HealthDigest), null, null, 100));
    }

    @Test
    void storesAndPublishesOneDigestPerOrganizationOncePerSlot() {
        try (LinkHealth app = app(Map.of())) {
            EntryPoints.of(app).create(DigestTimer.class).run("{}", LocalExecutionContext.recording("DigestTimer"));
            clock.advance(Duration.ofSeconds(20)); // a second run for the same slot (a retry, another instance)
            EntryPoints.of(app).create(DigestTimer.class).run("{}", LocalExecutionContext.recording("DigestTimer"));
            List<HealthEvent> stored = digests(app);
            assertEquals(1, stored.size(), "one organization, one slot: " + stored);
            HealthEvent digest = stored.get(0);
            assertEquals(Instant.parse("2024-06-03T07:00:00Z"), digest.time(), "the slot of 0 0 7 * * *");
            assertEquals(3, digest.details().digest().profiles().size());
            assertTrue(digest.summary().contains("2 failing"), digest.summary());
            assertEquals(2, published.size(), "handed to delivery each run; delivery keeps one per subscription");
            assertEquals(digest.id(), published.get(1).id());

            clock.advance(Duration.ofDays(1));
            EntryPoints.of(app).create(DigestTimer.class).run("{}", LocalExecutionContext.recording("DigestTimer"));
            assertEquals(2, digests(app).size(), "the next day's slot is a new digest");
        }
    }

    @Test
    void theSlotFollowsTheConfiguredSchedule() {
        clock.set(Instant.parse("2024-06-03T12:30:04Z"));
        try (LinkHealth app = app(Map.of(Settings.DIGEST_SCHEDULE, "0 */15 * * * *"))) {
            EntryPoints.of(app).create(DigestTimer.class).run("{}", LocalExecutionContext.recording("DigestTimer"));
            assertEquals(Instant.parse("2024-06-03T12:30:00Z"), digests(app).get(0).time());
        }
    }
}
