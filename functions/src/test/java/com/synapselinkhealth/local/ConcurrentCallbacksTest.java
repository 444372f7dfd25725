package com.synapselinkhealth.local;

import static com.synapselinkhealth.testing.SynapseLink.sync;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.synapselinkhealth.app.LinkHealth;
import com.synapselinkhealth.config.Settings;
import com.synapselinkhealth.dataverse.EntityReference;
import com.synapselinkhealth.health.HealthEvent;
import com.synapselinkhealth.statetables.StateTable;
import com.synapselinkhealth.testing.CallbackSink.Received;
import com.synapselinkhealth.testing.CallbackSink;
import com.synapselinkhealth.testing.Lifecycle;
import com.synapselinkhealth.testing.Pipeline;
import com.synapselinkhealth.testing.SynapseLink;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Callbacks of the same rows in random interleavings, processed at once by many workers: each expected event is
 * raised exactly once, as when the callbacks are processed one by one in Dataverse's order.
 */
@Timeout(120)
class ConcurrentCallbacksTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "concurrent-Test_key-0123456789";
    private static final Logger QUIET = Logger.getLogger("linkhealth");
    private static final EntityReference PROFILE = new EntityReference(StateTable.PROFILE.logicalName(), SynapseLink.PROFILE_ID, null);

    @BeforeAll
    static void quiet() {
        QUIET.setLevel(Level.SEVERE);
    }

    /** A day of a 50-table profile (two tables failing once), plus a dozen small lifecycles of the other tables. */
    static List<byte[]> dayOfCallbacks(Random random) {
        List<byte[]> day = new ArrayList<>();
        for (int t = 0; t < 50; t++) {
            Lifecycle life = Lifecycle.of(StateTable.PROFILE_ENTITY_STATE, new UUID(0x7000L + t, 0x9f89_000d_3a4a_5b6cL))
                .created(Map.of("entityname", "table" + t, "profile", PROFILE, "syncstate", sync(4), "initialsyncstate", sync(4)));
            for (int s = 1; s < 25; s++) {
                boolean failing = (t == 7 || t == 31) && s == 10;
                life.then(Map.of("syncstate", sync(failing ? 8 : 4), "lakerecordcount", 100L * s));
            }
            day.addAll(life.callbacks());
        }
        for (StateTable table : StateTable.values()) {
            for (int i = 0; i < 2; i++) {
                day.addAll(Lifecycle.random(table, random, 2 + random.nextInt(4), random.nextBoolean()).callbacks());
            }
        }
        day.add(day.get(random.nextInt(day.size())));
        day.add(day.get(random.nextInt(day.size())));
        return day;
    }

    private static Map<String, Long> multiset(List<String> names) {
        Map<String, Long> counts = new TreeMap<>();
        names.forEach(n -> counts.merge(n, 1L, Long::sum));
        return counts;
    }

    private static List<String> inOrder(List<byte[]> callbacks) {
        Pipeline pipeline = new Pipeline();
        callbacks.forEach(pipeline::process);
        return pipeline.published.stream().map(e -> e.name().name()).toList();
    }

    @Test
    void manyProcessorsOverOneStoreRaiseEachEventOnce() throws Exception {
        for (long seed = 1; seed <= 3; seed++) {
            Random random = new Random(seed);
            List<byte[]> callbacks = dayOfCallbacks(random);
            List<String> expected = inOrder(callbacks);
            assertEquals(2, Collections.frequency(expected, "TableSyncFailed") - expectedOtherFailures(expected), "sanity");
            List<byte[]> shuffled = new ArrayList<>(callbacks);
            Collections.shuffle(shuffled, random);
            Pipeline pipeline = new Pipeline();
            ConcurrentLinkedQueue<byte[]> work = new ConcurrentLinkedQueue<>(shuffled);
            ExecutorService workers = Executors.newFixedThreadPool(16);
            try {
                List<Future<?>> running = new ArrayList<>();
                for (int w = 0; w < 16; w++) {
                    running.add(workers.submit(() -> {
                        for (byte[] body = work.poll(); body != null; body = work.poll()) {
                            pipeline.process(body);
                        }
                    }));
                }
                for (Future<?> f : running) {
                    f.get();
                }
            } finally {
                workers.shutdownNow();
            }
            // an outbox flushed by two workers at once hands an event to the publisher twice (publishing is at least
            // once; delivery drops the repeat by its id): count each id once, and the event store holds each once
            Map<String, HealthEvent> byId = new java.util.LinkedHashMap<>();
            pipeline.published.forEach(e -> byId.putIfAbsent(e.id(), e));
            assertEquals(multiset(expected), multiset(byId.values().stream().map(e -> e.name().name()).toList()), "seed " + seed);
            assertEquals(byId.size(), pipeline.events.query(com.synapselinkhealth.store.EventQuery.latest(100_000)).size(),
                "the event store holds each event once");
        }
    }

    /** TableSyncFailed events of the random lifecycles (the day itself has two). */
    private static int expectedOtherFailures(List<String> expected) {
        return Collections.frequency(expected, "TableSyncFailed") - 2;
    }

    @Test
    void sixteenPostersToTheLocalServerDeliverEachEventOnce() throws Exception {
        Random random = new Random(42);
        List<byte[]> callbacks = dayOfCallbacks(random);
        List<String> expected = inOrder(callbacks);
        List<HealthEvent> raised = new CopyOnWriteArrayList<>();
        try (LinkHealth app = LinkHealth.inMemory(Settings.of(Map.of(Settings.DELIVERY_RETRY_SCHEDULE, "100ms,100ms")),
                 Clock.systemUTC(), raised::add, true);
             LocalServer server = new LocalServer(app, "127.0.0.1", 0, KEY, 0).start();
             CallbackSink sink = CallbackSink.start()) {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpResponse<String> subscribed = client.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/subscriptions"))
                .header("Content-Type", "application/json").header("x-functions-key", KEY)
                .POST(HttpRequest.BodyPublishers.ofString("{\"callbackUrl\":\"" + sink.callbackUrl() + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
            assertEquals(201, subscribed.statusCode(), subscribed.body());
            List<byte[]> shuffled = new ArrayList<>(callbacks);
            Collections.shuffle(shuffled, random);
            ConcurrentLinkedQueue<byte[]> work = new ConcurrentLinkedQueue<>(shuffled);
            ExecutorService posters = Executors.newFixedThreadPool(16);
            try {
                List<Future<?>> running = new ArrayList<>();
                for (int p = 0; p < 16; p++) {
                    running.add(posters.submit(() -> {
                        for (byte[] body = work.poll(); body != null; body = work.poll()) {
                            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/dataverse/webhook"))
                                .header("Content-Type", "application/json").header("x-functions-key", KEY)
                                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                                HttpResponse.BodyHandlers.ofString());
                            assertTrue(r.statusCode() == 202, r.statusCode() + " " + r.body());
                        }
                        return null;
                    }));
                }
                for (Future<?> f : running) {
                    f.get();
                }
            } finally {
                posters.shutdownNow();
            }
            assertTrue(server.awaitIdle(60_000), "the ingest queue did not drain");
            assertTrue(app.awaitDeliveries(60_000), "deliveries still pending");
            List<String> delivered = new ArrayList<>();
            Set<String> ids = new HashSet<>();
            for (Received r : sink.received()) {
                JsonNode event = JSON.readTree(r.body());
                assertTrue(ids.add(event.path("id").asText()), "delivered twice: " + r.body());
                delivered.add(event.path("data").path("eventName").asText());
            }
            Map<String, HealthEvent> byId = new java.util.LinkedHashMap<>();
            raised.forEach(e -> byId.putIfAbsent(e.id(), e));
            assertEquals(multiset(expected), multiset(byId.values().stream().map(e -> e.name().name()).toList()),
                "raised (an outbox flushed by two workers at once hands an event over twice; ids tell them apart)");
            assertEquals(multiset(expected), multiset(delivered), "delivered");
        }
    }
}
