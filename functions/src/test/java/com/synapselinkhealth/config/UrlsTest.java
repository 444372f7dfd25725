package com.synapselinkhealth.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** A URL in a message shows neither its user info nor its query nor its fragment. */
class UrlsTest {
    @Test
    void userInfoQueryAndFragmentNeverShow() {
        assertEquals("https://***@contoso.crm.dynamics.com/x?***",
            Urls.withoutSecrets("https://admin:p4ss@contoso.crm.dynamics.com/x?code=abc#frag"));
        assertEquals("http://***@127.0.0.1:8080", Urls.withoutSecrets(" http://u:p@127.0.0.1:8080 "));
        assertEquals("https://host.example?***", Urls.withoutSecrets("https://host.example?next=a@b"));
        assertEquals("https://host.example/a/b", Urls.withoutSecrets("https://host.example/a/b"));
        assertEquals("not a url ?***", Urls.withoutSecrets("not a url ?sig=1"));
        assertNull(Urls.withoutSecrets(null));
    }

    @Test
    void aRefusedEnvironmentAddressDoesNotRepeatItsPasswordOrQuery() {
        for (String bad : new String[] {"http://admin:hunter22@contoso.crm.dynamics.com",
            "https://admin:hunter22@contoso.crm.dynamics.com", "https://contoso.crm.dynamics.com/?token=hunter22",
            "ftp://admin:hunter22@contoso.crm.dynamics.com/path"}) {
            Settings settings = Settings.of(Map.of(Settings.DATAVERSE_ENVIRONMENT_URL, bad));
            Settings.InvalidSettingException e = assertThrows(Settings.InvalidSettingException.class,
                settings::dataverseEnvironment);
            assertFalse(e.getMessage().contains("hunter22"), e.getMessage());
        }
    }
}
