package com.synapselinkhealth.local;

import static com.synapselinkhealth.testing.CallbackBuilder.option;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.synapselinkhealth.app.LinkHealth;
import com.synapselinkhealth.config.Settings;
import com.synapselinkhealth.health.HealthEvent;
import com.synapselinkhealth.testing.CallbackSink;
import com.synapselinkhealth.testing.SynapseLink;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A flow's callback URL carries a signature ({@code sig}) that lets anyone start the flow: it must never be logged,
 * returned or kept in a dead letter, whatever happens to the subscription and its deliveries.
 */
@Timeout(60)
class CallbackSecretsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "secrets-Test_key-0123456789";
    private static final List<String> LOGGERS = List.of("", "linkhealth", "linkhealth.delivery");

    /** Every record, formatted with its parameters and stack trace, as a log file would hold it. */
    private static final class Capture extends Handler {
        final List<String> lines = new CopyOnWriteArrayList<>();
        private final SimpleFormatter formatter = new SimpleFormatter();

        Capture() {
            setLevel(Level.ALL);
        }

        @Override
        public void publish(LogRecord record) {
            lines.add(formatter.format(record));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    private final Capture capture = new Capture();
    private final List<Logger> held = new ArrayList<>();
    private final List<Level> previousLevels = new ArrayList<>();
    private final List<AutoCloseable> resources = new ArrayList<>();
    private LinkHealth app;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void listen() {
        for (String name : LOGGERS) {
            Logger logger = Logger.getLogger(name);
            held.add(logger);
            previousLevels.add(logger.getLevel());
            logger.addHandler(capture);
        }
        // Everything the service logs, down to the finest level, captured but kept off the console.
        Logger.getLogger("linkhealth").setLevel(Level.ALL);
        Logger.getLogger("linkhealth.delivery").setLevel(Level.ALL);
        Logger.getLogger("linkhealth").setUseParentHandlers(false);
    }

    @AfterEach
    void restore() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
        Logger.getLogger("linkhealth").setUseParentHandlers(true);
        for (int i = 0; i < held.size(); i++) {
            held.get(i).removeHandler(capture);
            held.get(i).setLevel(previousLevels.get(i));
        }
    }

    private LocalServer start(boolean allowLocalCallbacks, List<HealthEvent> raised) throws Exception {
        app = LinkHealth.inMemory(Settings.of(Map.of(Settings.DELIVERY_RETRY_SCHEDULE, "50ms,50ms")),
            Clock.systemUTC(), raised::add, allowLocalCallbacks);
        resources.add(app);
        LocalServer server = new LocalServer(app, "127.0.0.1", 0, KEY, 0).start();
        resources.add(server);
        return server;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return client.send(request.header("x-functions-key", KEY).timeout(Duration.ofSeconds(20)).build(),
            HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> subscribe(LocalServer server, String path, String callbackUrl) throws Exception {
        String body = "{\"callbackUrl\":" + JSON.valueToTree(callbackUrl) + "}";
        return send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> failingTable(LocalServer server) throws Exception {
        byte[] body = SynapseLink.tableState(UUID.randomUUID(), "contact")
            .target("syncstate", option(8)).preImage("syncstate", option(2)).build();
        return send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/dataverse/webhook"))
            .header("Content-Type", "application/json; charset=utf-8").POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    private void assertNeverLogged(String secret) {
        for (String line : capture.lines) {
            assertFalse(line.contains(secret), "the signature was logged: " + line);
        }
    }

    @Test
    void theSignatureIsNeverLoggedReturnedOrKept() throws Exception {
        List<HealthEvent> raised = new CopyOnWriteArrayList<>();
        LocalServer server = start(true, raised);
        CallbackSink failing = CallbackSink.start();
        resources.add(failing);
        failing.otherwise(CallbackSink.Reply.status(500));
        CallbackSink gone = CallbackSink.start();
        resources.add(gone);
        gone.reply(410);
        CallbackSink fine = CallbackSink.start();
        resources.add(fine);
        List<String> secrets = List.of(failing.secret(), gone.secret(), fine.secret());

        List<String> answers = new ArrayList<>();
        HttpResponse<String> a = subscribe(server, "/api/subscriptions", failing.callbackUrl());
        HttpResponse<String> b = subscribe(server, "/api/subscriptions", gone.callbackUrl());
        HttpResponse<String> c = subscribe(server, "/api/subscriptions/table-sync-failures", fine.callbackUrl());
        for (HttpResponse<String> r : List.of(a, b, c)) {
            assertEquals(201, r.statusCode(), r.body());
            answers.add(r.body());
            answers.add(r.headers().map().toString());
        }
        assertEquals(202, failingTable(server).statusCode());
        assertTrue(server.awaitIdle(10_000));
        assertTrue(app.awaitDeliveries(10_000));

        // Every flow was called with its full callback URL, so the secret was in play all along.
        assertEquals(3, failing.received().size(), "50ms,50ms: three attempts");
        assertEquals(1, gone.received().size());
        assertEquals(1, fine.received().size());
        for (CallbackSink sink : List.of(failing, gone, fine)) {
            assertTrue(sink.received().get(0).query().contains("sig=" + sink.secret()));
        }
        assertEquals(2, app.subscriptions().list().size(), "the 410 flow lost its subscription");

        HttpResponse<String> deleted = send(HttpRequest.newBuilder(URI.create(a.headers().firstValue("Location").orElseThrow()))
            .DELETE());
        assertEquals(204, deleted.statusCode());
        HttpResponse<String> again = send(HttpRequest.newBuilder(URI.create(a.headers().firstValue("Location").orElseThrow()))
            .DELETE());
        assertEquals(404, again.statusCode());
        answers.add(again.body());

        String everythingLogged = String.join("", capture.lines);
        assertTrue(everythingLogged.contains("Subscribed"), "subscribing was logged: " + everythingLogged);
        assertTrue(everythingLogged.contains("failed: HTTP 500"), "the failed deliveries were logged: " + everythingLogged);
        assertTrue(everythingLogged.contains("Gave up"), "giving up was logged: " + everythingLogged);
        assertTrue(everythingLogged.contains("HTTP 410"), "the removal was logged: " + everythingLogged);
        assertTrue(everythingLogged.contains("127.0.0.1:" + failing.port()), "the host is logged, for support");
        for (String secret : secrets) {
            assertNeverLogged(secret);
            for (String answer : answers) {
                assertFalse(answer.contains(secret), "an answer holds the signature: " + answer);
            }
            assertFalse(app.stores().deadLetters().recent(100).toString().contains(secret), "a dead letter holds the signature");
            assertFalse(app.subscriptions().list().toString().contains(secret), "Subscription.toString shows the signature");
        }
        assertFalse(app.stores().deadLetters().recent(100).isEmpty());
    }

    @Test
    void aRefusedCallbackUrlIsNotEchoed() throws Exception {
        LocalServer server = start(false, new CopyOnWriteArrayList<>());
        String secret = "sEcReT" + UUID.randomUUID().toString().replace("-", "");
        List<String> urls = List.of(
            "https://127.0.0.1/workflows/x/triggers/manual/paths/invoke?api-version=2016-06-01&sig=" + secret,
            "http://example.com/workflows/x/triggers/manual/paths/invoke?sig=" + secret,
            "https://localhost:8443/workflows/x?sig=" + secret,
            "https://user:" + secret + "@8.8.8.8/x",
            "https://8.8.8.8/x?sig=" + secret + "\u0000 bad");
        for (String url : urls) {
            HttpResponse<String> r = subscribe(server, "/api/subscriptions", url);
            assertEquals(422, r.statusCode(), r.body());
            assertFalse(r.body().contains(secret), "the problem echoes the signature: " + r.body());
        }
        assertNeverLogged(secret);
    }

}
