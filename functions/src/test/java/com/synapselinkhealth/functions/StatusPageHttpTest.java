package com.synapselinkhealth.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.synapselinkhealth.app.LinkHealth;
import com.synapselinkhealth.config.Settings;
import com.synapselinkhealth.connector.SwaggerSchemaValidator;
import com.synapselinkhealth.local.LocalServer;
import com.synapselinkhealth.testing.StatusPageScenario;
import com.synapselinkhealth.testing.StatusScenario;
import com.synapselinkhealth.testing.TestClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The status page over real HTTP on the local host: auth, headers, escaping, the JSON form and bad input. */
@Timeout(60)
class StatusPageHttpTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SwaggerSchemaValidator CONNECTOR = SwaggerSchemaValidator.connector();
    private static final String KEY = "page-Test_key-0123456789";
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private LinkHealth app;
    private LocalServer server;

    private void start(Map<String, String> settings) throws Exception {
        app = LinkHealth.inMemory(Settings.of(settings), new TestClock(StatusScenario.NOW), event -> { });
        StatusPageScenario.seed(app);
        server = new LocalServer(app, "127.0.0.1", 0, KEY, 0).start();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
            app.close();
        }
    }

    private HttpResponse<String> get(String pathAndQuery, boolean withKey) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUrl() + pathAndQuery))
            .timeout(Duration.ofSeconds(20)).GET();
        if (withKey) {
            request.header("x-functions-key", KEY);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void thePageNeedsTheKeyAndIsStrictlySelfContained() throws Exception {
        start(Map.of());
        assertEquals(401, get("/api/status", false).statusCode());
        HttpResponse<String> page = get("/api/status", true);
        assertEquals(200, page.statusCode(), page.body());
        assertEquals("text/html; charset=utf-8", page.headers().firstValue("Content-Type").orElse(null));
        assertEquals("nosniff", page.headers().firstValue("X-Content-Type-Options").orElse(null));
        assertEquals("no-referrer", page.headers().firstValue("Referrer-Policy").orElse(null));
        assertEquals("no-store", page.headers().firstValue("Cache-Control").orElse(null));
        String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        Matcher nonce = Pattern.compile("script-src 'nonce-([A-Za-z0-9+/=]{24})'").matcher(csp);
        assertTrue(nonce.find(), csp);
        assertTrue(csp.startsWith("default-src 'none'; "), csp);
        assertTrue(csp.contains("frame-ancestors 'none'"), csp);
        String body = page.body();
        assertTrue(body.contains("<script nonce=\"" + nonce.group(1) + "\">"), "the inline script carries the nonce");
        assertTrue(body.contains("<style nonce=\"" + nonce.group(1) + "\">"), "the inline style carries the nonce");
        assertEquals(1, count(body, "<script"), "one script, the page's own");
        assertFalse(body.matches("(?s).*(src|href)\\s*=.*"), "nothing is loaded from anywhere");
        assertFalse(body.contains("style=\""), "no inline style attribute (the CSP would block it)");
        assertFalse(body.contains(KEY), "the key is never in the page");
        String other = get("/api/status", true).headers().firstValue("Content-Security-Policy").orElseThrow();
        assertFalse(other.equals(csp), "a fresh nonce per response");
    }

    @Test
    void theProfilesTablesStatesAndEventsAreOnThePageWithNamesEscaped() throws Exception {
        start(Map.of());
        String body = get("/api/status", true).body();
        for (String text : List.of("Contoso Lake", "Fabric Link", "archive", ">contact</th>", ">incident</th>",
            "Failing", "Paused", "Stalled", "Healthy", "CompletedWithFailures", "Latest events", "TableSyncFailed",
            "120,345", "120,512", "5 h <span class=\"of\">/ 1 h</span>")) {
            assertTrue(body.contains(text), "the page shows " + text);
        }
        assertFalse(body.contains(StatusPageScenario.HOSTILE_PROFILE), "the hostile name is never raw markup");
        assertFalse(body.contains("<script>alert"), body);
        assertTrue(body.contains("&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt; &amp; &#39;Ünïcødé&#39; Lake"), body);
        assertTrue(body.contains("new_&quot;quoted&quot;&amp;&lt;b&gt;bold&lt;/b&gt;"), body);
        assertTrue(body.contains("<tr class=\"health-failing\" data-health=\"failing\"><th scope=\"row\" data-value=\"contact\">"),
            "a failing table's row is marked");
        assertTrue(body.contains("<th scope=\"col\" data-type=\"text\" aria-sort=\"ascending\"><button type=\"button\">Table"),
            "real column headers with aria-sort");
    }

    @Test
    void formatJsonAnswersTheSameDataAsJson() throws Exception {
        start(Map.of());
        HttpResponse<String> response = get("/api/status?format=json", true);
        assertEquals(200, response.statusCode());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(null));
        JsonNode json = JSON.readTree(response.body());
        assertEquals(StatusScenario.NOW.toString(), json.path("asOf").asText());
        List<String> names = new ArrayList<>();
        json.path("profiles").forEach(p -> names.add(p.path("profileName").asText()));
        assertEquals(List.of(StatusPageScenario.HOSTILE_PROFILE, "archive", "Contoso Lake", "Fabric Link"), names);
        for (JsonNode profile : json.path("profiles")) {
            JsonNode health = profile.deepCopy();
            ((com.fasterxml.jackson.databind.node.ObjectNode) health).remove("tables");
            assertEquals(List.of(), CONNECTOR.validateDefinition("ProfileHealth", health), "a ProfileHealth of the connector");
            for (JsonNode table : profile.path("tables")) {
                assertEquals(List.of(), CONNECTOR.validateDefinition("TableStatus", table), "a TableStatus of the connector");
            }
        }
        assertEquals(6, json.path("profiles").get(2).path("tables").size());
        assertTrue(json.path("recentEvents").size() > 0);
        for (JsonNode event : json.path("recentEvents")) {
            assertEquals(List.of(), CONNECTOR.validateDefinition("HealthEventNotification", event));
        }
        assertEquals(200, get("/api/status?format=HTML", true).statusCode());
    }

    @Test
    void anUnknownFormatIsA400Problem() throws Exception {
        start(Map.of());
        HttpResponse<String> response = get("/api/status?format=%3Cxml%3E", true);
        assertEquals(400, response.statusCode());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(null));
        JsonNode problem = JSON.readTree(response.body());
        assertEquals(400, problem.path("status").asInt());
        assertTrue(problem.path("detail").asText().contains("'format'"), problem.toString());
    }

    @Test
    void thePublicPageIsOffUnlessTheSettingTurnsItOn() throws Exception {
        start(Map.of());
        HttpResponse<String> off = get("/api/public/status", false);
        assertEquals(404, off.statusCode());
        assertEquals("application/problem+json", off.headers().firstValue("Content-Type").orElse(null));
        stop();
        start(Map.of(Settings.STATUS_PAGE_ANONYMOUS, "true"));
        HttpResponse<String> on = get("/api/public/status", false);
        assertEquals(200, on.statusCode());
        assertTrue(on.body().contains("Contoso Lake"));
        assertNotNull(on.headers().firstValue("Content-Security-Policy").orElse(null));
        assertEquals(401, get("/api/status", false).statusCode(), "the keyed page still needs its key");
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
