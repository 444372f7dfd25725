package com.synapselinkhealth.health.messages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.synapselinkhealth.app.LinkHealth;
import com.synapselinkhealth.app.Policies;
import com.synapselinkhealth.config.Settings;
import com.synapselinkhealth.health.HealthEventName;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** LINKHEALTH_STATUS_PAGE_URL and LINKHEALTH_STATUS_PAGE_ANONYMOUS: read, checked at start, and used by the cards. */
class StatusPageSettingsTest {
    @Test
    void theConfiguredUrlIsTheCardsButtonAndTheMessagesLink() {
        Settings settings = Settings.of(Map.of(Settings.STATUS_PAGE_URL, "https://linkhealth.example/api/public/status"));
        try (LinkHealth app = LinkHealth.inMemory(settings, Clock.systemUTC(), event -> { })) {
            JsonNode data = app.readyToPost().toNode(SampleEvents.of(HealthEventName.TableSyncPaused, "Lake", "contact"))
                .path("data");
            assertEquals("https://linkhealth.example/api/public/status", data.path("card").path("actions").get(0).path("url").asText());
            assertTrue(data.path("markdown").asText().contains("(<https://linkhealth.example/api/public/status>)"));
            assertEquals("⚠ Warning: Table sync paused", data.path("card").path("body").get(0).path("text").asText());
        }
        try (LinkHealth app = LinkHealth.inMemory(Settings.of(Map.of()), Clock.systemUTC(), event -> { })) {
            JsonNode data = app.readyToPost().toNode(SampleEvents.of(HealthEventName.TableSyncPaused, "Lake", "contact"))
                .path("data");
            assertFalse(data.path("card").has("actions"));
        }
    }

    @Test
    void aUrlWithAKeyStopsTheStartWithoutRepeatingTheKey() {
        Settings settings = Settings.of(Map.of(Settings.STATUS_PAGE_URL, "https://x.example/api/status?code=very-secret"));
        Settings.InvalidSettingException e = assertThrows(Settings.InvalidSettingException.class, () -> Policies.from(settings));
        assertFalse(e.getMessage().contains("very-secret"), e.getMessage());
        assertTrue(e.getMessage().contains(Settings.STATUS_PAGE_URL), e.getMessage());
        assertThrows(Settings.InvalidSettingException.class,
            () -> LinkHealth.inMemory(settings, Clock.systemUTC(), event -> { }));
        Settings signed = Settings.of(Map.of(Settings.STATUS_PAGE_URL, "https://x.example/status.html?sv=1&SIG=sas-secret"));
        Settings.InvalidSettingException sas = assertThrows(Settings.InvalidSettingException.class, () -> Policies.from(signed));
        assertFalse(sas.getMessage().contains("sas-secret"), "a SAS signature is a key too: " + sas.getMessage());
    }

    @Test
    void theAnonymousPageIsOffUnlessSetToTrue() {
        assertFalse(Settings.of(Map.of()).statusPageAnonymous());
        assertFalse(Settings.of(Map.of(Settings.STATUS_PAGE_ANONYMOUS, "false")).statusPageAnonymous());
        assertTrue(Settings.of(Map.of(Settings.STATUS_PAGE_ANONYMOUS, "TRUE")).statusPageAnonymous());
        assertThrows(Settings.InvalidSettingException.class,
            () -> Settings.of(Map.of(Settings.STATUS_PAGE_ANONYMOUS, "yes")).statusPageAnonymous());
        assertNull(Policies.from(Settings.of(Map.of())).statusPageLink());
    }
}
