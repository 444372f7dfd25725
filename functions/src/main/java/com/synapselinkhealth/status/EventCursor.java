package com.synapselinkhealth.status;

import com.synapselinkhealth.health.HealthEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Comparator;
import java.util.Objects;

/**
 * A position in the list of events, newest first: the time and id of the last event of a page. The next page
 * starts with the first event after it, so events raised meanwhile neither shift nor repeat the pages. Written as
 * an opaque skip token (URL-safe base64 of {@code time|id}).
 */
public record EventCursor(Instant time, String id) {
    /** Newest first; among events of the same time, by id. */
    public static final Comparator<HealthEvent> ORDER =
        Comparator.comparing(HealthEvent::time).reversed().thenComparing(HealthEvent::id);

    private static final String PARAMETER = "skipToken";

    public EventCursor {
        Objects.requireNonNull(time, "'time' cannot be null.");
        Objects.requireNonNull(id, "'id' cannot be null.");
        if (id.isEmpty()) {
            throw new IllegalArgumentException("'id' cannot be empty.");
        }
    }

    public static EventCursor after(HealthEvent event) {
        return new EventCursor(event.time(), event.id());
    }

    /** Whether {@code event} comes after this position in {@link #ORDER}. */
    public boolean precedes(HealthEvent event) {
        int byTime = event.time().compareTo(time);
        return byTime < 0 || byTime == 0 && event.id().compareTo(id) > 0;
    }

    public String toToken() {
        return Base64.getUrlEncoder().withoutPadding()
            .encodeToString((time + "|" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** @throws StatusException when the token is not one {@link #toToken()} wrote */
    public static EventCursor fromToken(String token) {
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid(token);
        }
        int bar = text.indexOf('|');
        if (bar <= 0 || bar == text.length() - 1) {
            throw invalid(token);
        }
        try {
            return new EventCursor(Instant.parse(text.substring(0, bar)), text.substring(bar + 1));
        } catch (DateTimeParseException e) {
            throw invalid(token);
        }
    }

    private static StatusException invalid(String token) {
        return StatusException.invalidParameter(PARAMETER, token, "a skip token from the nextLink of an earlier page");
    }
}
