package com.synapselinkhealth.store;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Something this service could not use, kept for a person to inspect: a rejected callback, a poison queue
 * message, a delivery that gave up. Never holds a secret (keys and signatures are removed before it is made).
 *
 * @param id unique id
 * @param at when it was given up on
 * @param source where it came from ({@code webhook}, {@code servicebus}, {@code ingest-queue}, ...)
 * @param reason a short machine-readable reason ({@code not-json}, {@code invalid-value}, ...)
 * @param detail the full explanation
 * @param attempts how many times it was tried
 * @param contentType the content type it came with, or {@code null}
 * @param headers the request headers or message properties, without secrets
 * @param body the head of the payload (text, or base64 when it was not UTF-8), cut at a limit
 * @param bodyBytes the payload's full size
 * @param bodySha256 the SHA-256 of the whole payload (hex), so a cut body can still be matched to what was sent; or
 *     {@code null} when not known
 */
public record DeadLetter(String id, Instant at, String source, String reason, String detail, int attempts,
                         String contentType, Map<String, String> headers, String body, long bodyBytes,
                         String bodySha256) {
    /** What a dead letter costs in memory beyond its text: the record, its strings' headers, the map. */
    private static final long OVERHEAD_BYTES = 512;

    public DeadLetter {
        Objects.requireNonNull(id, "'id' cannot be null.");
        Objects.requireNonNull(at, "'at' cannot be null.");
        Objects.requireNonNull(source, "'source' cannot be null.");
        Objects.requireNonNull(reason, "'reason' cannot be null.");
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    /** A dead letter without a body hash. */
    public DeadLetter(String id, Instant at, String source, String reason, String detail, int attempts,
                      String contentType, Map<String, String> headers, String body, long bodyBytes) {
        this(id, at, source, reason, detail, attempts, contentType, headers, body, bodyBytes, null);
    }

    /**
     * About how many bytes of heap it holds (two per character, as a string that is not Latin-1 takes), for stores
     * that bound their memory by bytes.
     */
    public long estimatedBytes() {
        long chars = length(id) + length(source) + length(reason) + length(detail) + length(contentType) + length(body)
            + length(bodySha256);
        for (Map.Entry<String, String> h : headers.entrySet()) {
            chars += length(h.getKey()) + length(h.getValue()) + 16;
        }
        return OVERHEAD_BYTES + 2 * chars;
    }

    private static long length(String s) {
        return s == null ? 0 : s.length();
    }

    /** A JSON queue message given up on after {@code tries}, from the queue named by {@code source}. */
    public static DeadLetter queueMessage(Instant at, String source, String reason, String detail, long tries,
                                          String message) {
        return new DeadLetter(UUID.randomUUID().toString(), at, source, reason, detail,
            (int) Math.min(Integer.MAX_VALUE, tries), "application/json", Map.of(), message,
            message == null ? 0 : message.getBytes(StandardCharsets.UTF_8).length);
    }
}
