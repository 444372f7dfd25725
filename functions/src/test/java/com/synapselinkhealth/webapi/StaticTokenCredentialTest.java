package com.synapselinkhealth.webapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenRequestContext;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

/** A token obtained elsewhere: offered as is, never shown. */
class StaticTokenCredentialTest {
    private static final TokenRequestContext SCOPE = new TokenRequestContext().addScopes("https://contoso.crm.dynamics.com/.default");

    @Test
    void handsOutTheTokenWithoutABearerPrefixAndNeverShowsIt() {
        StaticTokenCredential credential = new StaticTokenCredential("  Bearer eyJhbGciOi.secret.sig \n");
        AccessToken token = credential.getToken(SCOPE).block();
        assertEquals("eyJhbGciOi.secret.sig", token.getToken());
        assertEquals("eyJhbGciOi.secret.sig", credential.getTokenSync(SCOPE).getToken());
        assertTrue(token.getExpiresAt().isAfter(OffsetDateTime.now().plusYears(1)), "unknown expiry: never refreshed here");
        assertFalse(credential.toString().contains("secret"), credential.toString());
    }

    @Test
    void refusesAnEmptyOrSpacedTokenWithoutRepeatingIt() {
        assertThrows(IllegalArgumentException.class, () -> new StaticTokenCredential(null));
        assertThrows(IllegalArgumentException.class, () -> new StaticTokenCredential("Bearer "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> new StaticTokenCredential("my secret token"));
        assertFalse(e.getMessage().contains("secret"), e.getMessage());
    }

    @Test
    void theChoiceIsTheTokenWhenGivenElseTheDefaultChain() {
        assertTrue(DataverseCredentials.choose("abc") instanceof StaticTokenCredential);
        assertEquals("DefaultAzureCredential", DataverseCredentials.choose(null).getClass().getSimpleName());
        assertEquals("DefaultAzureCredential", DataverseCredentials.choose(" ").getClass().getSimpleName());
    }
}
