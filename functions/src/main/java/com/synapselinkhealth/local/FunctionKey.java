package com.synapselinkhealth.local;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Objects;

/**
 * The Functions host's key check for FUNCTION-level routes: the key in the {@code code} query parameter or the
 * {@code x-functions-key} header, compared in constant time. The key itself is never logged.
 */
final class FunctionKey {
    static final String HEADER = "x-functions-key";
    static final String QUERY_PARAMETER = "code";

    private final byte[] key;

    FunctionKey(String key) {
        Objects.requireNonNull(key, "'key' cannot be null.");
        if (key.isBlank()) {
            throw new IllegalArgumentException("the function key cannot be blank");
        }
        this.key = key.getBytes(StandardCharsets.UTF_8);
    }

    /** Whether the request carries the key (header first, as the host checks, then the query). */
    boolean admits(Map<String, String> headers, Map<String, String> query) {
        String given = null;
        for (Map.Entry<String, String> h : headers.entrySet()) {
            if (h.getKey().equalsIgnoreCase(HEADER)) {
                given = h.getValue();
            }
        }
        if (given == null) {
            given = query.get(QUERY_PARAMETER);
        }
        return given != null && MessageDigest.isEqual(key, given.getBytes(StandardCharsets.UTF_8));
    }
}
