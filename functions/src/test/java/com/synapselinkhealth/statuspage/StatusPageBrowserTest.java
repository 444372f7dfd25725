package com.synapselinkhealth.statuspage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.synapselinkhealth.app.LinkHealth;
import com.synapselinkhealth.config.Settings;
import com.synapselinkhealth.health.HealthEvent;
import com.synapselinkhealth.health.HealthEventName;
import com.synapselinkhealth.health.cloudevents.AdaptiveCardJson;
import com.synapselinkhealth.health.cloudevents.AdaptiveCardPreview;
import com.synapselinkhealth.health.messages.EventMessage;
import com.synapselinkhealth.health.messages.StatusPageLink;
import com.synapselinkhealth.testing.HeadlessChromium;
import com.synapselinkhealth.testing.StatusPageScenario;
import com.synapselinkhealth.testing.StatusScenario;
import com.synapselinkhealth.testing.TestClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The status page in a real browser (headless Chromium): the local server with seeded state (a healthy profile,
 * failing, paused and stalled tables, a profile named with {@code <script>}), loaded as a person would, checked for
 * what a person sees, sorted by clicking a column, and saved as {@code target/status-page.png}. Also renders our
 * preview of a delivered card to {@code target/card-preview.png}. Skipped, saying how to install it, where
 * Chromium is not installed.
 */
@Timeout(180)
class StatusPageBrowserTest {
    private static final int WIDTH = 1480;
    private static StatusPageInBrowser page;

    @BeforeAll
    static void start() throws Exception {
        page = StatusPageInBrowser.open("StatusPageBrowserTest",
            LinkHealth.inMemory(Settings.of(Map.of()), new TestClock(StatusScenario.NOW), event -> { }),
            StatusPageScenario::seed, WIDTH);
    }

    /** Each test is reported as skipped, with how to install Chromium, where it is missing. */
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

    private static void load() throws Exception {
        page.browser().open(page.statusUrl());
        page.browser().script("window.sessionStorage.clear(); return true;");
        page.browser().open(page.statusUrl());
    }

    /** The Table column of the table with this caption, top to bottom, as shown. */
    private static List<String> tableColumn(String tableId) throws Exception {
        JsonNode names = page.browser().script("return Array.from(document.querySelectorAll('#' + arguments[0] + ' tbody th'))"
            + ".map(function (th) { return th.innerText.trim(); });", tableId);
        List<String> list = new ArrayList<>();
        names.forEach(n -> list.add(n.asText()));
        return list;
    }

    private static String tableIdOf(String profileName) throws Exception {
        return page.browser().script("var name = arguments[0];"
            + " var t = Array.from(document.querySelectorAll('table.sortable')).find(function (t) {"
            + " return t.caption && t.caption.innerText === 'Tables of ' + name; }); return t ? t.id : null;",
            profileName).asText();
    }

