package com.synapselinkhealth.webapi;

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
class DataverseCredentialsTest {
    private static final TokenRequestContext SCOPE = new TokenRequestContext().addScopes("https://contoso.crm.dynamics.com/.default");

    private static String token(TokenCredential credential) {
        return credential.getToken(SCOPE).block().getToken();
    }

    @Test
    void theOptionWinsOverTheEnvironment() {
        TokenCredential c = DataverseCredentials.choose("from-option", Map.of(DataverseCredentials.ACCESS_TOKEN_VARIABLE, "from-env"));
        assertEquals("from-option", token(c));
        assertFalse(c.toString().contains("from-option"));
    }

    @Test
    void theEnvironmentVariableIsUsedWithoutTheOption() {
        assertEquals("from-env", token(DataverseCredentials.choose(null, Map.of(DataverseCredentials.ACCESS_TOKEN_VARIABLE, "from-env"))));
    }

    @Test
    void elseDefaultAzureCredential() {
        assertTrue(DataverseCredentials.choose(null, Map.of()) instanceof DefaultAzureCredential);
        assertTrue(DataverseCredentials.choose(null, Map.of(DataverseCredentials.ACCESS_TOKEN_VARIABLE, " ")) instanceof DefaultAzureCredential);
    }

    @Test
    void aBearerPrefixIsDroppedAndBadTokensRefused() {
        assertEquals("abc.def", token(DataverseCredentials.choose("Bearer abc.def", Map.of())));
        assertThrows(IllegalArgumentException.class, () -> DataverseCredentials.choose("", Map.of()));
        assertThrows(IllegalArgumentException.class, () -> DataverseCredentials.choose("two words", Map.of()));
    }
}
