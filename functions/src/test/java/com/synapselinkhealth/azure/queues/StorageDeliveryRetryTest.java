package com.synapselinkhealth.azure.queues;

import static com.synapselinkhealth.testing.SynapseLink.sync;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.synapselinkhealth.app.LinkHealth;
import com.synapselinkhealth.azure.tables.TableDeliveryLedger;
import com.synapselinkhealth.config.Settings;
import com.synapselinkhealth.health.EventPublisher;
import com.synapselinkhealth.local.LocalServer;
import com.synapselinkhealth.testing.Azurite;
import com.synapselinkhealth.testing.CallbackSink;
import com.synapselinkhealth.testing.StorageQueuesFixture;
import com.synapselinkhealth.testing.SynapseLink;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A failed delivery waits for its retry on the Storage queue, as a new message whose initial visibility is the
 * schedule's delay: the flow sees attempt 2 no sooner than the delay (less the jitter) after attempt 1, with the
 * same {@code webhook-id}, and the ledger records the delivery once it succeeded.
 */
@ExtendWith(Azurite.class)
class StorageDeliveryRetryTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Held so the level sticks: failed deliveries are logged by design. */
    private static final Logger QUIET = Logger.getLogger("linkhealth.delivery");

    private final HttpClient client = HttpClient.newHttpClient();
    private final String prefix = Azurite.freshTableNames().rowState().replace("rowstate", "");
    private CallbackSink sink;
    private LinkHealth app;
    private LocalServer server;

    @BeforeAll
    static void quiet() {
        QUIET.setLevel(Level.SEVERE);
    }

    @BeforeEach
    void start() throws Exception {
        StorageQueuesFixture.clear();
        sink = CallbackSink.start();
        app = LinkHealth.fromSettings(Settings.of(Map.of("AzureWebJobsStorage", Azurite.connectionString(),
            "LINKHEALTH_TABLE_PREFIX", prefix, "LINKHEALTH_DELIVERY_RETRY_SCHEDULE", "3s")), Clock.systemUTC(),
            EventPublisher.NONE, true);
        server = new LocalServer(app, "127.0.0.1", 0, null, 0).start();
    }

    @AfterEach
    void stop() {
        server.close();
        app.close();
        sink.close();
    }

    private HttpResponse<String> post(String path, byte[] body) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
            .header("Content-Type", "application/json; charset=utf-8")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aFailedAttemptIsRetriedFromTheQueueAfterTheScheduledDelay() throws Exception {
        sink.reply(503);
        HttpResponse<String> subscribed = post("/api/subscriptions", ("{\"callbackUrl\":\"" + sink.callbackUrl() + "\"}").getBytes());
        assertEquals(201, subscribed.statusCode(), subscribed.body());
        String subscriptionId = JSON.readTree(subscribed.body()).path("id").asText();
        byte[] failed = SynapseLink.tableState(UUID.randomUUID(), "account").target("syncstate", sync(8)).build();
        assertEquals(202, post("/api/dataverse/webhook", failed).statusCode());

        assertTrue(sink.awaitCount(2, 30_000), "no retry: " + sink.received().size());
        assertTrue(app.awaitDeliveries(10_000), "the delivery queue did not drain");
        List<CallbackSink.Received> received = sink.received();
        assertEquals(2, received.size());
        assertEquals(List.of("1", "2"), received.stream().map(r -> r.header("x-linkhealth-attempt")).toList());
        String eventId = received.get(0).header("webhook-id");
        assertEquals(eventId, received.get(1).header("webhook-id"));
        Duration waited = Duration.ofNanos(received.get(1).receivedNanos() - received.get(0).receivedNanos());
        assertTrue(waited.compareTo(Duration.ofMillis(2_400)) >= 0, "retried after " + waited + ", before 3 s - 20 %");
        TableDeliveryLedger ledger = new TableDeliveryLedger(Azurite.tables(), TableDeliveryLedger.tableName(prefix),
            Duration.ofSeconds(60), Clock.systemUTC());
        assertEquals(Optional.of("DELIVERED"), ledger.state(subscriptionId + "/" + eventId));
    }
}
