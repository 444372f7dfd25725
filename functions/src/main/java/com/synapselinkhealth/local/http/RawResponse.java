package com.synapselinkhealth.local.http;

import java.util.Map;

/**
 * A response for {@link GuardedHttpServer} to write: the server adds {@code Content-Length}, {@code Date} and
 * {@code Connection}.
 */
public record RawResponse(int status, Map<String, String> headers, byte[] body) {
    public RawResponse {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        body = body == null ? new byte[0] : body;
    }
}
