package com.synapselinkhealth.local;

import static com.synapselinkhealth.testing.SynapseLink.sync;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.synapselinkhealth.app.LinkHealth;
import com.synapselinkhealth.azure.queues.StorageQueues;
import com.synapselinkhealth.azure.tables.TableDeliveryLedger;
import com.synapselinkhealth.config.Settings;
import com.synapselinkhealth.health.EventPublisher;
import com.synapselinkhealth.health.HealthEvent;
import com.synapselinkhealth.store.EventQuery;
import com.synapselinkhealth.testing.Azurite;
import com.synapselinkhealth.testing.CallbackSink;
import com.synapselinkhealth.testing.ServeProcess;
import com.synapselinkhealth.testing.StorageQueuesFixture;
import com.synapselinkhealth.testing.SynapseLink;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code serve} on Azurite, killed with SIGKILL and started again (a real child JVM): what it answered 202 for is
 * processed after the restart, and the flow gets the event; what it was delivering when it died is delivered
 * after the restart. At least once: a delivery cut off mid-request is sent again with the same {@code webhook-id};
 * the ledger records it delivered once.
 */
@ExtendWith(Azurite.class)
class ServeRestartTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final HttpClient client = HttpClient.newHttpClient();
    private final String prefix = Azurite.freshTableNames().rowState().replace("rowstate", "");
    private CallbackSink sink;
    private ServeProcess serve;

    @BeforeEach
    void start() throws Exception {
        StorageQueuesFixture.clear();
        sink = CallbackSink.start();
    }

    @AfterEach
    void stop() throws Exception {
        if (serve != null) {
            serve.close();
        }
        sink.close();
    }

    private Map<String, String> environment(boolean hold) {
        Map<String, String> env = new HashMap<>(Map.of("AzureWebJobsStorage", Azurite.connectionString(),
            "LINKHEALTH_TABLE_PREFIX", prefix, "LINKHEALTH_QUEUE_VISIBILITY_SECONDS", "4"));
        if (hold) {
            env.put("LINKHEALTH_TEST_HOLD_QUEUES", "true");
        }
        return env;
    }

    private HttpResponse<String> post(String path, byte[] body) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(serve.baseUrl() + path))
            .header("Content-Type", "application/json; charset=utf-8").timeout(Duration.ofSeconds(30))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Subscribes the sink; returns the subscription id. */
    private String subscribe() throws Exception {
        HttpResponse<String> subscribed = post("/api/subscriptions",
            ("{\"callbackUrl\":\"" + sink.callbackUrl() + "\"}").getBytes());
        assertEquals(201, subscribed.statusCode(), subscribed.body());
        return JSON.readTree(subscribed.body()).path("id").asText();
    }

    private void postFailedSync() throws Exception {
        byte[] failed = SynapseLink.tableState(UUID.randomUUID(), "contact").target("syncstate", sync(8)).build();
        HttpResponse<String> accepted = post("/api/dataverse/webhook", failed);
        assertEquals(202, accepted.statusCode(), accepted.body());
    }

    private List<HealthEvent> storedEvents() {
        Settings settings = Settings.of(environment(false));
        try (LinkHealth reader = LinkHealth.fromSettings(settings, Clock.systemUTC(), EventPublisher.NONE, false)) {
            return reader.stores().events().query(EventQuery.latest(100));
        }
    }

    private static void awaitEmpty(String queue) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (StorageQueuesFixture.count(queue) > 0) {
            assertTrue(System.nanoTime() < deadline, queue + " did not drain");
            Thread.sleep(50);
        }
    }

    @Test
    void aCallbackAcceptedJustBeforeTheServerWasKilledIsProcessedAndDeliveredOnceAfterTheRestart() throws Exception {
        serve = ServeProcess.start(environment(true)); // accepts onto the queue but does not work it (test only)
        subscribe();
        postFailedSync();
        assertEquals(1, StorageQueuesFixture.count(StorageQueues.INGEST), "accepted and durable before the 202");
        serve.kill();
        assertEquals(List.of(), storedEvents(), "killed before processing");

        serve = ServeProcess.start(environment(false));
        assertTrue(sink.awaitCount(1, WAIT.toMillis()), "not delivered after the restart; serve's log:\n" + serve.log());
        awaitEmpty(StorageQueues.INGEST);
        awaitEmpty(StorageQueues.DELIVERY);
        Thread.sleep(2_000); // a second delivery would come now

        List<HealthEvent> events = storedEvents();
        assertEquals(1, events.size(), "exactly one event: " + events);
        assertEquals("TableSyncFailed", events.get(0).name().name());
        assertEquals(1, sink.received().size(), "exactly one delivery");
        assertEquals(events.get(0).id(), sink.received().get(0).header("webhook-id"));
        JsonNode posted = JSON.readTree(sink.received().get(0).body());
        assertEquals(events.get(0).id(), posted.path("id").asText());
    }

    @Test
    void aDeliveryCutOffByAKillIsDeliveredAfterTheRestartAndRecordedOnce() throws Exception {
        sink.reply(CallbackSink.Reply.status(200).after(20_000)); // the flow is slow the first time
        serve = ServeProcess.start(environment(false));
        String subscriptionId = subscribe();
        postFailedSync();
        assertTrue(sink.awaitCount(1, WAIT.toMillis()), "no delivery started; serve's log:\n" + serve.log());
        serve.kill(); // while the flow holds the request

        serve = ServeProcess.start(environment(false));
        assertTrue(sink.awaitCount(2, WAIT.toMillis()), "not delivered again after the restart; serve's log:\n" + serve.log());
        awaitEmpty(StorageQueues.DELIVERY);
        Thread.sleep(2_000);

        List<HealthEvent> events = storedEvents();
        assertEquals(1, events.size(), "exactly one event: " + events);
        String eventId = events.get(0).id();
        List<CallbackSink.Received> received = sink.received();
        assertEquals(2, received.size(), "the cut-off request and the one after the restart");
        assertEquals(List.of(eventId, eventId), received.stream().map(r -> r.header("webhook-id")).toList(),
            "a redelivery carries the same webhook-id, so the flow can drop it");
        assertEquals(List.of("1", "1"), received.stream().map(r -> r.header("x-linkhealth-attempt")).toList(),
            "the same attempt made again, not a retry");
        TableDeliveryLedger ledger = new TableDeliveryLedger(Azurite.tables(), TableDeliveryLedger.tableName(prefix),
            Duration.ofSeconds(2), Clock.systemUTC());
        assertEquals(Optional.of("DELIVERED"), ledger.state(subscriptionId + "/" + eventId));
    }
}
