package com.synapselinkhealth.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** DATAVERSE_ENVIRONMENT_URL must be just an environment address. */
class DataverseSettingsTest {
    private static Optional<URI> environment(String value) {
        return Settings.of(Map.of(Settings.DATAVERSE_ENVIRONMENT_URL, value)).dataverseEnvironment();
    }

    @Test
    void unsetMeansOff() {
        assertEquals(Optional.empty(), Settings.of(Map.of()).dataverseEnvironment());
        assertEquals(Optional.empty(), environment("  "));
    }

    @Test
    void acceptsAnEnvironmentAddress() {
        assertEquals(URI.create("https://contoso.crm.dynamics.com"), environment("https://contoso.crm.dynamics.com").get());
        assertEquals(URI.create("https://contoso.crm4.dynamics.com"), environment(" https://contoso.crm4.dynamics.com/ ").get());
        assertEquals(URI.create("https://contoso.api.crm.dynamics.com:443"),
            environment("HTTPS://contoso.api.crm.dynamics.com:443").get());
        assertEquals(URI.create("http://127.0.0.1:8080"), environment("http://127.0.0.1:8080").get(), "a local stand-in");
        assertEquals(URI.create("http://localhost:9"), environment("http://localhost:9/").get());
    }

    @Test
    void refusesAnythingElseSayingWhy() {
        Map<String, String> bad = Map.of(
            "contoso.crm.dynamics.com", "scheme and host",
            "http://contoso.crm.dynamics.com", "https; http only for a loopback stand-in",
            "ftp://contoso.crm.dynamics.com", "https",
            "https://contoso.crm.dynamics.com/api/data/v9.2", "no path or query",
            "https://contoso.crm.dynamics.com/?a=1", "no path or query",
            "https://contoso.crm.dynamics.com#x", "no path or query",
            "https://", "not a valid URL",
            "https:///x", "scheme and host",
            "https://exa mple.com", "not a valid URL");
        bad.forEach((value, why) -> {
            Settings.InvalidSettingException e = assertThrows(Settings.InvalidSettingException.class,
                () -> environment(value), value);
            assertTrue(e.getMessage().startsWith("Setting DATAVERSE_ENVIRONMENT_URL is '"), e.getMessage());
            assertTrue(e.getMessage().contains(why), value + ": " + e.getMessage());
        });
    }

    @Test
    void aPasswordInTheUrlIsNotRepeated() {
        Settings.InvalidSettingException e = assertThrows(Settings.InvalidSettingException.class,
            () -> environment("https://admin:hunter2@contoso.crm.dynamics.com"));
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
        assertTrue(e.getMessage().contains("without a user name or password"), e.getMessage());
    }

    @Test
    void theTokenIsReadButNotDefaulted() {
        assertEquals(null, Settings.of(Map.of()).dataverseAccessToken());
        assertEquals("abc", Settings.of(Map.of(Settings.DATAVERSE_ACCESS_TOKEN, " abc ")).dataverseAccessToken());
        assertEquals("0 */15 * * * *", Settings.DEFAULT_RECONCILE_SCHEDULE);
        assertEquals("Bearer abc.def", Settings.of(Map.of(Settings.DATAVERSE_ACCESS_TOKEN, "Bearer abc.def"))
            .dataverseAccessToken());
        Settings.InvalidSettingException e = assertThrows(Settings.InvalidSettingException.class,
            () -> Settings.of(Map.of(Settings.DATAVERSE_ACCESS_TOKEN, "secret with spaces")).dataverseAccessToken());
        assertFalse(e.getMessage().contains("secret"), e.getMessage());
        assertTrue(e.getMessage().startsWith("Setting DATAVERSE_ACCESS_TOKEN is '***'"), e.getMessage());
    }
}
