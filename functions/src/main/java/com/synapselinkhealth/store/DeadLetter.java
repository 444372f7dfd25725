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
 * @param body the payload (text, or base64 when it was not UTF-8), cut at a limit
 * @param bodyBytes the payload's full size
 */
public record DeadLetter(String id, Instant at, String source, String reason, String detail, int attempts,
                         String contentType, Map<String, String> headers, String body, long bodyBytes) {
    public DeadLetter {
        Objects.requireNonNull(id, "'id' cannot be null.");
        Objects.requireNonNull(at, "'at' cannot be null.");
        Objects.requireNonNull(source, "'source' cannot be null.");
        Objects.requireNonNull(reason, "'reason' cannot be null.");
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    /** A JSON queue message given up on after {@code tries}, from the queue named by {@code source}. */
    public static DeadLetter queueMessage(Instant at, String source, String reason, String detail, long tries,
                                          String message) {
        return new DeadLetter(UUID.randomUUID().toString(), at, source, reason, detail,
            (int) Math.min(Integer.MAX_VALUE, tries), "application/json", Map.of(), message,
            message == null ? 0 : message.getBytes(StandardCharsets.UTF_8).length);
    }
}
