package com.synapselinkhealth.dataverse;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.Optional;

/**
 * The WCF JSON date form Dataverse uses: {@code /Date(1697526000000)/}, optionally with an offset suffix
 * ({@code /Date(1506409448000-0700)/}). The milliseconds are UTC epoch; the suffix only says which zone the
 * sender was in and is not applied again.
 */
public final class WcfDate {
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
        int length = text.length();
        if (!text.startsWith(PREFIX) || !text.endsWith(")/") || length < PREFIX.length() + 3) {
            return Optional.empty();
        }
        int end = length - 2;
        int i = PREFIX.length();
        if (end - 5 > i && (text.charAt(end - 5) == '+' || text.charAt(end - 5) == '-')
            && allDigits(text, end - 4, end)) {
            end -= 5;
        }
        boolean negative = text.charAt(i) == '-';
        if (negative) {
            i++;
        }
        int digits = end - i;
        if (digits < 1 || digits > 18 || !allDigits(text, i, end)) {
            return Optional.empty();
        }
        long millis = 0;
        for (int k = i; k < end; k++) {
            millis = millis * 10 + (text.charAt(k) - '0');
        }
        try {
            return Optional.of(Instant.ofEpochMilli(negative ? -millis : millis));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    private static boolean allDigits(String text, int from, int to) {
        for (int k = from; k < to; k++) {
            char c = text.charAt(k);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** Encodes an instant the way Dataverse does, without an offset suffix. */
    public static String format(Instant instant) {
        return PREFIX + instant.toEpochMilli() + ")/";
    }
}
