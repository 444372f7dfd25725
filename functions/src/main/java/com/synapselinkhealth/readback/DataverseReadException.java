package com.synapselinkhealth.readback;

import java.util.Objects;

/**
 * Reading from Dataverse failed. The message is plain words for a person and never carries a token.
 */
public final class DataverseReadException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What went wrong, as far as the caller can act on it. */
    public enum Kind {
        /** 401: the token was refused (expired, invalid, or for another environment). */
        UNAUTHORIZED(false, true),
        /** 403: the application user may not read the table. */
        FORBIDDEN(false, false),
        /** The environment URL names no Dataverse environment (unknown host, no Web API there). */
        WRONG_ENVIRONMENT(false, true),
        /** The table (entity set) does not exist in this environment. */
        TABLE_MISSING(false, false),
        /** Still throttled (429) after the retries. */
        THROTTLED(true, true),
        /** A server error (5xx) or no answer, still after the retries: worth trying again later. */
        UNAVAILABLE(true, true),
        /** Anything else, e.g. an answer that is not OData. */
        OTHER(false, false);

        private final boolean transientFailure;
        private final boolean stopsEverything;

        Kind(boolean transientFailure, boolean stopsEverything) {
            this.transientFailure = transientFailure;
            this.stopsEverything = stopsEverything;
        }

        /** Trying again later may succeed (throttling, server errors). */
        public boolean isTransient() {
            return transientFailure;
        }

        /** Every other table would fail the same way, so reading them is pointless. */
        public boolean stopsEverything() {
            return stopsEverything;
        }
    }

    private final Kind kind;

    public DataverseReadException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "'kind' cannot be null.");
    }

    public Kind kind() {
        return kind;
    }
}
