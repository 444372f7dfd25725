package com.synapselinkhealth.status;

import com.synapselinkhealth.health.HealthEventName;
import com.synapselinkhealth.health.Severity;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * What the recent-events action asks for; every filter is optional ({@code null} or empty matches everything).
 *
 * @param profile a profile id or name
 * @param table a table's logical name
 * @param names event names
 * @param minimumSeverity only events of this severity or worse
 * @param since only events at or after this time
 * @param top the page size, 1 to {@value #MAX_TOP}
 * @param after where the page starts: after this position, or from the newest event when {@code null}
 */
public record RecentEventsRequest(String profile, String table, Set<HealthEventName> names, Severity minimumSeverity,
                                  Instant since, int top, EventCursor after) {
    public static final int DEFAULT_TOP = 25;
    public static final int MAX_TOP = 100;
    /** The query parameters, in the order a next link repeats them. */
    public static final List<String> PARAMETERS = List.of("profile", "table", "event", "severity", "since", "top");
    public static final String SKIP_TOKEN = "skipToken";

    public RecentEventsRequest {
        names = names == null ? Set.of() : Set.copyOf(names);
        if (top < 1 || top > MAX_TOP) {
            throw new IllegalArgumentException("'top' must be from 1 to " + MAX_TOP + ", not " + top);
        }
    }

    /** The newest {@code top} events. */
    public static RecentEventsRequest latest(int top) {
        return new RecentEventsRequest(null, null, Set.of(), null, null, top, null);
    }

    /**
     * Reads the query parameters {@code profile}, {@code table}, {@code event} (one name or several, separated by
     * commas), {@code severity}, {@code since}, {@code top} and {@code skipToken}. An empty value counts as absent.
     *
     * @throws StatusException naming the first malformed parameter
     */
    public static RecentEventsRequest fromParameters(Map<String, String> parameters) {
        Function<String, String> get = name -> {
            String value = parameters.get(name);
            return value == null || value.isBlank() ? null : value.trim();
        };
        return new RecentEventsRequest(get.apply("profile"), get.apply("table"), names(get.apply("event")),
            severity(get.apply("severity")), since(get.apply("since")), top(get.apply("top")),
            get.apply(SKIP_TOKEN) == null ? null : EventCursor.fromToken(get.apply(SKIP_TOKEN)));
    }

    private static Set<HealthEventName> names(String text) {
        Set<HealthEventName> names = new LinkedHashSet<>();
        if (text == null) {
            return names;
        }
        for (String part : text.split(",")) {
            String name = part.trim();
            if (name.isEmpty()) {
                continue;
            }
            names.add(HealthEventName.fromName(name).orElseThrow(() -> StatusException.invalidParameter("event", name,
                "an event name from the catalogue (see event-types), or several separated by commas")));
        }
        return names;
    }

    private static Severity severity(String text) {
        return text == null ? null : Severity.fromWireName(text)
            .orElseThrow(() -> StatusException.invalidParameter("severity", text, "info, warning or error"));
    }

    private static Instant since(String text) {
        if (text == null) {
            return null;
        }
        String upper = text.toUpperCase(java.util.Locale.ROOT); // RFC 3339 allows a lower-case 't' and 'z'
        try {
            return OffsetDateTime.parse(upper).toInstant();
        } catch (DateTimeParseException e) {
            // a '+' of an offset that the client did not percent-encode arrives as a space
            try {
                return OffsetDateTime.parse(upper.replace(' ', '+')).toInstant();
            } catch (DateTimeParseException again) {
                throw StatusException.invalidParameter("since", text,
                    "a date and time with an offset, for example 2026-11-20T08:00:00Z");
            }
        }
    }

    private static int top(String text) {
        if (text == null) {
            return DEFAULT_TOP;
        }
        try {
            int top = Integer.parseInt(text);
            if (top >= 1 && top <= MAX_TOP) {
                return top;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw StatusException.invalidParameter("top", text, "a whole number from 1 to " + MAX_TOP);
    }
}
