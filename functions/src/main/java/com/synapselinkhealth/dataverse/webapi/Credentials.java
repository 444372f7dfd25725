package com.synapselinkhealth.dataverse.webapi;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.identity.DefaultAzureCredentialBuilder;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Objects;
import reactor.core.publisher.Mono;

/**
 * Which {@link TokenCredential} the command-line tools use for the Dataverse Web API: a token obtained elsewhere
 * ({@code --access-token}, else the {@value #ACCESS_TOKEN_VARIABLE} environment variable), else azure-identity's
 * {@code DefaultAzureCredential} (Azure CLI sign-in, managed identity, environment service principal, ...).
 */
public final class Credentials {
    /** The environment variable that may carry a bearer token for the environment. */
    public static final String ACCESS_TOKEN_VARIABLE = "DATAVERSE_ACCESS_TOKEN";

    private Credentials() {
    }

    /** @param accessTokenOrNull the {@code --access-token} value, or null when it was not given */
    public static TokenCredential choose(String accessTokenOrNull) {
        return choose(accessTokenOrNull, System.getenv());
    }

    static TokenCredential choose(String accessTokenOrNull, Map<String, String> environment) {
        if (accessTokenOrNull != null) {
            return staticToken(accessTokenOrNull);
        }
        String fromEnvironment = environment.get(ACCESS_TOKEN_VARIABLE);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return staticToken(fromEnvironment);
        }
        return new DefaultAzureCredentialBuilder().build();
    }

    /** A credential that always answers with the given token (it is not refreshed; Dataverse says 401 once it expires). */
    static TokenCredential staticToken(String token) {
        Objects.requireNonNull(token, "'token' cannot be null.");
        String bare = token.strip();
        if (bare.regionMatches(true, 0, "Bearer ", 0, 7)) {
            bare = bare.substring(7).strip();
        }
        if (bare.isEmpty() || bare.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("The access token is empty or contains spaces; pass the bare token "
                + "(e.g. from 'az account get-access-token --resource <environment URL> --query accessToken -o tsv').");
        }
        return new StaticTokenCredential(bare);
    }

    /** Holds the token privately; its {@code toString} never shows it. */
    private static final class StaticTokenCredential implements TokenCredential {
        private final String token;

        StaticTokenCredential(String token) {
            this.token = token;
        }

        @Override
        public Mono<AccessToken> getToken(TokenRequestContext request) {
            return Mono.just(new AccessToken(token, OffsetDateTime.now().plusHours(1)));
        }

        @Override
        public String toString() {
            return "StaticTokenCredential[***]";
        }
    }
}
