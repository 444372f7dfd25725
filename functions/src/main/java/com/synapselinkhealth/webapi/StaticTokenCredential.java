package com.synapselinkhealth.webapi;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import reactor.core.publisher.Mono;

/**
 * An access token obtained elsewhere ({@code --access-token}, {@code DATAVERSE_ACCESS_TOKEN}), e.g. with
 * {@code az account get-access-token --resource https://contoso.crm.dynamics.com}. Its expiry is not known here,
 * so it is offered until Dataverse refuses it (401). The token never appears in {@link #toString()}.
 */
public final class StaticTokenCredential implements TokenCredential {
    private final AccessToken token;

    /**
     * @param token the bearer token, with or without a leading {@code Bearer }
     * @throws IllegalArgumentException when it is empty or holds spaces (the message does not repeat it)
     */
    public StaticTokenCredential(String token) {
        String t = token == null ? "" : token.strip().replaceFirst("(?i)^bearer(\\s+|$)", "");
        if (t.isEmpty()) {
            throw new IllegalArgumentException("The Dataverse access token is empty.");
        }
        if (!t.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException("The Dataverse access token holds spaces or other characters a bearer "
                + "token cannot have; pass the token alone (e.g. the accessToken of 'az account get-access-token').");
        }
        // Unknown expiry: never refreshed here; Dataverse says when it has expired.
        this.token = new AccessToken(t, OffsetDateTime.now(ZoneOffset.UTC).plusYears(10));
    }

    @Override
    public Mono<AccessToken> getToken(TokenRequestContext request) {
        return Mono.just(token);
    }

    @Override
    public AccessToken getTokenSync(TokenRequestContext request) {
        return token;
    }

    @Override
    public String toString() {
        return "StaticTokenCredential[***]";
    }
}
