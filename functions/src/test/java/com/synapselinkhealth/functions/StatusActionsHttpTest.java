package com.synapselinkhealth.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.synapselinkhealth.app.LinkHealth;
import com.synapselinkhealth.config.Settings;
import com.synapselinkhealth.connector.SwaggerSchemaValidator;
import com.synapselinkhealth.dataverse.TransportHints;
import com.synapselinkhealth.dataverse.json.RemoteExecutionContextParser;
import com.synapselinkhealth.health.HealthEventName;
import com.synapselinkhealth.local.LocalServer;
import com.synapselinkhealth.testing.StatusScenario;
import com.synapselinkhealth.testing.SynapseLink;
import com.synapselinkhealth.testing.TestClock;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The six read-only actions over real HTTP on the local host, every answer checked against the connector's
 * definition ({@link SwaggerSchemaValidator}: status declared, media type produced, body exactly as the schema says).
 */
@Timeout(60)
class StatusActionsHttpTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SwaggerSchemaValidator CONNECTOR = SwaggerSchemaValidator.connector();
    private static final String KEY = "status-Test_key-0123456789";
    private static final String CONTOSO = SynapseLink.PROFILE_ID.toString();
    private static final String UNKNOWN = "00000000-0000-4000-8000-000000000001";

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();
    private LinkHealth app;
    private LocalServer server;
    /** Every operation this test called and got a valid answer from, with the statuses seen. */
    private final Map<String, Set<Integer>> covered = new java.util.TreeMap<>();

    @BeforeEach
    void start() throws Exception {
        app = LinkHealth.inMemory(Settings.of(Map.of()), new TestClock(StatusScenario.NOW), event -> { });
        RemoteExecutionContextParser parser = new RemoteExecutionContextParser();
        StatusScenario.seed(callback -> app.processor().process(parser.parse(callback.build(), TransportHints.NONE)));
        server = new LocalServer(app, "127.0.0.1", 0, KEY, 0).start();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        if ((Object) app instanceof AutoCloseable closeable) { // it holds a delivery queue once subscriptions exist
            closeable.close();
        }
    }

    private record Answer(int status, String contentType, String body, JsonNode json) {
    }

    /** GETs a path (or an absolute URL) with the key in the header, and checks the answer against the definition. */
    private Answer call(String operationId, String pathOrUrl) throws Exception {
        URI uri = URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : server.baseUrl() + pathOrUrl);
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20))
            .header("x-functions-key", KEY).GET().build(), HttpResponse.BodyHandlers.ofString());
        String contentType = response.headers().firstValue("Content-Type").orElse(null);
        List<String> errors = CONNECTOR.validate(operationId, response.statusCode(), contentType, response.body());
        assertEquals(List.of(), errors, operationId + " " + pathOrUrl + " -> " + response.statusCode() + " "
            + response.body());
        covered.computeIfAbsent(operationId, k -> new java.util.TreeSet<>()).add(response.statusCode());
        JsonNode json = response.body().isEmpty() ? null : JSON.readTree(response.body());
        return new Answer(response.statusCode(), contentType, response.body(), json);
    }

    private Answer ok(String operationId, String path) throws Exception {
        Answer answer = call(operationId, path);
        assertEquals(200, answer.status(), answer.body());
        assertEquals("application/json", answer.contentType());
        return answer;
    }

    private JsonNode problem(String operationId, String path, int status, String mentioned) throws Exception {
        Answer answer = call(operationId, path);
        assertEquals(status, answer.status(), answer.body());
        assertEquals("application/problem+json", answer.contentType());
        assertEquals(status, answer.json().path("status").asInt());
        assertTrue(answer.json().path("detail").asText().contains(mentioned), answer.body());
        return answer.json();
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> texts = new ArrayList<>();
        array.forEach(item -> texts.add(field == null ? item.asText() : item.path(field).asText()));
        return texts;
    }

    @Test
    void listProfiles() throws Exception {
        JsonNode profiles = ok("ListProfiles", "/api/profiles").json().path("value");
        assertEquals(List.of("archive", "Contoso Lake", "Fabric Link"), texts(profiles, "name"));
        JsonNode contoso = profiles.get(1);
        assertEquals(CONTOSO, contoso.path("id").asText());
        assertEquals("Active", contoso.path("state").asText());
        assertEquals(1, contoso.path("stateValue").asInt());
        assertEquals(6, contoso.path("tableCount").asInt());
        assertTrue(profiles.get(2).path("state").isNull());
        assertTrue(profiles.get(2).path("stateValue").isNull());
    }

    @Test
    void getProfileHealth() throws Exception {
        JsonNode health = ok("GetProfileHealth", "/api/profiles/" + CONTOSO + "/health").json();
        assertEquals("error", health.path("worstSeverity").asText());
        assertFalse(health.path("healthy").asBoolean());
        assertEquals(JSON.readTree("{\"total\":6,\"healthy\":2,\"failing\":2,\"paused\":1,\"stalled\":1}"),
            health.path("tableCounts"));
        assertEquals(List.of("contact", "opportunity"), texts(health.path("failingTables"), null));
        assertEquals(List.of("incident"), texts(health.path("pausedTables"), null));
        assertEquals(List.of("account"), texts(health.path("stalledTables"), null));
        assertEquals("2024-06-03T11:58:00Z", health.path("lastSyncedAt").asText());
        assertEquals("2024-06-03T07:00:00Z", health.path("oldestLastSyncedAt").asText());
        assertEquals("2024-06-03T12:00:00Z", health.path("asOf").asText());
        for (UUID other : List.of(StatusScenario.FABRIC_ID, StatusScenario.ARCHIVE_ID)) {
            ok("GetProfileHealth", "/api/profiles/" + other + "/health");
        }
        assertEquals("warning", ok("GetProfileHealth", "/api/profiles/" + StatusScenario.ARCHIVE_ID + "/health").json()
            .path("worstSeverity").asText());
        problem("GetProfileHealth", "/api/profiles/" + UNKNOWN + "/health", 404, UNKNOWN);
        problem("GetProfileHealth", "/api/profiles/not-a-guid/health", 400, "'profileId'");
    }

    @Test
    void listProfileTables() throws Exception {
        JsonNode tables = ok("ListProfileTables", "/api/profiles/" + CONTOSO + "/tables").json().path("value");
        assertEquals(StatusScenario.CONTOSO_TABLES, texts(tables, "table"));
        for (String state : List.of("healthy", "failing", "paused", "stalled")) {
            JsonNode only = ok("ListProfileTables", "/api/profiles/" + CONTOSO + "/tables?state=" + state).json();
            only.path("value").forEach(t -> assertEquals(state, t.path("healthState").asText()));
            assertFalse(only.path("value").isEmpty(), state);
        }
        ok("ListProfileTables", "/api/profiles/" + StatusScenario.FABRIC_ID + "/tables");
        assertTrue(ok("ListProfileTables", "/api/profiles/" + StatusScenario.ARCHIVE_ID + "/tables").json()
            .path("value").isEmpty());
        problem("ListProfileTables", "/api/profiles/" + CONTOSO + "/tables?state=broken", 400, "'state'");
        problem("ListProfileTables", "/api/profiles/12345/tables", 400, "'profileId'");
        problem("ListProfileTables", "/api/profiles/" + UNKNOWN + "/tables", 404, UNKNOWN);
    }

    @Test
    void getTableStatus() throws Exception {
        for (String table : StatusScenario.CONTOSO_TABLES) {
            ok("GetTableStatus", "/api/profiles/" + CONTOSO + "/tables/" + table);
        }
        JsonNode contact = ok("GetTableStatus", "/api/profiles/" + CONTOSO + "/tables/contact").json();
        assertEquals(JSON.readTree("""
            {"profileId": "0a4c5e1f-2b3d-ef11-9f89-000d3a4a5b6c", "profileName": "Contoso Lake",
             "organization": "unqb015df52a05fee11a382000d3a64d", "table": "contact", "healthState": "failing",
             "severity": "error", "syncState": "CompletedWithFailures", "syncStateValue": 8,
             "initialSyncState": "Completed", "initialSyncStateValue": 4, "metadataState": "Created",
             "metadataStateValue": 8, "synapseTableCreationState": "Completed", "synapseTableCreationStateValue": 2,
             "deltaTableState": null, "deltaTableStateValue": null, "deltaLastSyncState": null,
             "deltaLastSyncStateValue": null, "lakehouseShortcutState": null, "lakehouseShortcutStateValue": null,
             "lastSyncedAt": "2024-06-03T11:44:00Z", "initialSyncCompletedAt": "2024-05-02T14:31:07Z",
             "deltaLastSyncedAt": null, "lakeRecordCount": 120345, "dataverseRecordCount": 120512,
             "deltaRecordCount": null, "deltaSourceRecordCount": null, "recordCountDifference": 167,
             "lagSeconds": 960, "stalled": false, "stallAllowanceSeconds": 3600, "drifting": false, "fallingBehind": false,
             "initialSyncPercent": null, "initialSyncEstimatedCompletionAt": null,
             "schedule": "IncrementalUpdate every 15 minutes", "asOf": "2024-06-03T12:00:00Z"}"""), contact);
        JsonNode task = ok("GetTableStatus", "/api/profiles/" + CONTOSO + "/tables/task").json();
        assertEquals("Unknown (128)", task.path("syncState").asText());
        assertEquals(128, task.path("syncStateValue").asInt());
        JsonNode lead = ok("GetTableStatus", "/api/profiles/" + CONTOSO + "/tables/lead").json();
        assertEquals("Created", lead.path("deltaTableState").asText());
        assertEquals(5000, lead.path("deltaRecordCount").asInt());
        problem("GetTableStatus", "/api/profiles/" + CONTOSO + "/tables/msdyn_removed", 404, "msdyn_removed");
        problem("GetTableStatus", "/api/profiles/" + CONTOSO + "/tables/nosuchtable", 404, "nosuchtable");
        problem("GetTableStatus", "/api/profiles/" + UNKNOWN + "/tables/contact", 404, UNKNOWN);
        problem("GetTableStatus", "/api/profiles/%7Bnot%7D/tables/contact", 400, "'profileId'");
    }

    @Test
    void listEventTypes() throws Exception {
        JsonNode types = ok("ListEventTypes", "/api/event-types").json().path("value");
        List<String> expected = new ArrayList<>();
        for (HealthEventName name : HealthEventName.values()) {
            expected.add(name.name());
        }
        assertEquals(expected, texts(types, "name"));
        assertEquals(HealthEventName.values().length, types.size());
        assertTrue(texts(types, "name").containsAll(List.of("RecordCountDrift", "InitialSyncProgress", "DeltaSyncStalled",
            "HealthDigest")), "the early warnings and the digest are listed");
        assertEquals("com.synapselinkhealth.synapselink.InitialSyncCompleted", types.get(0).path("type").asText());
    }

    @Test
    void listRecentEventsFollowsItsNextLinksToTheEnd() throws Exception {
        JsonNode all = ok("ListRecentEvents", "/api/events?top=100").json();
        assertFalse(all.has("nextLink"), "a single page has no next link");
        int total = all.path("value").size();
        assertTrue(total >= 4, all.toString());
        List<String> allIds = texts(all.path("value"), "id");

        List<String> paged = new ArrayList<>();
        String next = "/api/events?top=2&code=" + KEY + "&unknown=x";
        int pages = 0;
        while (next != null) {
            JsonNode page = ok("ListRecentEvents", next).json();
            paged.addAll(texts(page.path("value"), "id"));
            next = page.has("nextLink") ? page.path("nextLink").asText() : null;
            if (next != null) {
                assertTrue(next.startsWith(server.baseUrl() + "/api/events?"), next);
                assertFalse(next.contains("code="), "the key never rides in a next link: " + next);
                assertFalse(next.contains("unknown="), next);
                assertTrue(next.contains("top=2"), next);
                assertEquals(2, page.path("value").size());
            }
            pages++;
        }
        assertEquals(allIds, paged);
        assertEquals((total + 1) / 2, pages);
        assertEquals(total, new HashSet<>(paged).size());
    }

    @Test
    void listRecentEventsFiltersAndKeepsItsFiltersInTheNextLink() throws Exception {
        String since = URLEncoder.encode("2024-06-03T00:00:00+00:00", StandardCharsets.UTF_8);
        JsonNode errors = ok("ListRecentEvents", "/api/events?severity=error&profile=contoso%20lake&since=" + since)
            .json();
        List<String> names = texts(errors.path("value"), null).isEmpty() ? List.of()
            : errors.path("value").findValuesAsText("eventName");
        assertEquals(Set.of("TableSyncFailed", "DeltaSyncFailed"), new HashSet<>(names));
        JsonNode first = ok("ListRecentEvents", "/api/events?severity=error&profile=" + CONTOSO + "&top=1").json();
        String next = first.path("nextLink").asText();
        assertTrue(next.contains("severity=error") && next.contains("profile=" + CONTOSO) && next.contains("skipToken="),
            next);
        JsonNode second = ok("ListRecentEvents", next).json();
        assertEquals(1, second.path("value").size());
        assertFalse(second.has("nextLink"), second.toString());
        JsonNode both = ok("ListRecentEvents", "/api/events?event=TableSyncPaused,ProfileSuspended").json();
        assertEquals(Set.of("TableSyncPaused", "ProfileSuspended"),
            new HashSet<>(both.path("value").findValuesAsText("eventName")));
        assertTrue(ok("ListRecentEvents", "/api/events?table=nosuchtable").json().path("value").isEmpty());
    }

    @Test
    void listRecentEventsRefusesMalformedParametersNamingThem() throws Exception {
        for (String query : List.of("top=0", "top=101", "top=ten", "severity=fatal", "since=yesterday",
            "since=2024-06-03", "event=NoSuchEvent", "event=TableSyncFailed,Nope", "skipToken=bm90LWEtdG9rZW4")) {
            String parameter = query.substring(0, query.indexOf('='));
            problem("ListRecentEvents", "/api/events?" + query, 400, "'" + parameter + "'");
        }
    }

    @Test
    void anEventPostedToTheWebhookIsListedFirst() throws Exception {
        byte[] paused = StatusScenario.table("lead", 32, StatusScenario.NOW.minus(Duration.ofMinutes(1)))
            .preImage("syncstate", SynapseLink.sync(2)).build();
        HttpResponse<String> accepted = client.send(HttpRequest.newBuilder(URI.create(server.baseUrl()
                + "/api/dataverse/webhook")).header("x-functions-key", KEY).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(paused)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(202, accepted.statusCode(), accepted.body());
        assertTrue(server.awaitIdle(10_000));
        JsonNode latest = ok("ListRecentEvents", "/api/events?table=lead&top=1").json().path("value").get(0);
        assertEquals("TableSyncPaused", latest.path("data").path("eventName").asText());
        assertEquals("lead", latest.path("subject").asText());
        assertEquals("paused", ok("GetTableStatus", "/api/profiles/" + CONTOSO + "/tables/lead").json()
            .path("healthState").asText());
    }

    @Test
    void getHealthDigest() throws Exception {
        JsonNode digest = ok("GetHealthDigest", "/api/digest").json();
        JsonNode contoso = digest.path("profiles").get(0);
        assertEquals("Contoso Lake", contoso.path("profileName").asText(), "the worst profile first");
        assertEquals("error", digest.path("worstSeverity").asText());
        assertEquals(List.of(6, 2, 2, 1, 1), List.of(contoso.path("tables").asInt(), contoso.path("healthy").asInt(),
            contoso.path("failing").asInt(), contoso.path("paused").asInt(), contoso.path("stalled").asInt()));
        assertEquals("contact", contoso.path("worst").get(0).path("table").asText());
        assertTrue(digest.path("markdown").asText().startsWith("**✖ Error: Health digest**"), digest.toString());
        assertEquals("AdaptiveCard", digest.path("card").path("type").asText());
        problem("GetHealthDigest", "/api/digest?organization=fabrikam", 404, "fabrikam");
        problem("GetHealthDigest", "/api/digest?organization=" + "x".repeat(257), 400, "organization");
    }

    @Test
    void everyOperationAnswersWhatTheDefinitionDeclares() throws Exception {
        listProfiles();
        getProfileHealth();
        listProfileTables();
        getTableStatus();
        listEventTypes();
        listRecentEventsFollowsItsNextLinksToTheEnd();
        listRecentEventsRefusesMalformedParametersNamingThem();
        getHealthDigest();
        Set<String> read = Set.of("ListProfiles", "GetProfileHealth", "ListProfileTables", "GetTableStatus",
            "ListRecentEvents", "ListEventTypes", "GetHealthDigest");
        assertEquals(read, covered.keySet());
        for (String operationId : read) {
            Set<String> declared = new HashSet<>(CONNECTOR.operation(operationId).statuses());
            declared.remove("401");
            Set<String> seen = new HashSet<>();
            covered.get(operationId).forEach(s -> seen.add(Integer.toString(s)));
            assertEquals(declared, seen, operationId + ": every declared answer but 401 (the host's) is exercised");
        }
    }

    @Test
    void theActionsNeedTheKey() throws Exception {
        for (String path : List.of("/api/profiles", "/api/profiles/" + CONTOSO + "/health", "/api/profiles/" + CONTOSO
            + "/tables", "/api/profiles/" + CONTOSO + "/tables/contact", "/api/events", "/api/event-types", "/api/digest")) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(401, response.statusCode(), path);
            assertFalse(response.body().contains("Contoso"), response.body());
        }
    }
}
