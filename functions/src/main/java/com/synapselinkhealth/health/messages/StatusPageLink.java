package com.synapselinkhealth.health.messages;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;

/**
 * The address of the status page that messages link to ({@code LINKHEALTH_STATUS_PAGE_URL}): an absolute http(s)
 * URL without user info and without a function key, since a card or message is read by everyone in the channel.
 */
public record StatusPageLink(URI uri) {
    public StatusPageLink {
        Objects.requireNonNull(uri, "'uri' cannot be null.");
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || !(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
            throw new IllegalArgumentException("the status page URL must be an absolute http or https URL");
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("the status page URL cannot carry a user name or password");
        }
        if (carriesKey(uri.getRawQuery())) {
            throw new IllegalArgumentException("the status page URL cannot carry a function key (code=...): "
                + "messages are read by everyone in the channel; link to the anonymous page or one behind sign-in");
        }
    }

    /** @throws IllegalArgumentException naming what is wrong with the text */
    public static StatusPageLink parse(String text) {
        try {
            return new StatusPageLink(new URI(Objects.requireNonNull(text, "'text' cannot be null.").trim()));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("the status page URL is not a URL: " + e.getReason());
        }
    }

    private static boolean carriesKey(String rawQuery) {
        if (rawQuery == null) {
            return false;
        }
        for (String pair : rawQuery.split("&")) {
            String name = pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair;
            if (name.equalsIgnoreCase("code") || name.equalsIgnoreCase("x-functions-key") || name.equalsIgnoreCase("sig")) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return uri.toString();
    }
}
