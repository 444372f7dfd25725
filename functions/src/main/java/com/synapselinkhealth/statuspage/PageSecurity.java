package com.synapselinkhealth.statuspage;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The response headers that keep the status page to itself: a strict Content-Security-Policy (nothing loads from
 * anywhere; only this response's inline style and script run, by nonce; no framing, no forms, no base), no MIME
 * sniffing, no referrer (the page's address may hold a function key), no caching.
 */
public final class PageSecurity {
    private static final SecureRandom RANDOM = new SecureRandom();

    private PageSecurity() {
    }

    /** A fresh nonce for one response: 128 random bits, base64. */
    public static String newNonce() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    public static String contentSecurityPolicy(String nonce) {
        return "default-src 'none'; script-src 'nonce-" + nonce + "'; style-src 'nonce-" + nonce + "'; img-src 'none'; "
            + "connect-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    }

    /** Every header of an HTML answer, Content-Type included. */
    public static Map<String, String> htmlHeaders(String nonce) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "text/html; charset=utf-8");
        headers.put("Content-Security-Policy", contentSecurityPolicy(nonce));
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("X-Frame-Options", "DENY");
        headers.put("Referrer-Policy", "no-referrer");
        headers.put("Cache-Control", "no-store");
        return headers;
    }
}
