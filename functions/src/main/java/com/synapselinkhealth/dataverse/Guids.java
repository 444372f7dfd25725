package com.synapselinkhealth.dataverse;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/** Strict GUID text: 8-4-4-4-12 hex digits, optionally in braces, as Dataverse writes them. */
public final class Guids {
    private static final Pattern FORM = Pattern.compile(
        "^\\{?[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}}?$");
    /** The all-zero GUID Dataverse sends for "no id yet" (e.g. a Create Target). */
    public static final UUID EMPTY = new UUID(0L, 0L);

    private Guids() {
    }

    public static Optional<UUID> parse(String text) {
        if (text == null || !FORM.matcher(text).matches()) {
            return Optional.empty();
        }
        String bare = text.startsWith("{") ? text.substring(1, text.length() - 1) : text;
        if (bare.length() != 36) {
            return Optional.empty();
        }
        return Optional.of(UUID.fromString(bare));
    }
}
