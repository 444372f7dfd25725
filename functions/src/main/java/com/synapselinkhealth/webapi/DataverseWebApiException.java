package com.synapselinkhealth.webapi;

import java.util.Objects;

/**
 * A Dataverse Web API call that failed, with the kind of failure and a message in plain words. The message never
 * carries the access token.
 */
public final class DataverseWebApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What went wrong, as far as a caller can act on it. */
    public enum Kind {
        /** 401: the token was refused, e.g. expired ({@code ExpiredAuthTicket}) or for another environment. */
        UNAUTHORIZED,
        /** 403: the application user lacks a privilege on the table. */
        FORBIDDEN,
        /** 404 on the service root, or the host could not be resolved: a wrong environment URL. */
        NOT_FOUND_ENVIRONMENT,
        /** 429: still throttled by the service protection limits after the retries. */
        THROTTLED,
        /** Anything else. */
        OTHER
    }

    private final Kind kind;
    private final int statusCode;

    public DataverseWebApiException(Kind kind, int statusCode, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "'kind' cannot be null.");
        this.statusCode = statusCode;
    }

    public Kind kind() {
        return kind;
    }

    /** The HTTP status, or 0 when no response came. */
    public int statusCode() {
        return statusCode;
    }
}
