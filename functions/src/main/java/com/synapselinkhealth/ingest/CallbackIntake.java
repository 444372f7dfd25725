package com.synapselinkhealth.ingest;

import com.synapselinkhealth.dataverse.MalformedCallbackException;
import com.synapselinkhealth.dataverse.RowChange;
import com.synapselinkhealth.dataverse.TransportHints;
import com.synapselinkhealth.dataverse.json.RemoteExecutionContextParser;
import com.synapselinkhealth.dataverse.json.RowChangeJson;
import com.synapselinkhealth.statetables.Columns;
import com.synapselinkhealth.statetables.StateTable;
import com.synapselinkhealth.store.DeadLetter;
import com.synapselinkhealth.store.DeadLetterStore;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The first step of every callback, whatever carried it: checks size and format, parses the body completely,
 * type-checks the state table's columns, and either accepts it (with the queue message to hand on), ignores it
 * (another table), or rejects it, keeping the rejected payload as a dead letter without secrets.
 */
public final class CallbackIntake {
    /** Largest queue message: a Storage queue takes 64 KiB, and the Functions binding base64-encodes. */
    public static final int MAX_QUEUE_MESSAGE_BYTES = 48 * 1024;
    /** How much of a rejected body a dead letter keeps, unless told otherwise. */
    static final int MAX_KEPT_BODY_BYTES = com.synapselinkhealth.config.DeadLetterLimits.DEFAULT.bodyHeadBytes();
    /** The only headers a dead letter keeps: none of them can carry the function key or a custom auth header. */
    private static final java.util.Set<String> KEPT_HEADERS = java.util.Set.of("content-type", "content-length",
        "user-agent", "x-ms-dynamics-organization", "x-ms-dynamics-entity-name", "x-ms-dynamics-request-name",
        "x-ms-correlation-request-id", "x-ms-dynamics-msg-size-exceeded", "x-request-id");

    private final RemoteExecutionContextParser parser;
    private final DeadLetterStore deadLetters;
    private final long maxBodyBytes;
    private final Clock clock;
    private final int keptBodyBytes;

    public CallbackIntake(RemoteExecutionContextParser parser, DeadLetterStore deadLetters, long maxBodyBytes, Clock clock) {
        this(parser, deadLetters, maxBodyBytes, clock, MAX_KEPT_BODY_BYTES);
    }

    /** @param keptBodyBytes how much of a rejected body its dead letter keeps (the head; length and hash of all) */
    public CallbackIntake(RemoteExecutionContextParser parser, DeadLetterStore deadLetters, long maxBodyBytes, Clock clock,
                          int keptBodyBytes) {
        if (keptBodyBytes < 0) {
            throw new IllegalArgumentException("'keptBodyBytes' cannot be negative.");
        }
        this.keptBodyBytes = keptBodyBytes;
        this.parser = Objects.requireNonNull(parser, "'parser' cannot be null.");
        this.deadLetters = Objects.requireNonNull(deadLetters, "'deadLetters' cannot be null.");
        this.clock = Objects.requireNonNull(clock, "'clock' cannot be null.");
        if (maxBodyBytes <= 0) {
            throw new IllegalArgumentException("'maxBodyBytes' must be positive.");
        }
        this.maxBodyBytes = maxBodyBytes;
    }

    public long maxBodyBytes() {
        return maxBodyBytes;
    }

    /**
     * @param source where the callback came from ({@code webhook}, {@code servicebus})
     * @param body the raw body
     * @param contentType the declared content type, or {@code null}
     * @param headers request headers or message properties (any case); only non-secret ones are kept
     * @param hints what the transport said beside the body
     */
    public IntakeResult accept(String source, byte[] body, String contentType, Map<String, String> headers,
                               TransportHints hints) {
        try {
            if (body != null && body.length > maxBodyBytes) {
                throw MalformedCallbackException.tooLarge(body.length, maxBodyBytes);
            }
            checkContentType(contentType);
            RowChange change = parser.parse(body, hints);
            Optional<StateTable> table = StateTable.fromLogicalName(change.table());
            if (table.isEmpty()) {
                return new IntakeResult.Ignored(change.table());
            }
            Columns.check(table.get(), change.attributes(), "row data");
            Columns.check(table.get(), change.before(), "pre image");
            String message = RowChangeJson.write(change);
            if (message.length() > MAX_QUEUE_MESSAGE_BYTES
                && message.getBytes(StandardCharsets.UTF_8).length > MAX_QUEUE_MESSAGE_BYTES) {
                throw MalformedCallbackException.invalidValue("Attributes", "The row data is larger ("
                    + message.length() + " characters) than any " + table.get().logicalName()
                    + " row can be; its columns exceed their maximum lengths.");
            }
            return new IntakeResult.Accepted(change, message);
        } catch (MalformedCallbackException e) {
            return new IntakeResult.Rejected(e, keep(source, e, body, contentType, headers));
        }
    }

    /** Any {@code application/json} (with parameters) or a missing type is fine; Dataverse sends JSON. */
    private static void checkContentType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return;
        }
        String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!type.equals("application/json") && !type.endsWith("+json") && !type.equals("text/json")) {
            throw MalformedCallbackException.unsupportedFormat("The content type '" + clip(type)
                + "' is not JSON; register the endpoint with the Json message format (application/json).");
        }
    }

    /**
     * Keeps a rejected payload for inspection: the head of its body, its full length and its SHA-256 (never a copy of
     * the whole body); returns the dead letter's id.
     */
    public String keep(String source, MalformedCallbackException problem, byte[] body, String contentType,
                       Map<String, String> headers) {
        String id = UUID.randomUUID().toString();
        byte[] bytes = body == null ? new byte[0] : body;
        deadLetters.put(new DeadLetter(id, clock.instant(), source, reason(problem.kind()), problem.getMessage(), 1,
            contentType, safeHeaders(headers), bodyText(bytes, keptBodyBytes), bytes.length,
            bytes.length == 0 ? null : sha256(bytes)));
        return id;
    }

    static String sha256(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    static String reason(MalformedCallbackException.Kind kind) {
        return kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static Map<String, String> safeHeaders(Map<String, String> headers) {
        Map<String, String> kept = new TreeMap<>();
        if (headers != null) {
            headers.forEach((k, v) -> {
                if (k != null && v != null && KEPT_HEADERS.contains(k.toLowerCase(Locale.ROOT))) {
                    kept.put(k.toLowerCase(Locale.ROOT), clip(v));
                }
            });
        }
        return kept;
    }

    /** The body as text when it is UTF-8, else base64 (prefixed {@code base64:}), cut at the keep limit. */
    static String bodyText(byte[] body) {
        return bodyText(body, MAX_KEPT_BODY_BYTES);
    }

    static String bodyText(byte[] body, int keep) {
        int length = Math.min(body.length, keep);
        // a cut may split a UTF-8 sequence: step back to the start of the last whole character
        for (int back = 0; back < 3 && length < body.length && length > 0 && (body[length] & 0xC0) == 0x80; back++) {
            length--;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(body, 0, length)).toString();
        } catch (CharacterCodingException e) {
            return "base64:" + Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(body, length));
        }
    }

    private static String clip(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }
}
