package com.synapselinkhealth.webapi.registration;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Where Dataverse should post: the function's webhook URL and its function key (sent by Dataverse as
 * {@code ?code=}, authtype WebhookKey). The key is a secret: {@link #toString()} and {@link #redactedUrl()} never
 * show it, and only a short one-way fingerprint of it is ever stored in Dataverse (the key itself cannot be read back).
 */
public final class WebhookTarget {
    private final String url;
    private final String key;

    public WebhookTarget(String url, String key) {
        this.url = validUrl(url);
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("The function key is missing; pass it with --key.");
        }
        if (key.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            throw new IllegalArgumentException("The function key contains spaces or control characters; "
                + "copy it again from the Function app.");
        }
        this.key = key;
    }

    private static String validUrl(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("The webhook URL is missing; pass the function's URL with --url, e.g. "
                + "https://<app>.azurewebsites.net/api/dataverse/webhook");
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("The webhook URL '" + redact(url) + "' is not a valid URL.", e);
        }
        if (!uri.isAbsolute() || !"https".equals(uri.getScheme().toLowerCase(Locale.ROOT))
            || uri.getHost() == null || uri.getHost().isBlank()) {
            throw new IllegalArgumentException("The webhook URL '" + redact(url) + "' must be an absolute https URL, "
                + "e.g. https://<app>.azurewebsites.net/api/dataverse/webhook");
        }
        if (uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("The webhook URL '" + redact(url) + "' must not carry a user name or a "
                + "#fragment.");
        }
        if (uri.getPort() != -1 && uri.getPort() != 443) {
            throw new IllegalArgumentException("The webhook URL '" + redact(url) + "' uses port " + uri.getPort()
                + "; Dataverse webhooks reach only port 443 for https.");
        }
        if (url.strip().length() > 2000) {
            throw new IllegalArgumentException("The webhook URL is longer than the 2000 characters Dataverse keeps.");
        }
        return url.strip();
    }

    /** The URL exactly as Dataverse will store it (it may carry a query string: keep it out of output). */
    public String url() {
        return url;
    }

    /** The function key (authvalue). Never print or log it. */
    String key() {
        return key;
    }

    /** True when the URL's query string already has a {@code code} parameter (Dataverse adds its own). */
    public boolean urlCarriesCode() {
        String query = URI.create(url).getRawQuery();
        if (query == null) {
            return false;
        }
        for (String part : query.split("&")) {
            if (part.equals("code") || part.startsWith("code=")) {
                return true;
            }
        }
        return false;
    }

    /** The URL without its query string ({@code ?***}) or anything else that may be secret. */
    public String redactedUrl() {
        return redact(url);
    }

    /** A URL without its user info, query string ({@code ?***}) or fragment. */
    public static String redact(String url) {
        return com.synapselinkhealth.config.Urls.withoutSecrets(url);
    }

    /**
     * The first 16 hex digits of SHA-256 over a fixed label and the key: kept in the endpoint's description so a
     * later run can tell whether the key changed without reading it back. Function keys are long random strings, so
     * the fingerprint does not give the key away.
     */
    String keyFingerprint() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] digest = sha.digest(("synapse-link-health webhook key\n" + key).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    @Override
    public String toString() {
        return "WebhookTarget[url=" + redactedUrl() + ", key=***]";
    }
}
