package com.synapselinkhealth.testing;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import reactor.core.publisher.Mono;

/** Hands out {@link #TOKEN} and remembers the scopes asked for. */
public final class FakeTokenCredential implements TokenCredential {
    /** Looks like a JWT so a leak would be recognisable; tests assert it never reaches a log or output. */
    public static final String TOKEN = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJodHRwczovL2NvbnRvc28ifQ.c2VjcmV0LXNpZ25hdHVyZQ";
    public final List<List<String>> scopes = new CopyOnWriteArrayList<>();

    @Override
    public Mono<AccessToken> getToken(TokenRequestContext request) {
        scopes.add(request.getScopes());
        return Mono.just(new AccessToken(TOKEN, OffsetDateTime.now().plusHours(1)));
    }
}
