package com.synapselinkhealth.azure.queues;

import static com.synapselinkhealth.testing.SynapseLink.sync;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.synapselinkhealth.app.EntryPoints;
import com.synapselinkhealth.app.LinkHealth;
import com.synapselinkhealth.config.Settings;
import com.synapselinkhealth.delivery.Delivery;
import com.synapselinkhealth.delivery.json.DeliveryJson;
import com.synapselinkhealth.functions.DeliverEventFunction;
import com.synapselinkhealth.health.EventPublisher;
import com.synapselinkhealth.local.LocalServer;
import com.synapselinkhealth.local.host.LocalExecutionContext;
import com.synapselinkhealth.store.EventQuery;
import com.synapselinkhealth.subscriptions.CallbackUrl;
import com.synapselinkhealth.subscriptions.Subscription;
import com.synapselinkhealth.subscriptions.SubscriptionFilter;
import com.synapselinkhealth.subscriptions.TriggerKind;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two instances of the app (each its own stores, queue consumers and HTTP server, as two Function instances or two
 * {@code serve} processes) on one Azurite: every callback reaches both of them, twice, at the same time. Each
 * event is still raised once and posted to the flow once, because the row state saves are conditional, the outbox
 * republishing is absorbed by the delivery ledger's claims, and duplicate queue messages find their attempt taken.
 */
@ExtendWith(Azurite.class)
class ScaleOutDeliveryTest {
    private static final int ROWS = 6;

    private final HttpClient client = HttpClient.newHttpClient();
    private final ExecutorService pool = Executors.newFixedThreadPool(8);
    private final List<AutoCloseable> open = new ArrayList<>();
    private CallbackSink sink;

    @BeforeEach
    void start() throws Exception {
        StorageQueuesFixture.clear();
        sink = CallbackSink.start();
    }

    @AfterEach
    void stop() throws Exception {
        pool.shutdownNow();
        for (AutoCloseable c : open) {
            c.close();
        }
        sink.close();
    }

    private LocalServer instance(Settings settings) throws Exception {
        LinkHealth app = LinkHealth.fromSettings(settings, Clock.systemUTC(), EventPublisher.NONE, true);
        open.add(app);
        LocalServer server = new LocalServer(app, "127.0.0.1", 0, null, 0).start();
        open.add(server);
        return server;
    }

    private int post(LocalServer server, String path, byte[] body) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
            .header("Content-Type", "application/json; charset=utf-8")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void everyFlowGetsEveryEventOnceWhenTwoInstancesProcessTheSameCallbacks() throws Exception {
        Settings settings = Settings.of(Map.of("AzureWebJobsStorage", Azurite.connectionString(),
            "LINKHEALTH_TABLE_PREFIX", Azurite.freshTableNames().rowState().replace("rowstate", ""),
            "LINKHEALTH_QUEUE_VISIBILITY_SECONDS", "6"));
        LocalServer a = instance(settings);
        LocalServer b = instance(settings);
        assertEquals(201, post(a, "/api/subscriptions", ("{\"callbackUrl\":\"" + sink.callbackUrl() + "\"}").getBytes()));
        List<Callable<Integer>> posts = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            byte[] failed = SynapseLink.tableState(UUID.randomUUID(), "table" + i).target("syncstate", sync(8)).build();
            for (LocalServer server : List.of(a, b, a, b)) {
                posts.add(() -> post(server, "/api/dataverse/webhook", failed));
            }
        }
        for (Future<Integer> answer : pool.invokeAll(posts)) {
            assertEquals(202, answer.get());
        }

        assertTrue(sink.awaitCount(ROWS, 30_000), "deliveries: " + sink.received().size());
        assertTrue(a.awaitIdle(30_000) && b.awaitIdle(30_000), "the ingest queue did not drain");
        assertTrue(waitForEmptyDeliveryQueue(), "the delivery queue did not drain");
        Thread.sleep(1_000); // a duplicate would arrive now

        Map<String, Long> perEvent = sink.received().stream()
            .collect(Collectors.groupingBy(r -> r.header("webhook-id"), Collectors.counting()));
        assertEquals(ROWS, perEvent.size(), "one event per row: " + perEvent);
        assertEquals(Map.of(), perEvent.entrySet().stream().filter(e -> e.getValue() != 1)
            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)), "events posted more than once");
        try (LinkHealth reader = LinkHealth.fromSettings(settings, Clock.systemUTC(), EventPublisher.NONE, true)) {
            assertEquals(perEvent.keySet(), reader.stores().events().query(EventQuery.latest(100)).stream()
                .map(e -> e.id()).collect(Collectors.toSet()), "the stored events are the delivered ones");
        }
        assertEquals(0, StorageQueuesFixture.count(StorageQueues.DELIVERY + StorageQueues.POISON_SUFFIX));
        assertEquals(0, StorageQueuesFixture.count(StorageQueues.INGEST + StorageQueues.POISON_SUFFIX));
    }

    @Test
    void copiesOfOneDeliveryRunAtOnceOnTwoInstancesPostOnce() throws Exception {
        Settings settings = Settings.of(Map.of("AzureWebJobsStorage", Azurite.connectionString(),
            "LINKHEALTH_TABLE_PREFIX", Azurite.freshTableNames().rowState().replace("rowstate", "")));
        LinkHealth a = LinkHealth.fromSettings(settings, Clock.systemUTC(), EventPublisher.NONE, true);
        LinkHealth b = LinkHealth.fromSettings(settings, Clock.systemUTC(), EventPublisher.NONE, true);
        open.add(a);
        open.add(b);
        a.subscriptions().save(new Subscription("sub-race", TriggerKind.OnHealthEvent, CallbackUrl.parse(sink.callbackUrl()),
            new SubscriptionFilter(null, null, Set.of(), null), Instant.now(), 0));
        String message = DeliveryJson.write(Delivery.first("sub-race", "evt-race",
            "{\"specversion\":\"1.0\",\"id\":\"evt-race\",\"type\":\"t\",\"source\":\"/s\"}"));
        List<Callable<Void>> copies = new ArrayList<>();
        for (LinkHealth instance : List.of(a, b, a, b, a, b)) {
            DeliverEventFunction function = EntryPoints.of(instance).create(DeliverEventFunction.class);
            copies.add(() -> {
                function.run(message, 1, LocalExecutionContext.recording("DeliverEvent"));
                return null;
            });
        }
        for (Future<Void> done : pool.invokeAll(copies)) {
            done.get();
        }
        assertEquals(1, sink.received().size(), "one post for six copies");
    }

    private static boolean waitForEmptyDeliveryQueue() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (StorageQueuesFixture.count(StorageQueues.DELIVERY) > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }

}
