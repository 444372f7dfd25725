package com.synapselinkhealth.local.http;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;

/**
 * One request as {@link GuardedHttpServer} received it, complete before any handler runs.
 *
 * @param method the method as sent (upper case expected)
 * @param rawPath the path, still percent-encoded
 * @param rawQuery the query without {@code ?}, still encoded, or {@code null}
 * @param headers header values by lower-case name, in the order sent
 * @param body the body ({@link Body#COMPLETE}), an empty array when none was sent, or {@code null} when it was not read
 * @param bodyState whether the body was read, refused for its size, or cut off
 * @param declaredLength the body's length as declared or counted so far, or -1 when unknown
 * @param client the client's address
 */
public record RawRequest(String method, String rawPath, String rawQuery, Map<String, List<String>> headers, byte[] body,
                         Body bodyState, long declaredLength, InetAddress client) {
    /** What became of the body. */
    public enum Body {
        /** Read whole (or there was none). */
        COMPLETE,
        /** Larger than the limit: not read, answered early, the rest discarded. */
        TOO_LARGE,
        /** The client ended its side before the body's declared length arrived. */
        INCOMPLETE
    }

    /** The first value of a header (name in any case), or {@code null}. */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
