package com.synapselinkhealth.dataverse;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The WCF JSON date form Dataverse uses: {@code /Date(1697526000000)/}, optionally with an offset suffix
 * ({@code /Date(1506409448000-0700)/}). The milliseconds are UTC epoch; the suffix only says which zone the
 * sender was in and is not applied again.
 */
public final class WcfDate {
    private static final Pattern FORM = Pattern.compile("^/Date\\((-?\\d{1,18})([+-]\\d{4})?\\)/$");
    private static final String PREFIX = "/Date(";

    private WcfDate() {
    }

    /** Whether the text claims to be a WCF date (starts with {@code /Date(}), well-formed or not. */
    public static boolean looksLikeOne(String text) {
        return text.startsWith(PREFIX);
    }

    /**
     * Decodes a WCF date.
     *
     * @return the instant, or empty when the text is not a well-formed WCF date inside Java's range
     */
    public static Optional<Instant> parse(String text) {
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.ofEpochMilli(Long.parseLong(m.group(1))));
        } catch (NumberFormatException | DateTimeException e) {
            return Optional.empty();
        }
    }

    /** Encodes an instant the way Dataverse does, without an offset suffix. */
    public static String format(Instant instant) {
        return PREFIX + instant.toEpochMilli() + ")/";
    }
}
