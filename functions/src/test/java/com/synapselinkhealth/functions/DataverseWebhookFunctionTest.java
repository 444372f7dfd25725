package com.synapselinkhealth.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.synapselinkhealth.app.EntryPoints;
import com.synapselinkhealth.app.LinkHealth;
import com.synapselinkhealth.config.Settings;
import com.synapselinkhealth.dataverse.MessageName;
import com.synapselinkhealth.dataverse.RowChange;
import com.synapselinkhealth.dataverse.json.RowChangeJson;
import com.synapselinkhealth.health.HealthEvent;
import com.synapselinkhealth.local.host.LocalExecutionContext;
import com.synapselinkhealth.local.host.LocalHttpRequest;
import com.synapselinkhealth.local.host.LocalOutputBinding;
import com.synapselinkhealth.statetables.StateTable;
import com.synapselinkhealth.store.DeadLetter;
import com.synapselinkhealth.store.EventQuery;
import com.synapselinkhealth.testing.CallbackBuilder;
import com.synapselinkhealth.testing.TestClock;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The webhook entry point called directly, as the Functions host calls it, with fakes for the host's types. */
class DataverseWebhookFunctionTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2024-06-03T10:00:00Z");
    private static final String FUNCTION_KEY = "fk-Zx81Qq-secret-function-key==";
    private static final String BEARER = "Bearer eyJ0eXAiOiJKV1Qi.secret-bearer";
    private static final String CUSTOM_SECRET = "custom-header-secret-4711";

    private final List<HealthEvent> published = new ArrayList<>();

    private LinkHealth app(Map<String, String> settings) {
        return LinkHealth.inMemory(Settings.of(settings), new TestClock(NOW), published::add);
    }

    /** A webhook request as Dataverse sends it with WebhookKey auth, plus the secrets a caller might add. */
    private static LocalHttpRequest.Builder request(byte[] body, String contentType) {
        LocalHttpRequest.Builder request = LocalHttpRequest.post(URI.create(
                "https://linkhealth.example.net/api/dataverse/webhook"))
            .query("code", FUNCTION_KEY)
            .header("x-functions-key", FUNCTION_KEY)
            .header("Authorization", BEARER)
            .header("X-Custom-Secret", CUSTOM_SECRET)
            .header("Cookie", "session=" + CUSTOM_SECRET)
            .header("x-ms-dynamics-organization", "contoso.crm4.dynamics.com")
            .header("x-ms-dynamics-entity-name", "synapselinkprofileentitystate")
            .header("x-ms-dynamics-request-name", "Update")
            .header("User-Agent", "Dataverse-Webhook/1.0")
            .body(body);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return request;
    }

    private record Call(LocalHttpRequest.LocalHttpResponse response, LocalOutputBinding<String> ingest, LocalExecutionContext context) {
        JsonNode json() throws Exception {
            return JSON.readTree(response.bodyText());
        }
    }

    private static Call call(LinkHealth app, LocalHttpRequest.Builder request) {
        LocalOutputBinding<String> ingest = new LocalOutputBinding<>();
        LocalExecutionContext context = LocalExecutionContext.recording("DataverseWebhook");
        HttpResponseMessage response = EntryPoints.of(app).create(DataverseWebhookFunction.class)
            .run(request.build(), ingest, context);
        return new Call((LocalHttpRequest.LocalHttpResponse) response, ingest, context);
    }

    @Test
    void aStateTableChangeIsQueuedAndAnswered202WithoutProcessingIt() throws Exception {
        LinkHealth app = app(Map.of());
        Call call = call(app, request(Callbacks.tableSyncFailed().build(), "application/json; charset=utf-8"));

        assertEquals(202, call.response().getStatusCode());
        assertEquals("application/json", call.response().getHeader("content-type"));
        JsonNode body = call.json();
        assertEquals("accepted", body.path("status").asText());
        assertEquals("synapselinkprofileentitystate", body.path("table").asText());
        assertEquals(Callbacks.ROW.toString(), body.path("rowId").asText());
        assertEquals(Callbacks.OPERATION.toString(), body.path("operationId").asText());
        assertEquals("Update", body.path("message").asText());

        assertEquals(1, call.ingest().timesSet());
        RowChange queued = RowChangeJson.read(call.ingest().getValue());
        assertEquals("synapselinkprofileentitystate", queued.table());
        assertEquals(Callbacks.ROW, queued.rowId());
        assertEquals(MessageName.of("Update"), queued.message());
        assertEquals(Callbacks.OPERATION, queued.operationId());
        assertEquals(8, queued.attributes().option("syncstate"));
        assertEquals(2, queued.before().option("syncstate"));
        assertEquals("contact", queued.attributes().text("entityname"));
        assertEquals(CallbackBuilder.ORGANIZATION_NAME, queued.organization());
        assertFalse(queued.sizeExceeded());

        // the webhook only queues: the rules run in the queue trigger
        assertTrue(app.stores().events().query(EventQuery.latest(10)).isEmpty());
        assertTrue(app.stores().rowStates().list(StateTable.PROFILE_ENTITY_STATE).isEmpty());
        assertTrue(published.isEmpty());
        assertTrue(app.stores().deadLetters().recent(10).isEmpty());
    }

    @Test
    void theQueuedMessageProcessedByTheQueueTriggerRaisesTheEvent() {
        LinkHealth app = app(Map.of());
        Call call = call(app, request(Callbacks.tableSyncFailed().build(), "application/json"));
        EntryPoints.of(app).create(IngestQueueFunction.class)
            .run(call.ingest().getValue(), 1, LocalExecutionContext.recording("ProcessIngestQueue"));

        List<HealthEvent> events = app.stores().events().query(EventQuery.latest(10));
        assertEquals(1, events.size(), events.toString());
        assertEquals("TableSyncFailed", events.get(0).name().name());
        assertEquals("contact", events.get(0).table());
        assertEquals(events, published);
    }

    @Test
    void aRowOfAnotherTableIsAnswered200IgnoredAndNotQueued() throws Exception {
        LinkHealth app = app(Map.of());
        Call call = call(app, request(Callbacks.account().build(), "application/json"));

        assertEquals(200, call.response().getStatusCode());
        assertEquals("application/json", call.response().getHeader("Content-Type"));
        JsonNode body = call.json();
        assertEquals("ignored", body.path("status").asText());
        assertEquals("account", body.path("table").asText());
        assertTrue(body.path("reason").asText().contains("account"), body.toString());
        assertTrue(call.ingest().isEmpty());
        assertNull(call.ingest().getValue());
        assertTrue(app.stores().deadLetters().recent(10).isEmpty());
    }

    @Test
    void theSizeExceededHeaderIsAcceptedAndCarriedOnTheQueuedChange() throws Exception {
        LinkHealth app = app(Map.of());
        byte[] body = CallbackBuilder.update(StateTable.PROFILE_ENTITY_STATE, Callbacks.ROW)
            .operationId(Callbacks.OPERATION).sizeExceeded().build();
        Call call = call(app, request(body, "application/json").header("x-ms-dynamics-msg-size-exceeded", ""));

        assertEquals(202, call.response().getStatusCode(), call.response().bodyText());
        RowChange queued = RowChangeJson.read(call.ingest().getValue());
        assertTrue(queued.sizeExceeded());
        assertEquals(Callbacks.ROW, queued.rowId());
        assertTrue(call.context().text().contains("size exceeded"), call.context().text());

        // without the header the same body is not marked
        Call plain = call(app, request(body, "application/json"));
        assertEquals(202, plain.response().getStatusCode());
        assertFalse(RowChangeJson.read(plain.ingest().getValue()).sizeExceeded());
    }

    @Test
    void aJsonContentTypeWithParametersOrNoneIsFine() {
        LinkHealth app = app(Map.of());
        for (String type : new String[] {null, "application/json", "APPLICATION/JSON; charset=UTF-8", "text/json"}) {
            Call call = call(app, request(Callbacks.tableSyncFailed().build(), type));
            assertEquals(202, call.response().getStatusCode(), type + ": " + call.response().bodyText());
        }
    }

    /** One kind of body the webhook must refuse. */
    record Bad(String name, byte[] body, String contentType, Map<String, String> settings, int status, String type,
               String mentions) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Bad> badInputs() {
        String good = Callbacks.tableSyncFailed().buildString();
        String json = "application/json";
        Map<String, String> defaults = Map.of();
        return Stream.of(
            new Bad("not JSON", Callbacks.utf8("MessageName=Update&PrimaryEntityName=synapselinkprofile"), json, defaults,
                400, "not-json", "not valid JSON"),
            new Bad("empty body", new byte[0], json, defaults, 400, "not-json", "empty"),
            new Bad("no body at all", null, json, defaults, 400, "not-json", "empty"),
            new Bad("truncated JSON", Callbacks.utf8(good.substring(0, good.length() / 2)), json, defaults, 400, "not-json",
                "not valid JSON"),
            new Bad("wrong shape: array", Callbacks.utf8("[" + good + "]"), json, defaults, 422, "wrong-shape", "array"),
            new Bad("wrong shape: no MessageName", Callbacks.tableSyncFailed().remove("MessageName").build(), json,
                defaults, 422, "wrong-shape", "MessageName"),
            new Bad("wrong value type: syncstate as a string", Callbacks.tableSyncFailed().target("syncstate", "8").build(),
                json, defaults, 422, "invalid-value", "syncstate"),
            new Bad("bad date", Callbacks.tableSyncFailed().target("lastsynceddatatime", "/Date(abc)/").build(), json,
                defaults, 422, "invalid-value", "lastsynceddatatime"),
            new Bad("non-GUID row id", Callbacks.tableSyncFailed().set("PrimaryEntityId", "row-42").build(), json, defaults,
                422, "invalid-value", "PrimaryEntityId"),
            new Bad("deep nesting (100k)", Callbacks.withMember("Deep", "[".repeat(100_000) + "]".repeat(100_000)), json,
                defaults, 400, "too-complex", "nesting depth"),
            new Bad("huge number (5000 digits)", Callbacks.withMember("Big", "9".repeat(5000)), json, defaults, 400,
                "too-complex", "Number"),
            new Bad("invalid UTF-8", Callbacks.invalidUtf8(), json, defaults, 400, "not-json", "UTF-8"),
            new Bad("oversize", Callbacks.tableSyncFailed().target("name", "x".repeat(5000)).build(), json,
                Map.of(Settings.MAX_BODY_BYTES, "4096"), 413, "too-large", "4096"),
            new Bad("XML content type", Callbacks.utf8("<RemoteExecutionContext/>"), "application/xml", defaults, 415,
                "unsupported-format", "application/xml"),
            new Bad("binary XML content type", new byte[] {0x56, 0x02, 0x0B, 0x01, 0x73, 0x04, (byte) 0x82, (byte) 0xAB, 0x01, (byte) 0xFF}, "application/msbin1", defaults,
                415, "unsupported-format", "application/msbin1"),
            new Bad("text content type", Callbacks.tableSyncFailed().build(), "text/plain", defaults, 415,
                "unsupported-format", "text/plain"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void badInputIsRefusedWithAProblemDocumentAndKeptWithoutSecrets(Bad bad) throws Exception {
        LinkHealth app = app(bad.settings());
        Call call = call(app, request(bad.body(), bad.contentType()));

        assertEquals(bad.status(), call.response().getStatusCode(), call.response().bodyText());
        assertEquals(Problems.MEDIA_TYPE, call.response().getHeader("Content-Type"));
        JsonNode problem = call.json();
        assertEquals("https://synapselinkhealth.dev/problems/" + bad.type(), problem.path("type").asText());
        assertFalse(problem.path("title").asText().isBlank(), problem.toString());
        assertEquals(bad.status(), problem.path("status").asInt());
        String detail = problem.path("detail").asText();
        assertTrue(detail.contains(bad.mentions()), "detail '" + detail + "' should mention " + bad.mentions());
        String text = call.response().bodyText();
        assertFalse(text.contains("Exception") || text.contains("\tat ") || text.contains("com.fasterxml"),
            "no stack trace or class names: " + text);
        assertFalse(text.contains(FUNCTION_KEY) || text.contains(CUSTOM_SECRET), text);

        // nothing queued, nothing processed
        assertTrue(call.ingest().isEmpty(), "queued: " + call.ingest().getValue());
        assertTrue(app.stores().events().query(EventQuery.latest(10)).isEmpty());
        assertTrue(published.isEmpty());

        // the body is kept, the secrets are not
        List<DeadLetter> letters = app.stores().deadLetters().recent(10);
        assertEquals(1, letters.size());
        DeadLetter letter = letters.get(0);
        assertEquals(problem.path("deadLetterId").asText(), letter.id());
        assertEquals("webhook", letter.source());
        assertEquals(bad.type(), letter.reason());
        assertEquals(NOW, letter.at());
        assertEquals(detail, letter.detail());
        assertEquals(bad.contentType(), letter.contentType());
        for (String name : letter.headers().keySet()) {
            String lower = name.toLowerCase(Locale.ROOT);
            assertFalse(lower.equals("x-functions-key") || lower.equals("authorization") || lower.equals("cookie")
                || lower.equals("x-custom-secret"), "kept secret header " + name);
        }
        String kept = letter.toString();
        assertFalse(kept.contains(FUNCTION_KEY), kept);
        assertFalse(kept.contains(BEARER), kept);
        assertFalse(kept.contains(CUSTOM_SECRET), kept);
        assertEquals("contoso.crm4.dynamics.com", letter.headers().get("x-ms-dynamics-organization"));
        assertEquals("Dataverse-Webhook/1.0", letter.headers().get("user-agent"));

        byte[] sent = bad.body() == null ? new byte[0] : bad.body();
        assertEquals(sent.length, letter.bodyBytes());
        // the head of the body (16 KiB by default), its full length and its hash
        byte[] head = java.util.Arrays.copyOf(sent, Math.min(sent.length, 16 * 1024));
        if (sent.length > 0) {
            assertEquals(com.synapselinkhealth.ingest.CallbackIntakeAccess.sha256(sent), letter.bodySha256());
        }
        if (bad.name().equals("invalid UTF-8") || bad.name().equals("binary XML content type")) {
            assertTrue(letter.body().startsWith("base64:"), letter.body());
            assertArrayEquals(head, Base64.getDecoder().decode(letter.body().substring("base64:".length())));
        } else {
            String sentText = new String(sent, java.nio.charset.StandardCharsets.UTF_8);
            assertEquals(sentText.substring(0, Math.min(sentText.length(), letter.body().length())), letter.body());
            assertTrue(letter.body().length() >= Math.min(sentText.length(), 16 * 1024 - 3), "kept " + letter.body().length());
        }

        // the host's log says what happened, without the key
        assertFalse(call.context().recordsAtLeast(Level.WARNING).isEmpty(), call.context().text());
        assertTrue(call.context().text().contains(letter.id()), call.context().text());
        assertFalse(call.context().text().contains(FUNCTION_KEY));
    }

    @Test
    void aRefusedBodyLeavesTheFunctionUsableForTheNextOne() {
        LinkHealth app = app(Map.of());
        badInputs().filter(b -> b.settings().isEmpty()).forEach(bad -> {
            Call refused = call(app, request(bad.body(), bad.contentType()));
            assertTrue(refused.response().getStatusCode() >= 400 && refused.response().getStatusCode() < 500, bad.name());
        });
        Call good = call(app, request(Callbacks.tableSyncFailed().build(), "application/json"));
        assertEquals(202, good.response().getStatusCode());
        assertNotNull(good.ingest().getValue());
    }

    private static void assertArrayEquals(byte[] expected, byte[] actual) {
        org.junit.jupiter.api.Assertions.assertArrayEquals(expected, actual);
    }
}
