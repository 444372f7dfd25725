package com.synapselinkhealth.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.synapselinkhealth.app.LinkHealth;
import com.synapselinkhealth.config.NcrontabSchedule;
import com.synapselinkhealth.config.Settings;
import com.synapselinkhealth.dataverse.TransportHints;
import com.synapselinkhealth.dataverse.json.RemoteExecutionContextParser;
import com.synapselinkhealth.health.HealthEventName;
import com.synapselinkhealth.subscriptions.CallbackUrl;
import com.synapselinkhealth.subscriptions.Subscription;
import com.synapselinkhealth.subscriptions.SubscriptionFilter;
import com.synapselinkhealth.subscriptions.TriggerKind;
import com.synapselinkhealth.testing.StatusScenario;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code serve} runs the digest on its schedule: each run's HealthDigest reaches the flow that asked for it (the digest
 * trigger), never the flow subscribed to every event.
 */
class ServeDigestTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theDigestReachesOnlyTheFlowThatAskedForItOnEachOccurrence() throws Exception {
        try (LinkHealth app = LinkHealth.inMemory(Settings.of(Map.of()), Clock.systemUTC(), e -> { }, true);
             DemoFlow digestFlow = DemoFlow.start();
             DemoFlow everyEventFlow = DemoFlow.start()) {
            RemoteExecutionContextParser parser = new RemoteExecutionContextParser();
            StatusScenario.seed(c -> app.processor().process(parser.parse(c.build(), TransportHints.NONE)));
            app.awaitDeliveries(10_000);
            app.subscriptions().save(new Subscription("digest", TriggerKind.OnHealthDigest,
                CallbackUrl.parse(digestFlow.callbackUrl()),
                new SubscriptionFilter(null, null, Set.of(HealthEventName.HealthDigest), null), Instant.now(), 0));
            app.subscriptions().save(new Subscription("every", TriggerKind.OnHealthEvent,
                CallbackUrl.parse(everyEventFlow.callbackUrl()), new SubscriptionFilter(null, null, Set.of(), null),
                Instant.now(), 0));
            LocalServer server = new LocalServer(app, "127.0.0.1", 0, null, 0).start();
            try {
                assertTrue(server.digestOn(NcrontabSchedule.parse("* * * * * *")).isPresent());
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (digestFlow.received().size() < 2 && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
            } finally {
                server.close();
            }
            app.awaitDeliveries(10_000);
            List<String> received = digestFlow.received();
            assertTrue(received.size() >= 2, "a digest each second: " + received.size());
            Set<String> ids = new HashSet<>();
            for (String body : received) {
                JsonNode event = JSON.readTree(body);
                assertEquals("HealthDigest", event.path("data").path("eventName").asText());
                assertEquals(3, event.path("data").path("digest").path("profiles").size());
                assertEquals("AdaptiveCard", event.path("data").path("card").path("type").asText());
                ids.add(event.path("id").asText());
            }
            assertEquals(received.size(), ids.size(), "each occurrence its own digest");
            assertEquals(List.of(), everyEventFlow.received().stream()
                .filter(b -> b.contains("\"eventName\":\"HealthDigest\"")).toList(), "an every-event trigger gets no digest");
        }
    }

    @Test
    void theDigestScheduleOptionIsCheckedAndCanBeOff() {
        assertEquals("0 */5 * * * *", ServeCommand.Options.parse(new String[] {"--digest-schedule", "0 */5 * * * *"}).digestSchedule);
        assertEquals("off", ServeCommand.Options.parse(new String[] {"--digest-schedule=off"}).digestSchedule);
        assertEquals(null, ServeCommand.Options.parse(new String[0]).digestSchedule);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> ServeCommand.Options.parse(new String[] {"--digest-schedule", "0 7 * * *"}));
        assertTrue(e.getMessage().startsWith("--digest-schedule: "), e.getMessage());
    }
}
