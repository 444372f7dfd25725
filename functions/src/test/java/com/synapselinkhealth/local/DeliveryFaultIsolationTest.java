package com.synapselinkhealth.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import com.synapselinkhealth.app.LinkHealth;
import com.synapselinkhealth.config.Settings;
import com.synapselinkhealth.health.HealthEvent;
import com.synapselinkhealth.statetables.StateTable;
import com.synapselinkhealth.testing.CallbackBuilder;
import com.synapselinkhealth.testing.CallbackSink;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A flow whose endpoint hangs must not hold up Dataverse (the webhook keeps answering 202) nor the other flows:
 * while one sink holds every request open, the webhook accepts a burst of callbacks and a healthy flow gets every
 * event. (Retries, Retry-After, 410 and dead letters per flow are covered by DeliveryServiceTest and
 * SubscriptionDeliveryEndToEndTest.)
 */
class DeliveryFaultIsolationTest {
    private static final String KEY = "isolation-Key_0123456789";
    private static final java.util.logging.Logger QUIET = java.util.logging.Logger.getLogger("linkhealth");
    private static final int CALLBACKS = 12;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<HealthEvent> raised = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private LinkHealth app;
    private LocalServer server;
    private CallbackSink healthy;
    private HttpServer hanging;

    @BeforeAll
    static void quiet() {
        QUIET.setLevel(java.util.logging.Level.OFF);
    }

    @AfterEach
    void stop() {
        release.countDown();
        if (hanging != null) {
            hanging.stop(0);
        }
        if (healthy != null) {
            healthy.close();
        }
        if (server != null) {
            server.close();
        }
        if (app != null) {
            app.close();
        }
    }

    @Test
    void aHangingFlowHoldsUpNeitherTheWebhookNorAHealthyFlow() throws Exception {
        AtomicInteger held = new AtomicInteger();
        hanging = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        hanging.setExecutor(Executors.newCachedThreadPool());
        hanging.createContext("/", exchange -> {
            held.incrementAndGet();
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        hanging.start();
        healthy = CallbackSink.start();
        app = LinkHealth.inMemory(Settings.of(Map.of()), Clock.systemUTC(), raised::add, true);
        server = new LocalServer(app, "127.0.0.1", 0, KEY, 0).start();
        subscribe("http://127.0.0.1:" + hanging.getAddress().getPort() + "/workflows/hang/triggers/manual/paths/invoke?sig=x");
        subscribe(healthy.callbackUrl());

        for (int i = 0; i < CALLBACKS; i++) {
            byte[] body = CallbackBuilder.update(StateTable.PROFILE_ENTITY_STATE, UUID.randomUUID())
                .target("syncstate", CallbackBuilder.option(8)).preImage("syncstate", CallbackBuilder.option(2))
                .unchanged("entityname", "contact").build();
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(server.baseUrl()
                    + "/api/dataverse/webhook")).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json").header("x-functions-key", KEY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(202, r.statusCode(), r.body());
        }
        assertTrue(healthy.awaitCount(CALLBACKS, 20_000), "the healthy flow got " + healthy.received().size() + " of "
            + CALLBACKS + " events while another flow hung");
        assertTrue(held.get() >= 1, "the hanging flow was called");
        release.countDown();
        assertTrue(app.awaitDeliveries(20_000));
        assertEquals(CALLBACKS, healthy.received().stream().map(r -> r.header("webhook-id")).distinct().count());
    }

    private void subscribe(String callbackUrl) throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/subscriptions"))
            .header("Content-Type", "application/json").header("x-functions-key", KEY)
            .POST(HttpRequest.BodyPublishers.ofString("{\"callbackUrl\":\"" + callbackUrl + "\"}")).build(),
            HttpResponse.BodyHandlers.ofString());
        assertEquals(201, r.statusCode(), r.body());
    }
}
