package com.synapselinkhealth.fuzz;

import java.util.Map;

/**
 * One hostile request: what it tries, where it goes, and exactly what is sent.
 *
 * @param name what the mutation is, for failure messages
 * @param method the HTTP method
 * @param pathAndQuery the raw path and query (the function key is added by the test, unless {@code noKey})
 * @param headers extra headers (a {@code Content-Type} among them)
 * @param body the raw body, or {@code null}
 * @param lengthDelta added to the real length in a hand-written {@code Content-Length}; 0 sends the true length
 * @param noKey leave the function key out (expect 401)
 */
record FuzzCase(String name, String method, String pathAndQuery, Map<String, String> headers, byte[] body,
                int lengthDelta, boolean noKey) {
    boolean isWebhook() {
        return pathAndQuery.startsWith("/api/dataverse/webhook");
    }

    static FuzzCase post(String name, String path, String contentType, byte[] body) {
        return new FuzzCase(name, "POST", path, contentType == null ? Map.of() : Map.of("Content-Type", contentType),
            body, 0, false);
    }

    static FuzzCase get(String name, String pathAndQuery) {
        return new FuzzCase(name, "GET", pathAndQuery, Map.of(), null, 0, false);
    }

    FuzzCase withHeader(String header, String value) {
        Map<String, String> more = new java.util.LinkedHashMap<>(headers);
        more.put(header, value);
        return new FuzzCase(name, method, pathAndQuery, more, body, lengthDelta, noKey);
    }

    FuzzCase lyingLength(int delta) {
        return new FuzzCase(name, method, pathAndQuery, headers, body, delta, noKey);
    }

    FuzzCase withoutKey() {
        return new FuzzCase(name, method, pathAndQuery, headers, body, lengthDelta, true);
    }
}
