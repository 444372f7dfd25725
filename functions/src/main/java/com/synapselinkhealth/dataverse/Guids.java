package com.synapselinkhealth.dataverse;

import java.util.Optional;
import java.util.UUID;

/** Strict GUID text: 8-4-4-4-12 hex digits, optionally in braces, as Dataverse writes them. */
public final class Guids {
    /** The all-zero GUID Dataverse sends for "no id yet" (e.g. a Create Target). */
    public static final UUID EMPTY = new UUID(0L, 0L);

    private Guids() {
    }

    public static Optional<UUID> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        int from = 0;
        int length = text.length();
        if (length == 38 && text.charAt(0) == '{' && text.charAt(37) == '}') {
            from = 1;
        } else if (length != 36) {
            return Optional.empty();
        }
        long high = 0;
        long low = 0;
        int digits = 0;
        for (int i = 0; i < 36; i++) {
            char c = text.charAt(from + i);
            if (i == 8 || i == 13 || i == 18 || i == 23) {
                if (c != '-') {
                    return Optional.empty();
                }
                continue;
            }
            int v = Character.digit(c, 16);
            if (v < 0 || c > 'f') {
                return Optional.empty();
            }
            if (digits < 16) {
                high = (high << 4) | v;
            } else {
                low = (low << 4) | v;
            }
            digits++;
        }
        return Optional.of(new UUID(high, low));
    }
}
