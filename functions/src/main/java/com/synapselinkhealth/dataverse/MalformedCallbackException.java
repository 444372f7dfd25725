package com.synapselinkhealth.dataverse;

import java.util.Objects;

/**
 * A Dataverse callback this service cannot use. The kind says what class of problem it is, the message says
 * exactly what is wrong (which field, which value), in words safe to return to the caller and to print: any
 * control or bidi character a quoted value brings along shows as a visible escape
 * ({@link com.synapselinkhealth.text.VisibleText}).
 */
public final class MalformedCallbackException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What class of problem the callback has; each maps to one HTTP status and problem type. */
    public enum Kind {
        /** The bytes are not JSON (syntax error, invalid UTF-8, trailing data, empty body). */
        NOT_JSON,
        /** JSON nested deeper, or numbers or strings longer, than any real callback has. */
        TOO_COMPLEX,
        /** JSON, but not a RemoteExecutionContext: a required field is missing or an object is the wrong shape. */
        WRONG_SHAPE,
        /** A field or column holds a value of the wrong type or an impossible value (bad date, bad GUID). */
        INVALID_VALUE,
        /** The body is larger than the configured limit. */
        TOO_LARGE,
        /** The message format is not JSON (Service Bus binary or text XML). */
        UNSUPPORTED_FORMAT
    }

    private final Kind kind;
    private final String field;

    private MalformedCallbackException(Kind kind, String field, String message, Throwable cause) {
        super(com.synapselinkhealth.text.VisibleText.of(message), cause);
        this.kind = Objects.requireNonNull(kind, "'kind' cannot be null.");
        this.field = field;
    }

    public static MalformedCallbackException notJson(String message, Throwable cause) {
        return new MalformedCallbackException(Kind.NOT_JSON, null, message, cause);
    }

    public static MalformedCallbackException tooComplex(String message, Throwable cause) {
        return new MalformedCallbackException(Kind.TOO_COMPLEX, null, message, cause);
    }

    public static MalformedCallbackException wrongShape(String field, String message) {
        return new MalformedCallbackException(Kind.WRONG_SHAPE, field, message, null);
    }

    public static MalformedCallbackException invalidValue(String field, String message) {
        return new MalformedCallbackException(Kind.INVALID_VALUE, field, message, null);
    }

    public static MalformedCallbackException tooLarge(long size, long limit) {
        return new MalformedCallbackException(Kind.TOO_LARGE, null,
            "The body has " + size + " bytes; the limit is " + limit + " bytes.", null);
    }

    public static MalformedCallbackException unsupportedFormat(String message) {
        return new MalformedCallbackException(Kind.UNSUPPORTED_FORMAT, null, message, null);
    }

    public Kind kind() {
        return kind;
    }

    /** The JSON path or column the problem is in, when there is one; else {@code null}. */
    public String field() {
        return field;
    }
}
