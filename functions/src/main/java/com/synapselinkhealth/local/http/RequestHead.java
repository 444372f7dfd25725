package com.synapselinkhealth.local.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The request line and header fields of one request, as sent: the method (upper case), the path and query still
 * percent-encoded, header values by lower-case name in the order sent, and whether the connection may stay open.
 */
record RequestHead(String method, String rawPath, String rawQuery, Map<String, List<String>> headers,
                   boolean keepAlive) {
    private static final int MAX_HEADERS = 200;

    /**
     * A head the server answers itself: the problem to answer, and the method when it was read (the answer to a
     * HEAD has no body).
     */
    static final class Rejected extends Exception {
        final String method;
        final int status;
        final String type;
        final String title;
        final String detail;

        Rejected(String method, int status, String type, String title, String detail) {
            super(title, null, false, false);
            this.method = method;
            this.status = status;
            this.type = type;
            this.title = title;
            this.detail = detail;
        }
    }

    /** Reads a head (the text before the blank line); empty when it holds only blank lines. */
    static Optional<RequestHead> parse(String head) throws Rejected {
        String[] lines = head.split("\r?\n");
        int first = 0;
        while (first < lines.length && lines[first].isEmpty()) {
            first++; // blank lines before a request line are ignored (RFC 9112 2.2)
        }
        if (first >= lines.length) {
            return Optional.empty();
        }
        String[] parts = lines[first].split(" ", -1);
        if (parts.length != 3 || !parts[0].matches("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,32}")) {
            throw new Rejected(null, 400, "bad-request-line", "Malformed request line",
                "The request line must be METHOD SP target SP HTTP/1.1.");
        }
        if (!parts[2].equals("HTTP/1.1") && !parts[2].equals("HTTP/1.0")) {
            throw new Rejected(null, 505, "http-version", "HTTP version not supported", "Use HTTP/1.1.");
        }
        String method = parts[0].toUpperCase(Locale.ROOT);
        String target = parts[1];
        String rawPath;
        String rawQuery;
        try {
            URI uri = new URI(target);
            if (target.startsWith("/")) {
                rawPath = uri.getRawPath();
                rawQuery = uri.getRawQuery();
            } else if (uri.isAbsolute() && uri.getRawPath() != null && uri.getRawPath().startsWith("/")) {
                rawPath = uri.getRawPath();
                rawQuery = uri.getRawQuery();
            } else {
                throw new URISyntaxException(target, "not a path");
            }
        } catch (URISyntaxException e) {
            throw new Rejected(method, 400, "bad-request-target", "Malformed request target",
                "The request target is not a valid path and query.");
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        int count = 0;
        for (int i = first + 1; i < lines.length; i++) {
            String line = lines[i];
            int colon = line.indexOf(':');
            if (line.startsWith(" ") || line.startsWith("\t") || colon <= 0
                || !line.substring(0, colon).matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
                throw new Rejected(method, 400, "bad-header", "Malformed header", "Header line " + (i - first)
                    + " is not 'Name: value'.");
            }
            if (++count > MAX_HEADERS) {
                throw new Rejected(method, 431, "headers-too-large", "Request header fields too large",
                    "The request has more than " + MAX_HEADERS + " headers.");
            }
            headers.computeIfAbsent(line.substring(0, colon).toLowerCase(Locale.ROOT), k -> new ArrayList<>(1))
                .add(line.substring(colon + 1).strip());
        }
        boolean keepAlive = parts[2].equals("HTTP/1.1") && !hasToken(headers.get("connection"), "close");
        return Optional.of(new RequestHead(method, rawPath, rawQuery, headers, keepAlive));
    }

    /** Whether a comma-separated header (its values, or null) holds {@code token}, in any case. */
    static boolean hasToken(List<String> values, String token) {
        if (values != null) {
            for (String v : values) {
                for (String t : v.split(",")) {
                    if (t.strip().equalsIgnoreCase(token)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
