package com.synapselinkhealth.health;

import java.util.Locale;
import java.util.Optional;

/** How bad a health event is; ordered, so "at least warning" is a comparison. */
public enum Severity {
    INFO, WARNING, ERROR;

    /** The wire form: {@code info}, {@code warning}, {@code error}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isAtLeast(Severity other) {
        return compareTo(other) >= 0;
    }

    public static Optional<Severity> fromWireName(String text) {
        for (Severity s : values()) {
            if (s.wireName().equalsIgnoreCase(text)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
