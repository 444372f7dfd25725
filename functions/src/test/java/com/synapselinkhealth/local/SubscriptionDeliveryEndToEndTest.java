package com.synapselinkhealth.local;

import static com.synapselinkhealth.testing.CallbackBuilder.option;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.synapselinkhealth.app.LinkHealth;
import com.synapselinkhealth.config.Settings;
import com.synapselinkhealth.connector.SwaggerSchemaValidator;
import com.synapselinkhealth.health.HealthEvent;
import com.synapselinkhealth.health.HealthEventName;
import com.synapselinkhealth.subscriptions.TriggerKind;
import com.synapselinkhealth.testing.CallbackBuilder;
import com.synapselinkhealth.testing.CallbackSink.Received;
import com.synapselinkhealth.testing.CallbackSink;
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
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The subscribe, deliver, unsubscribe cycle over real HTTP: the local server with a function key, a sink standing
 * in for the flow, Dataverse callbacks on the webhook; every answer and every delivered event checked against the
 * connector's definition.
 */
@Timeout(60)
class SubscriptionDeliveryEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "e2e-Test_key-0123456789";
    private static final SwaggerSchemaValidator CONNECTOR = SwaggerSchemaValidator.connector();
    /** Held so the level sticks: refused subscriptions and failed deliveries are logged by design. */
    private static final Logger QUIET = Logger.getLogger("linkhealth");

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final List<HealthEvent> raised = new CopyOnWriteArrayList<>();
    private LinkHealth app;
    private LocalServer server;
    private CallbackSink sink;

    @BeforeAll
    static void quiet() {
        QUIET.setLevel(Level.SEVERE);
    }

    @AfterEach
    void stop() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
    }

    /** The server as {@code ./linkhealth serve --allow-local-callbacks} runs it, with 100 ms retries, and a sink. */
    private void startLocal() throws Exception {
        start(true);
        sink = CallbackSink.start();
        resources.add(sink);
    }

    private void start(boolean allowLocalCallbacks) throws Exception {
        app = LinkHealth.inMemory(Settings.of(Map.of(Settings.DELIVERY_RETRY_SCHEDULE, "100ms,100ms,100ms")),
            Clock.systemUTC(), raised::add, allowLocalCallbacks);
        resources.add(app);
        server = new LocalServer(app, "127.0.0.1", 0, KEY, 0).start();
        resources.add(server);
    }

    // ---- HTTP --------------------------------------------------------------------------------------------

    private record Answer(int status, String contentType, String location, String body) {
        JsonNode json() throws Exception {
            return JSON.readTree(body);
        }
    }

    private Answer send(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> r = client.send(request.timeout(Duration.ofSeconds(20)).build(),
            HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.headers().firstValue("Content-Type").orElse(null),
            r.headers().firstValue("Location").orElse(null), r.body());
    }

    private Answer post(String path, String body) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
            .header("Content-Type", "application/json").header("x-functions-key", KEY)
            .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private Answer delete(String url) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(url)).header("x-functions-key", KEY).DELETE());
    }

    private Answer webhook(CallbackBuilder callback) throws Exception {
        Answer a = send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/dataverse/webhook"))
            .header("Content-Type", "application/json; charset=utf-8").header("x-functions-key", KEY)
            .POST(HttpRequest.BodyPublishers.ofByteArray(callback.build())));
        assertEquals(202, a.status(), a.body());
        return a;
    }

    /** Waits for the ingest queue, then for every delivery and its retries. */
    private void settle() throws Exception {
        assertTrue(server.awaitIdle(10_000), "the ingest queue did not drain");
        assertTrue(app.awaitDeliveries(10_000), "deliveries still pending");
    }

    private static String subscribeBody(String callbackUrl, String moreJson) {
        return "{\"callbackUrl\":" + JSON.valueToTree(callbackUrl) + (moreJson.isEmpty() ? "" : "," + moreJson) + "}";
    }

    /** Subscribes and checks the 201 against the definition; returns the Location. */
    private String subscribe(String operationId, String path, String body) throws Exception {
        Answer a = post(path, body);
        assertEquals(201, a.status(), a.body());
        assertEquals(List.of(), CONNECTOR.validate(operationId, 201, a.contentType(), a.body()));
        assertEquals(List.of(), CONNECTOR.validateDefinition("Subscription", a.json()));
        JsonNode subscription = a.json();
        URI location = URI.create(a.location());
        URI base = URI.create(server.baseUrl());
        assertTrue(location.isAbsolute(), a.location());
        assertEquals(base.getScheme(), location.getScheme());
        assertEquals(base.getHost(), location.getHost(), "the same host");
        assertEquals(base.getPort(), location.getPort(), "the same host");
        assertEquals(CONNECTOR.basePath() + CONNECTOR.operation("DeleteSubscription").path()
                .replace("{subscriptionId}", subscription.path("id").asText()), location.getPath(),
            "the subscription's URL, the definition's DeleteSubscription path");
        assertFalse(a.body().contains("callbackUrl") || a.body().contains("sig="), "the callback URL is never returned");
        return a.location();
    }

    private String subscribeLocalSink(String filtersJson) throws Exception {
        return subscribe("OnHealthEvent", "/api/subscriptions", subscribeBody(sink.callbackUrl(), filtersJson));
    }

    private static void assertProblem(Answer a, int status, String operationId) throws Exception {
        assertEquals(status, a.status(), a.body());
        assertEquals("application/problem+json", a.contentType());
        assertEquals(List.of(), CONNECTOR.validate(operationId, status, a.contentType(), a.body()));
        assertEquals(status, a.json().path("status").asInt());
    }

    // ---- callbacks ---------------------------------------------------------------------------------------

    /** A table's sync going from InProgress to CompletedWithFailures: one TableSyncFailed. */
    private static CallbackBuilder failingTable(UUID row, String table) {
        return SynapseLink.tableState(row, table)
            .target("syncstate", option(8)).preImage("syncstate", option(2))
            .target("modifiedon", Instant.parse("2024-06-03T09:29:58Z"));
    }

    /** A table's initial sync going from InProgress to Completed: one InitialSyncCompleted (info). */
    private static CallbackBuilder initialSyncCompleted(UUID row, String table) {
        return SynapseLink.tableState(row, table)
            .target("initialsyncstate", option(4)).preImage("initialsyncstate", option(2))
            .target("modifiedon", Instant.parse("2024-06-03T09:31:00Z"));
    }

    private static JsonNode notification(Received r) throws Exception {
        JsonNode event = JSON.readTree(r.body());
        assertEquals(List.of(), CONNECTOR.validateDefinition("HealthEventNotification", event), r.body());
        for (String path : List.of(CONNECTOR.operation("OnHealthEvent").path(), CONNECTOR.operation("OnTableSyncFailure").path())) {
            JsonNode schema = CONNECTOR.definition().path("paths").path(path).path("x-ms-notification-content").path("schema");
            assertFalse(schema.isMissingNode(), path + " has no x-ms-notification-content");
            assertEquals(List.of(), CONNECTOR.validateSchema(schema, event), path);
        }
        assertEquals(event.path("id").asText(), r.header("webhook-id"), "webhook-id is the event id");
        assertEquals("POST", r.method());
        assertTrue(r.header("content-type").startsWith("application/json"), r.header("content-type"));
        return event;
    }

    private List<HealthEventName> raisedNames() {
        return raised.stream().map(HealthEvent::name).toList();
    }

    // ---- the cycle ---------------------------------------------------------------------------------------

    @Test
    void subscribeDeliverUnsubscribeAndNothingMoreArrives() throws Exception {
        startLocal();
        String location = subscribeLocalSink("\"table\":\"contact\",\"minimumSeverity\":\"warning\"");
        assertEquals(1, app.subscriptions().list().size());

        webhook(failingTable(UUID.randomUUID(), "contact"));
        settle();

        List<Received> got = sink.received();
        assertEquals(1, got.size(), "exactly one delivery");
        JsonNode event = notification(got.get(0));
        assertEquals("TableSyncFailed", event.path("data").path("eventName").asText());
        assertEquals("contact", event.path("subject").asText());
        assertEquals("com.synapselinkhealth.synapselink.TableSyncFailed", event.path("type").asText());
        assertEquals(raised.get(0).id(), event.path("id").asText());
        assertTrue(got.get(0).query().contains("sig=" + sink.secret()), "posted to the full callback URL");

        Answer removed = delete(location);
        assertEquals(204, removed.status(), removed.body());
        assertEquals(List.of(), CONNECTOR.validate("DeleteSubscription", 204, removed.contentType(), removed.body()));
        assertTrue(app.subscriptions().list().isEmpty());
        assertProblem(delete(location), 404, "DeleteSubscription");

        webhook(failingTable(UUID.randomUUID(), "contact"));
        settle();
        assertEquals(List.of(HealthEventName.TableSyncFailed, HealthEventName.TableSyncFailed), raisedNames(),
            "the second failure was raised");
        Thread.sleep(150);
        assertEquals(1, sink.received().size(), "nothing arrives after unsubscribing");
    }

    @Test
    void deleteNeedsTheFunctionKey() throws Exception {
        startLocal();
        String location = subscribeLocalSink("");
        Answer unauthorized = send(HttpRequest.newBuilder(URI.create(location)).DELETE());
        assertEquals(401, unauthorized.status());
        assertEquals(1, app.subscriptions().list().size());
        assertEquals(204, delete(location).status());
        assertProblem(delete(server.baseUrl() + "/api/subscriptions/" + UUID.randomUUID()), 404, "DeleteSubscription");
    }

    @Test
    void aSinkAnswering500Then200GetsTheEventAfterARetry() throws Exception {
        startLocal();
        sink.reply(500, 200);
        subscribeLocalSink("");
        webhook(failingTable(UUID.randomUUID(), "account"));
        settle();

        List<Received> got = sink.received();
        assertEquals(2, got.size());
        JsonNode first = notification(got.get(0));
        JsonNode second = notification(got.get(1));
        assertEquals(first, second, "the same event again");
        assertEquals(List.of("1", "2"), got.stream().map(r -> r.header("x-linkhealth-attempt")).toList());
        assertEquals(1, app.subscriptions().list().size());
        assertTrue(app.stores().deadLetters().recent(10).stream().noneMatch(d -> d.source().equals("delivery")));
    }

    @Test
    void aSinkAnswering410LosesItsSubscription() throws Exception {
        startLocal();
        sink.reply(410);
        String location = subscribeLocalSink("");
        webhook(failingTable(UUID.randomUUID(), "account"));
        settle();

        assertEquals(1, sink.received().size(), "no retry after 410");
        assertTrue(app.subscriptions().list().isEmpty(), "the subscription is gone");
        assertProblem(delete(location), 404, "DeleteSubscription");

        webhook(failingTable(UUID.randomUUID(), "account"));
        settle();
        assertEquals(1, sink.received().size());
    }

    @Test
    void aSinkThatAlwaysFailsEndsAsADeadLetter() throws Exception {
        startLocal();
        sink.otherwise(CallbackSink.Reply.status(503));
        subscribeLocalSink("");
        webhook(failingTable(UUID.randomUUID(), "account"));
        settle();

        assertEquals(4, sink.received().size(), "100ms,100ms,100ms: four attempts");
        var dead = app.stores().deadLetters().recent(10).stream().filter(d -> d.source().equals("delivery")).toList();
        assertEquals(1, dead.size());
        assertEquals("max-attempts-exceeded", dead.get(0).reason());
        assertEquals(4, dead.get(0).attempts());
        assertEquals("HTTP 503", dead.get(0).headers().get("last-outcome"));
        assertFalse(dead.get(0).toString().contains(sink.secret()));
    }

    @Test
    void theTableSyncFailureTriggerTakesFailuresOnly() throws Exception {
        startLocal();
        Answer created = post("/api/subscriptions/table-sync-failures", subscribeBody(sink.callbackUrl(), ""));
        assertEquals(201, created.status(), created.body());
        assertEquals(List.of(), CONNECTOR.validate("OnTableSyncFailure", 201, created.contentType(), created.body()));
        JsonNode subscription = created.json();
        assertEquals("OnTableSyncFailure", subscription.path("trigger").asText());
        assertEquals("error", subscription.path("minimumSeverity").asText());
        TreeSet<String> events = new TreeSet<>();
        subscription.path("events").forEach(e -> events.add(e.asText()));
        assertEquals(new TreeSet<>(TriggerKind.TABLE_FAILURES.stream().map(HealthEventName::name).toList()), events);
        assertTrue(created.location().startsWith(server.baseUrl() + "/api/subscriptions/"), created.location());

        webhook(initialSyncCompleted(UUID.randomUUID(), "account"));
        webhook(failingTable(UUID.randomUUID(), "contact"));
        settle();

        assertEquals(new TreeSet<>(List.of(HealthEventName.InitialSyncCompleted, HealthEventName.TableSyncFailed)),
            new TreeSet<>(raisedNames()), "both events were raised");
        List<Received> got = sink.received();
        assertEquals(1, got.size());
        assertEquals("TableSyncFailed", notification(got.get(0)).path("data").path("eventName").asText());

        assertEquals(204, delete(created.location()).status());
    }

    @Test
    void anEventFilterTakesOnlyItsEvents() throws Exception {
        startLocal();
        subscribeLocalSink("\"events\":[\"InitialSyncCompleted\"]");
        webhook(initialSyncCompleted(UUID.randomUUID(), "account"));
        webhook(failingTable(UUID.randomUUID(), "contact"));
        settle();
        List<Received> got = sink.received();
        assertEquals(1, got.size());
        assertEquals("InitialSyncCompleted", notification(got.get(0)).path("data").path("eventName").asText());
    }

    // ---- refusals ----------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"http://example.com/x", "https://127.0.0.1/x", "https://[::1]/x", "https://169.254.169.254/latest",
        "https://168.63.129.16/", "https://10.0.0.1/", "https://localhost/x", "https://[::ffff:127.0.0.1]/x",
        "https://100.64.0.1/x", "https://192.168.0.10:8443/x?sig=abc", "ftp://example.com/x", "https://user:pw@8.8.8.8/x",
        "/relative/path", "not a url"})
    void ssrfAttemptsAreRefused422AndNothingIsStored(String callbackUrl) throws Exception {
        start(false);
        assertProblem(post("/api/subscriptions", subscribeBody(callbackUrl, "")), 422, "OnHealthEvent");
        assertProblem(post("/api/subscriptions/table-sync-failures", subscribeBody(callbackUrl, "")), 422,
            "OnTableSyncFailure");
        assertTrue(app.subscriptions().list().isEmpty());
    }

    @Test
    void theStrictServerStillTakesAPublicHttpsCallback() throws Exception {
        start(false);
        // A literal public address: the check needs no DNS, and nothing is posted until an event comes.
        String location = subscribe("OnHealthEvent", "/api/subscriptions", subscribeBody("https://8.8.8.8/workflows/x?sig=abc", ""));
        assertEquals(1, app.subscriptions().list().size());
        assertEquals(204, delete(location).status());
    }

    @Test
    void unusableBodiesAreRefused() throws Exception {
        startLocal();
        String url = sink.callbackUrl();
        assertProblem(post("/api/subscriptions", "{}"), 422, "OnHealthEvent");
        assertProblem(post("/api/subscriptions", "{\"callbackUrl\":\"\"}"), 422, "OnHealthEvent");
        assertProblem(post("/api/subscriptions", "{\"callbackUrl\":42}"), 422, "OnHealthEvent");
        assertProblem(post("/api/subscriptions", "{\"callbackUrl\":null}"), 422, "OnHealthEvent");
        assertProblem(post("/api/subscriptions/table-sync-failures", "{\"table\":\"contact\"}"), 422, "OnTableSyncFailure");
        assertProblem(post("/api/subscriptions", "not json"), 400, "OnHealthEvent");
        assertProblem(post("/api/subscriptions", "{\"callbackUrl\":"), 400, "OnHealthEvent");
        assertProblem(post("/api/subscriptions", ""), 400, "OnHealthEvent");
        assertProblem(post("/api/subscriptions/table-sync-failures", "<xml/>"), 400, "OnTableSyncFailure");
        assertProblem(post("/api/subscriptions", "[\"" + url + "\"]"), 422, "OnHealthEvent");
        assertProblem(post("/api/subscriptions", subscribeBody(url, "\"events\":[\"TableSyncExploded\"]")), 422,
            "OnHealthEvent");
        assertProblem(post("/api/subscriptions", subscribeBody(url, "\"events\":\"TableSyncFailed,Nope\"")), 422,
            "OnHealthEvent");
        assertProblem(post("/api/subscriptions", subscribeBody(url, "\"events\":[42]")), 422, "OnHealthEvent");
        assertProblem(post("/api/subscriptions", subscribeBody(url, "\"minimumSeverity\":\"critical\"")), 422,
            "OnHealthEvent");
        assertProblem(post("/api/subscriptions", subscribeBody(url, "\"minimumSeverity\":3")), 422, "OnHealthEvent");
        assertProblem(post("/api/subscriptions", subscribeBody(url, "\"profile\":{\"id\":1}")), 422, "OnHealthEvent");
        assertTrue(app.subscriptions().list().isEmpty(), "nothing was stored");

        ObjectNode ok = JSON.createObjectNode().put("callbackUrl", url).put("minimumSeverity", "ERROR");
        ok.putArray("events").add("tablesyncfailed");
        Answer accepted = post("/api/subscriptions", ok.toString());
        assertEquals(201, accepted.status(), "names and severities are matched without regard to case: " + accepted.body());
        assertEquals("error", accepted.json().path("minimumSeverity").asText());
        assertEquals("TableSyncFailed", accepted.json().path("events").path(0).asText());
    }
}
