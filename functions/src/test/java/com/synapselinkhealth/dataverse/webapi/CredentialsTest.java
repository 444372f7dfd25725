package com.synapselinkhealth.dataverse.webapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.identity.DefaultAzureCredential;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The credential choice: --access-token, else DATAVERSE_ACCESS_TOKEN, else DefaultAzureCredential. */
class CredentialsTest {
    private static final TokenRequestContext SCOPE = new TokenRequestContext().addScopes("https://contoso.crm.dynamics.com/.default");

    private static String token(TokenCredential credential) {
        return credential.getToken(SCOPE).block().getToken();
    }

    @Test
    void theOptionWinsOverTheEnvironment() {
        TokenCredential c = Credentials.choose("from-option", Map.of(Credentials.ACCESS_TOKEN_VARIABLE, "from-env"));
        assertEquals("from-option", token(c));
        assertFalse(c.toString().contains("from-option"));
    }

    @Test
    void theEnvironmentVariableIsUsedWithoutTheOption() {
        assertEquals("from-env", token(Credentials.choose(null, Map.of(Credentials.ACCESS_TOKEN_VARIABLE, "from-env"))));
    }

    @Test
    void elseDefaultAzureCredential() {
        assertTrue(Credentials.choose(null, Map.of()) instanceof DefaultAzureCredential);
        assertTrue(Credentials.choose(null, Map.of(Credentials.ACCESS_TOKEN_VARIABLE, " ")) instanceof DefaultAzureCredential);
    }

    @Test
    void aBearerPrefixIsDroppedAndBadTokensRefused() {
        assertEquals("abc.def", token(Credentials.choose("Bearer abc.def", Map.of())));
        assertThrows(IllegalArgumentException.class, () -> Credentials.choose("", Map.of()));
        assertThrows(IllegalArgumentException.class, () -> Credentials.choose("two words", Map.of()));
    }
}
