package com.synapselinkhealth.statuspage;

import static com.synapselinkhealth.testing.SynapseLink.profileState;
import static com.synapselinkhealth.testing.SynapseLink.sync;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.synapselinkhealth.app.LinkHealth;
import com.synapselinkhealth.config.Settings;
import com.synapselinkhealth.dataverse.EntityReference;
import com.synapselinkhealth.dataverse.TransportHints;
import com.synapselinkhealth.dataverse.json.RemoteExecutionContextParser;
import com.synapselinkhealth.statetables.StateTable;
import com.synapselinkhealth.testing.HeadlessChromium;
import com.synapselinkhealth.testing.Lifecycle;
import com.synapselinkhealth.testing.SynapseLink;
import com.synapselinkhealth.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The early warnings on the status page, in a real browser: an initial sync's bar with its percentage and end, a
 * drifting table's difference, a table falling behind; each readable as words, not only as colour.
 */
class StatusPageEarlyWarningsBrowserTest {
    private static final Instant START = Instant.parse("2024-06-03T08:00:00Z");
    private static final Duration HOUR = Duration.ofHours(1);
    private static final EntityReference PROFILE = new EntityReference(StateTable.PROFILE.logicalName(), SynapseLink.PROFILE_ID, null);
    private static StatusPageInBrowser page;

    private static Map<String, Object> at(int hour, long lagMinutes, long lake, long crm) {
        return Map.of("lastsynceddatatime", START.plus(HOUR.multipliedBy(hour)).minus(Duration.ofMinutes(lagMinutes)),
            "lakerecordcount", lake, "crmrecordcount", crm);
    }

    private static Lifecycle table(String name, Map<String, Object> first) {
        Map<String, Object> created = new java.util.LinkedHashMap<>(Map.of("entityname", name, "profile", PROFILE,
            "syncstate", sync(4), "initialsyncstate", sync(4)));
        created.putAll(first);
        return Lifecycle.of(StateTable.PROFILE_ENTITY_STATE, UUID.nameUUIDFromBytes(name.getBytes()))
            .startingAt(START, HOUR, 9_000).created(created);
    }

    @BeforeAll
    static void start() throws Exception {
        page = StatusPageInBrowser.open("StatusPageEarlyWarningsBrowserTest",
            LinkHealth.inMemory(Settings.of(Map.of()), new TestClock(START.plus(HOUR.multipliedBy(4)).plusSeconds(60)),
                event -> { }),
            StatusPageEarlyWarningsBrowserTest::seed, 1480);
    }

    /** A profile with an account table in its initial sync, a contact table drifting and incident falling behind. */
    private static void seed(LinkHealth app) {
        RemoteExecutionContextParser parser = new RemoteExecutionContextParser();
        List<List<byte[]>> lives = List.of(
            Lifecycle.of(StateTable.PROFILE, SynapseLink.PROFILE_ID).created(Map.of("name", "Contoso Lake",
                "profilestate", profileState(1))).callbacks(),
            table("account", Map.of("initialsyncstate", sync(2), "syncstate", sync(1), "lastsynceddatatime", START,
                "lakerecordcount", 0L, "crmrecordcount", 200_000L))
                .then(at(1, 0, 30_000, 200_000)).then(at(2, 0, 60_000, 200_000)).then(at(3, 0, 90_000, 200_000))
                .then(at(4, 0, 80_000 + 40_000, 200_000)).callbacks(),
            table("contact", at(0, 5, 10_000, 10_000))
                .then(at(1, 5, 9_000, 10_000)).then(at(2, 5, 9_000, 10_000)).then(at(3, 5, 8_800, 10_000)).callbacks(),
            table("incident", at(0, 5, 500, 500))
                .then(at(1, 10, 500, 500)).then(at(2, 20, 500, 500)).then(at(3, 30, 500, 500)).then(at(4, 40, 500, 500))
                .callbacks());
        for (List<byte[]> life : lives) {
            life.forEach(body -> app.processor().process(parser.parse(body, TransportHints.NONE)));
        }
    }

    @BeforeEach
    void needsChromium() {
        assumeTrue(page != null, HeadlessChromium.INSTALL_HINT);
    }

    @AfterAll
    static void stop() {
        if (page != null) {
            page.close();
        }
    }

    private static JsonNode rowOf(String table) throws Exception {
        return page.browser().script("var name = arguments[0];"
            + " var row = Array.from(document.querySelectorAll('tbody tr')).find(function (r) {"
            + " return r.cells[0].innerText.trim() === name; });"
            + " var bar = row.querySelector('progress');"
            + " return { text: row.innerText, bar: bar ? bar.value : null, barMax: bar ? bar.max : null,"
            + " barLabel: bar ? bar.getAttribute('aria-label') : null };", table);
    }

    @Test
    void theInitialSyncDriftAndLagAreShownInWords() throws Exception {
        page.browser().open(page.statusUrl());
        JsonNode initial = rowOf("account");
        assertEquals(60, initial.path("bar").asInt(), initial.toString());
        assertEquals(100, initial.path("barMax").asInt());
        assertEquals("Initial sync 60 percent done", initial.path("barLabel").asText());
        assertTrue(initial.path("text").asText().contains("60 % done"), initial.toString());
        assertTrue(initial.path("text").asText().contains("ends about 2024-06-03"), initial.toString());

        JsonNode drifting = rowOf("contact");
        assertTrue(drifting.path("text").asText().contains("−1,200"), drifting.toString());
        assertTrue(drifting.path("text").asText().contains("drifting"), drifting.toString());

        JsonNode behind = rowOf("incident");
        assertTrue(behind.path("text").asText().contains("falling behind"), behind.toString());
        assertTrue(behind.path("text").asText().contains("/ 1 h"), "the lag against the allowance: " + behind);

        // the page's CSP lets it fetch nothing: read its JSON form as a flow or a script would
        JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(java.net.http.HttpClient.newHttpClient().send(
            java.net.http.HttpRequest.newBuilder(java.net.URI.create(page.server().baseUrl() + "/api/status?format=json&code=" + StatusPageInBrowser.KEY)).build(),
            java.net.http.HttpResponse.BodyHandlers.ofString()).body());
        JsonNode tables = json.path("profiles").get(0).path("tables");
        boolean seen = false;
        for (JsonNode t : tables) {
            if (t.path("table").asText().equals("account")) {
                assertEquals(60, t.path("initialSyncPercent").asInt());
                assertTrue(t.path("initialSyncEstimatedCompletionAt").isTextual());
                seen = true;
            }
            if (t.path("table").asText().equals("contact")) {
                assertTrue(t.path("drifting").asBoolean());
            }
            if (t.path("table").asText().equals("incident")) {
                assertTrue(t.path("fallingBehind").asBoolean());
            }
        }
        assertTrue(seen, tables.toString());
        page.browser().screenshot(java.nio.file.Path.of("target/status-page-early-warnings.png"), 1480);
    }
}
