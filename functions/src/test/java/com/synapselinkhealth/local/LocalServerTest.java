package com.synapselinkhealth.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.synapselinkhealth.app.LinkHealth;
import com.synapselinkhealth.config.Settings;
import com.synapselinkhealth.health.HealthEvent;
import com.synapselinkhealth.health.HealthEventName;
import com.synapselinkhealth.statetables.StateTable;
import com.synapselinkhealth.store.DeadLetter;
import com.synapselinkhealth.store.EventQuery;
import com.synapselinkhealth.testing.CallbackBuilder;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The local runner over real HTTP: key rules, routes, problem documents, the queue behind the webhook. */
@Timeout(60)
class LocalServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "local-Test_key-0123456789";
    private static final UUID ROW = UUID.fromString("e3b1f2a4-5c6d-ef11-9f89-000d3a4a5b6c");

    /** Held so the level sticks: the rejections this test provokes are logged as warnings by design. */
    private static final java.util.logging.Logger QUIET = java.util.logging.Logger.getLogger("linkhealth");

    @org.junit.jupiter.api.BeforeAll
    static void quiet() {
        QUIET.setLevel(java.util.logging.Level.SEVERE);
    }

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();
    private final List<LocalServer> servers = new ArrayList<>();
    private final List<HealthEvent> published = new CopyOnWriteArrayList<>();
    private LinkHealth app;

    private LocalServer start(String key, Map<String, String> settings) throws Exception {
        app = LinkHealth.inMemory(Settings.of(settings), Clock.systemUTC(), published::add);
        LocalServer server = new LocalServer(app, "127.0.0.1", 0, key, 0).start();
        servers.add(server);
        return server;
    }

    @AfterEach
    void stop() {
        servers.forEach(LocalServer::close);
    }

    private static byte[] failingTable() {
        return CallbackBuilder.update(StateTable.PROFILE_ENTITY_STATE, ROW)
            .target("syncstate", CallbackBuilder.option(8))
            .preImage("syncstate", CallbackBuilder.option(2))
            .unchanged("entityname", "contact")
            .build();
    }

    private static HttpRequest.Builder post(LocalServer server, String pathAndQuery, byte[] body) {
        return HttpRequest.newBuilder(URI.create(server.baseUrl() + pathAndQuery))
            .timeout(Duration.ofSeconds(20))
            .header("Content-Type", "application/json; charset=utf-8")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode problem(HttpResponse<String> response, int status) throws Exception {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(null));
        JsonNode problem = JSON.readTree(response.body());
        assertEquals(status, problem.path("status").asInt(), response.body());
        assertTrue(problem.path("type").asText().startsWith("https://"), response.body());
        assertFalse(problem.path("title").asText().isBlank(), response.body());
        assertFalse(problem.path("detail").asText().isBlank(), response.body());
        return problem;
    }

    private List<HealthEvent> stored() {
        return app.stores().events().query(EventQuery.latest(100));
    }

    @Test
    void theKeyIsAcceptedInTheCodeParameterOrTheHeader() throws Exception {
        LocalServer server = start(KEY, Map.of());
        assertTrue(server.isKeyRequired());
        assertEquals(202, send(post(server, "/api/dataverse/webhook?code=" + KEY, failingTable())).statusCode());
        assertEquals(202, send(post(server, "/api/dataverse/webhook", failingTable()).header("x-functions-key", KEY))
            .statusCode());
        assertEquals(202, send(post(server, "/api/dataverse/webhook", failingTable()).header("X-Functions-Key", KEY))
            .statusCode());
    }

    @Test
    void aMissingOrWrongKeyIsRefused401AndNothingIsAccepted() throws Exception {
        LocalServer server = start(KEY, Map.of());
        JsonNode missing = problem(send(post(server, "/api/dataverse/webhook", failingTable())), 401);
        assertTrue(missing.path("detail").asText().contains("code"), missing.toString());
        assertFalse(missing.toString().contains(KEY));
        problem(send(post(server, "/api/dataverse/webhook?code=wrong-key", failingTable())), 401);
        problem(send(post(server, "/api/dataverse/webhook", failingTable()).header("x-functions-key", KEY + "x")), 401);
        problem(send(post(server, "/api/dataverse/webhook", failingTable()).header("x-functions-key", "")), 401);
        problem(send(post(server, "/api/dataverse/webhook?code=" + KEY.substring(1), failingTable())), 401);
        // the header is checked first, as the host does: a wrong header is not saved by a right code
        problem(send(post(server, "/api/dataverse/webhook?code=" + KEY, failingTable()).header("x-functions-key", "nope")),
            401);
        assertTrue(server.awaitIdle(5_000));
        assertTrue(stored().isEmpty());
        assertTrue(app.stores().deadLetters().recent(10).isEmpty());
    }

    @Test
    void withoutAKeyTheServerRunsOpen() throws Exception {
        LocalServer server = start(null, Map.of());
        assertFalse(server.isKeyRequired());
        assertEquals(202, send(post(server, "/api/dataverse/webhook", failingTable())).statusCode());
    }

    @Test
    void theWebhookAllowsPostOnly() throws Exception {
        LocalServer server = start(KEY, Map.of());
        HttpResponse<String> get = send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/dataverse/webhook?code="
            + KEY)).GET());
        problem(get, 405);
        assertEquals("POST", get.headers().firstValue("Allow").orElse(null));
        HttpResponse<String> put = send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/dataverse/webhook"))
            .header("x-functions-key", KEY).PUT(HttpRequest.BodyPublishers.ofByteArray(failingTable())));
        problem(put, 405);
        assertEquals("POST", put.headers().firstValue("Allow").orElse(null));
    }

    @Test
    void unknownRoutesAre404AndTheHealthRouteAnswers() throws Exception {
        LocalServer server = start(KEY, Map.of());
        JsonNode notFound = problem(send(post(server, "/api/dataverse/webhooks", failingTable())), 404);
        assertTrue(notFound.path("detail").asText().contains("/api/dataverse/webhook"), notFound.toString());
        problem(send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/")).GET()), 404);

        HttpResponse<String> health = send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/health")).GET());
        assertEquals(200, health.statusCode());
        assertEquals("ok", JSON.readTree(health.body()).path("status").asText());
    }

    @Test
    void aMalformedQueryStringIsA400() throws Exception {
        LocalServer server = start(null, Map.of());
        String head = raw(server, "POST /api/dataverse/webhook?code=%ZZ HTTP/1.1\r\nHost: localhost\r\n"
            + "Content-Type: application/json\r\nContent-Length: 2\r\n\r\n{}");
        // the JDK's HTTP server answers a request-target it cannot parse itself, before any handler runs
        assertTrue(head.startsWith("HTTP/1.1 400"), head);
        assertEquals(202, send(post(server, "/api/dataverse/webhook", failingTable())).statusCode());
    }

    @Test
    void anAcceptedCallbackIsProcessedThroughTheQueue() throws Exception {
        LocalServer server = start(KEY, Map.of());
        HttpResponse<String> response = send(post(server, "/api/dataverse/webhook", failingTable())
            .header("x-functions-key", KEY));
        assertEquals(202, response.statusCode(), response.body());
        assertEquals("accepted", JSON.readTree(response.body()).path("status").asText());

        assertTrue(server.awaitIdle(10_000));
        List<HealthEvent> events = stored();
        assertEquals(1, events.size(), events.toString());
        assertEquals(HealthEventName.TableSyncFailed, events.get(0).name());
        assertEquals(ROW, events.get(0).rowId());
        assertEquals(events, published);
        assertTrue(server.poisonMessages().isEmpty());
    }

    @Test
    void anotherTableIsAnswered200Ignored() throws Exception {
        LocalServer server = start(null, Map.of());
        byte[] account = CallbackBuilder.of("Update", "account", UUID.randomUUID()).target("name", "Contoso").build();
        HttpResponse<String> response = send(post(server, "/api/dataverse/webhook", account));
        assertEquals(200, response.statusCode());
        assertEquals("ignored", JSON.readTree(response.body()).path("status").asText());
        assertTrue(server.awaitIdle(5_000));
        assertTrue(stored().isEmpty());
    }

    /** About fifty bodies an attacker or a broken sender could post. */
    private static List<HttpRequest.Builder> hostile(LocalServer server) {
        String good = new String(failingTable(), StandardCharsets.UTF_8);
        String open = good.substring(0, good.length() - 1);
        List<byte[]> bodies = new ArrayList<>();
        List<String> texts = List.of("", " ", "null", "true", "42", "\"text\"", "[]", "{}", "[1,2,3]", "{\"a\":1}",
            "MessageName=Update", "<xml/>", "{\"MessageName\":\"Update\"}", good.substring(0, good.length() / 3),
            good + "{}", good + " trailing", open + ",\"Deep\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}",
            open + ",\"Big\":" + "9".repeat(5000) + "}", open + ",\"Big\":1e" + "9".repeat(5000) + "}",
            good.replace("\"PrimaryEntityId\":\"" + ROW + "\"", "\"PrimaryEntityId\":\"not-a-guid\""),
            good.replace("\"MessageName\":\"Update\"", "\"MessageName\":17"),
            good.replace("\"MessageName\":\"Update\"", "\"MessageName\":\"Update\",\"MessageName\":\"Delete\""),
            good.replace("\"Value\":8", "\"Value\":\"8\""), good.replace("\"Value\":8", "\"Value\":8.5"),
            good.replace("\"Value\":8", "\"Value\":99999999999999999999"),
            good.replace("\"OperationCreatedOn\":\"", "\"OperationCreatedOn\":\"\\/Date(abc)\\/\",\"X\":\""),
            good.replace("\"InputParameters\":[", "\"InputParameters\":{\"x\":["),
            good.replace("\"PrimaryEntityName\":\"synapselinkprofileentitystate\"", "\"PrimaryEntityName\":\"synapselinkprofile\""),
            "{\"MessageName\":\"Update\",\"PrimaryEntityName\":\"../../etc/passwd\",\"PrimaryEntityId\":\"" + ROW + "\"}",
            "{\"MessageName\":\"Update\",\"PrimaryEntityName\":\"synapselinkprofile\"}",
            "{\"MessageName\":\"Delete\",\"PrimaryEntityName\":\"synapselinkprofile\",\"PrimaryEntityId\":\"" + ROW
                + "\",\"InputParameters\":[{\"key\":\"Target\",\"value\":42}]}",
            CallbackBuilder.update(StateTable.PROFILE_ENTITY_STATE, ROW).target("name", "x".repeat(60_000)).buildString(),
            "\u0000\u0000\u0000", "{\"\u0000\":\"\\u0000\"}", "{" + "\"a\":{".repeat(200) + "}".repeat(201),
            "[".repeat(5000), "{\"a\":\"\\uD800\"}", "\uFEFF" + "{}", "{'single':'quotes'}", "{\"a\":NaN}",
            "{\"a\":Infinity}", "/* comment */ {}", "{\"a\":1,}");
        for (String t : texts) {
            bodies.add(t.getBytes(StandardCharsets.UTF_8));
        }
        bodies.add(new byte[] {(byte) 0xFF, (byte) 0xFE, '{', 0, '}', 0});
        bodies.add(new byte[] {(byte) 0xC3, (byte) 0x28, '{', '}'});
        byte[] broken = failingTable();
        broken[broken.length / 2] = (byte) 0xC0;
        bodies.add(broken);
        byte[] random = new byte[4096];
        new java.util.Random(42).nextBytes(random);
        bodies.add(random);

        List<HttpRequest.Builder> requests = new ArrayList<>();
        for (byte[] body : bodies) {
            requests.add(post(server, "/api/dataverse/webhook", body));
        }
        requests.add(post(server, "/api/dataverse/webhook", failingTable()).setHeader("Content-Type", "application/xml"));
        requests.add(post(server, "/api/dataverse/webhook", failingTable()).setHeader("Content-Type", "application/msbin1"));
        requests.add(post(server, "/api/dataverse/webhook", failingTable()).setHeader("Content-Type", "text/plain"));
        requests.add(post(server, "/api/dataverse/webhook", failingTable())
            .setHeader("Content-Type", "multipart/form-data; boundary=x"));
        return requests;
    }

    @Test
    void theServerStaysUpThroughABurstOfHostileBodies() throws Exception {
        LocalServer server = start(null, Map.of());
        List<HttpRequest.Builder> requests = hostile(server);
        assertTrue(requests.size() >= 50, "only " + requests.size());
        List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
        for (HttpRequest.Builder request : requests) {
            sent.add(client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString()));
        }
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < sent.size(); i++) {
            HttpResponse<String> response = sent.get(i).get();
            int status = response.statusCode();
            if (status < 400 || status >= 500) {
                wrong.add("#" + i + " -> " + status + " " + response.body());
            } else {
                problem(response, status);
                assertFalse(response.body().contains("Exception") || response.body().contains("\tat "), response.body());
            }
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
        assertEquals(requests.size(), app.stores().deadLetters().recent(1000).size());

        assertEquals(200, send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/health")).GET()).statusCode());
        HttpResponse<String> good = send(post(server, "/api/dataverse/webhook", failingTable()));
        assertEquals(202, good.statusCode(), good.body());
        assertTrue(server.awaitIdle(10_000));
        assertEquals(List.of(HealthEventName.TableSyncFailed), stored().stream().map(HealthEvent::name).toList());
        assertTrue(server.poisonMessages().isEmpty());
    }

    @Test
    void aDeclaredContentLengthAboveTheLimitIsRefused413BeforeTheBodyIsRead() throws Exception {
        LocalServer server = start(KEY, Map.of());
        String head = raw(server, "POST /api/dataverse/webhook HTTP/1.1\r\nHost: localhost\r\n"
            + "x-functions-key: " + KEY + "\r\nContent-Type: application/json\r\n"
            + "Content-Length: " + (Settings.DEFAULT_MAX_BODY_BYTES * 10) + "\r\n\r\n{\"MessageName\":");
        assertTrue(head.startsWith("HTTP/1.1 413"), head);
        assertTrue(head.toLowerCase().contains("content-type: application/problem+json"), head);
        DeadLetter letter = app.stores().deadLetters().recent(1).get(0);
        assertEquals("too-large", letter.reason());
        assertEquals("application/json", letter.contentType());
        assertEquals(0, letter.bodyBytes());
        assertFalse(letter.toString().contains(KEY), letter.toString());
        // and the server is still there
        assertEquals(202, send(post(server, "/api/dataverse/webhook?code=" + KEY, failingTable())).statusCode());
    }

    /** Sends raw request bytes (what HttpClient refuses to send) and returns the response's status line and headers. */
    private static String raw(LocalServer server, String request) throws Exception {
        URI base = URI.create(server.baseUrl());
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return readHead(socket.getInputStream());
        }
    }

    private static String readHead(InputStream in) throws Exception {
        StringBuilder head = new StringBuilder();
        int c;
        while ((c = in.read()) != -1) {
            head.append((char) c);
            if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
                break;
            }
        }
        return head.toString();
    }

    @Test
    void aBodyAboveTheConfiguredLimitIsRefused413WithOrWithoutContentLength() throws Exception {
        LocalServer server = start(null, Map.of(Settings.MAX_BODY_BYTES, "8192"));
        byte[] big = CallbackBuilder.update(StateTable.PROFILE_ENTITY_STATE, ROW)
            .target("syncstate", CallbackBuilder.option(8)).target("name", "n".repeat(9000)).build();
        JsonNode declared = problem(send(post(server, "/api/dataverse/webhook", big)), 413);
        assertTrue(declared.path("detail").asText().contains("8192"), declared.toString());

        HttpResponse<String> chunked = send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/dataverse/webhook"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))));
        problem(chunked, 413);

        HttpResponse<String> fits = send(post(server, "/api/dataverse/webhook", failingTable()));
        assertEquals(202, fits.statusCode(), fits.body());
        assertTrue(server.awaitIdle(10_000));
        assertEquals(1, stored().size());
    }
}
