package com.synapselinkhealth.status;

import java.util.Objects;
import java.util.UUID;

/**
 * A status question the service cannot answer as asked: a malformed parameter, or a profile or table it does not
 * know. The message is a sentence a caller can act on; user input in it is clipped and stripped of control
 * characters.
 */
public final class StatusException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What went wrong. */
    public enum Kind {
        /** A parameter is malformed; {@link #parameter()} names it. */
        INVALID_PARAMETER,
        /** No profile has this id. */
        UNKNOWN_PROFILE,
        /** The profile does not currently sync this table. */
        UNKNOWN_TABLE
    }

    private final Kind kind;
    private final String parameter;

    private StatusException(Kind kind, String parameter, String message) {
        super(message);
        this.kind = Objects.requireNonNull(kind, "'kind' cannot be null.");
        this.parameter = parameter;
    }

    /** @param expected what the parameter must be, e.g. {@code a whole number from 1 to 100} */
    public static StatusException invalidParameter(String parameter, String value, String expected) {
        Objects.requireNonNull(parameter, "'parameter' cannot be null.");
        return new StatusException(Kind.INVALID_PARAMETER, parameter,
            "The parameter '" + parameter + "' must be " + expected + (value == null ? "." : ", not '" + clip(value) + "'."));
    }

    public static StatusException unknownProfile(UUID profileId) {
        return new StatusException(Kind.UNKNOWN_PROFILE, null,
            "The service knows no Azure Synapse Link profile with the id " + profileId + ".");
    }

    public static StatusException unknownTable(UUID profileId, String table) {
        return new StatusException(Kind.UNKNOWN_TABLE, null,
            "The profile " + profileId + " does not currently sync a table named '" + clip(table) + "'.");
    }

    public Kind kind() {
        return kind;
    }

    /** The malformed parameter, for {@link Kind#INVALID_PARAMETER}; else {@code null}. */
    public String parameter() {
        return parameter;
    }

    static String clip(String text) {
        String safe = text.replaceAll("\\p{Cntrl}", "?");
        return safe.length() > 100 ? safe.substring(0, 100) + "..." : safe;
    }
}