    @Test
    void aPersonSeesEveryProfileTableAndStateWithTheFailingTableHighlighted() throws Exception {
        load();
        assertEquals("Synapse Link Health: status", page.browser().script("return document.title;").asText());
        String text = page.browser().script("return document.body.innerText;").asText();
        for (String shown : List.of("Contoso Lake", "Fabric Link", "archive", StatusPageScenario.HOSTILE_PROFILE,
            StatusPageScenario.HOSTILE_TABLE, "contact", "incident", "account", "lead", "opportunity",
            "Failing", "Paused", "Stalled", "Healthy", "CompletedWithFailures", "Latest events", "TableSyncFailed",
            "120,345")) {
            assertTrue(text.contains(shown), "the page shows '" + shown + "'");
        }
        assertEquals(1, page.browser().script("return document.scripts.length;").asInt(), "the hostile name ran no script");
        assertEquals(0, page.browser().script("return document.querySelectorAll('b').length;").asInt(), "nor made markup");

        // the inline style and script ran under the CSP (by nonce): styles applied, the pause button shown
        assertEquals("6px", page.browser().script("return getComputedStyle(document.querySelector('section.profile'))"
            + ".borderLeftWidth;").asText());
        assertFalse(page.browser().script("return document.getElementById('refresh-toggle').hidden;").asBoolean());

        String contoso = tableIdOf("Contoso Lake");
        JsonNode failing = page.browser().script("var row = Array.from(document.querySelectorAll('#' + arguments[0] + ' tbody tr'))"
            + ".find(function (r) { return r.cells[0].innerText.trim() === 'contact'; });"
            + "var healthy = document.querySelector('#' + arguments[0] + ' tr.health-healthy');"
            + "return { text: row.innerText, background: getComputedStyle(row).backgroundColor,"
            + " healthyBackground: getComputedStyle(healthy).backgroundColor, nameColor: getComputedStyle(row.cells[0]).color };",
            contoso);
        assertTrue(failing.path("text").asText().contains("Failing"), failing.toString());
        assertTrue(failing.path("text").asText().contains("CompletedWithFailures"), failing.toString());
        assertNotEquals(failing.path("healthyBackground").asText(), failing.path("background").asText(),
            "the failing row is highlighted: " + failing);
        assertEquals("rgb(253, 231, 233)", failing.path("background").asText(), "a light red background");

        page.browser().screenshot(Path.of("target/status-page.png"), WIDTH);
        assertTrue(Files.size(Path.of("target/status-page.png")) > 10_000);
    }

    @Test
    void clickingAColumnHeadingSortsTheRowsAndSaysSo() throws Exception {
        load();
        String contoso = tableIdOf("Contoso Lake");
        assertEquals(List.of("account", "contact", "incident", "lead", "opportunity", "task"), tableColumn(contoso));
        String health = "#" + contoso + " thead th:nth-child(2) button";
        page.browser().click(health);
        assertEquals(List.of("contact", "opportunity", "incident", "account", "lead", "task"), tableColumn(contoso),
            "worst first: failing, paused, stalled, healthy");
        assertEquals("ascending", page.browser().script("return document.querySelector(arguments[0]).parentElement"
            + ".getAttribute('aria-sort');", health).asText());
        assertEquals("none", page.browser().script("return document.querySelector('#' + arguments[0] + ' thead th')"
            + ".getAttribute('aria-sort');", contoso).asText());
        page.browser().click(health);
        assertEquals("lead", tableColumn(contoso).get(0), "descending: healthy first");
        assertEquals("descending", page.browser().script("return document.querySelector(arguments[0]).parentElement"
            + ".getAttribute('aria-sort');", health).asText());

        page.browser().click("#" + contoso + " thead th:nth-child(9) button"); // Dataverse records, unknown counts first
        assertEquals("contact", tableColumn(contoso).get(5));

        // the order survives the page's reload
        page.browser().open(page.statusUrl());
        assertEquals("contact", tableColumn(contoso).get(5));
    }

    @Test
    void theCardPreviewRendersForTheReadme() throws Exception {
        HealthEvent event = page.app().stores().events().query(new com.synapselinkhealth.store.EventQuery("Contoso Lake", "contact",
            java.util.Set.of(HealthEventName.TableSyncFailed), null, null, 1)).get(0);
        JsonNode card = AdaptiveCardJson.card(EventMessage.of(event,
            StatusPageLink.parse("https://linkhealth-contoso.azurewebsites.net/api/public/status")));
        Path html = Path.of("target/card-preview.html").toAbsolutePath();
        Files.writeString(html, AdaptiveCardPreview.html(card,
            "Our HTML rendering of the card's content (not Teams itself)"));
        page.browser().open(html.toUri().toString());
        String text = page.browser().script("return document.body.innerText;").asText();
        assertTrue(text.contains("Error: Table sync failed"), text);
        assertTrue(text.contains("Contoso Lake"), text);
        assertTrue(text.contains("Open the status page"), text);
        page.browser().screenshot(Path.of("target/card-preview.png"), 640);
        assertTrue(Files.size(Path.of("target/card-preview.png")) > 5_000);
    }
}
