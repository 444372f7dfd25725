package com.synapselinkhealth.subscriptions;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;

/**
 * A flow's callback URL. It carries a signature ({@code sig}) that lets anyone start the flow, so it is a secret:
 * {@link #toString()} and {@link #redacted()} show only the scheme, host and the first path segment.
 */
public final class CallbackUrl {
    private final URI uri;

    private CallbackUrl(URI uri) {
        this.uri = uri;
    }

    /** The longest callback URL taken (Power Automate's are a few hundred characters). */
    public static final int MAX_CHARS = 4096;

    /** @throws IllegalArgumentException when the text is not an absolute http(s) URL with a host */
    public static CallbackUrl parse(String text) {
        Objects.requireNonNull(text, "'text' cannot be null.");
        if (text.length() > MAX_CHARS) {
            throw new IllegalArgumentException("The callback URL is " + text.length() + " characters long; at most "
                + MAX_CHARS + " are taken.");
        }
        URI uri;
        try {
            uri = new URI(text.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("The callback URL is not a valid URL.");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new IllegalArgumentException("The callback URL must be an absolute https URL.");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException("The callback URL has no host name.");
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("The callback URL must not carry a user name or password.");
        }
        return new CallbackUrl(uri);
    }

    public URI uri() {
        return uri;
    }

    public String host() {
        return uri.getHost();
    }

    public boolean isHttps() {
        return "https".equalsIgnoreCase(uri.getScheme());
    }

    /** {@code https://host/workflows/…} — safe for logs and dead letters. */
    public String redacted() {
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        int second = path.indexOf('/', 1);
        String first = second < 0 ? path : path.substring(0, second);
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + first
            + (path.length() > first.length() || uri.getRawQuery() != null ? "/…" : "");
    }

    /** The full URL, for sending only. */
    public String reveal() {
        return uri.toString();
    }

    @Override
    public String toString() {
        return redacted();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CallbackUrl other && uri.equals(other.uri);
    }

    @Override
    public int hashCode() {
        return uri.hashCode();
    }
}
