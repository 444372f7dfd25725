package com.synapselinkhealth.subscriptions;

import com.synapselinkhealth.health.HealthEventName;
import com.synapselinkhealth.health.Severity;
import com.synapselinkhealth.text.VisibleText;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * A flow's request to subscribe, as its trigger sends it when the flow is saved: the callback URL to post events to
 * and the trigger's filters. "When a table sync fails" takes every error about a table and "When the health digest is
 * ready" only the digest, whatever filters they send; "When a Synapse Link health event occurs" takes the profile,
 * table, event names and least severity the flow maker chose.
 *
 * @param trigger the trigger that asks
 * @param callbackUrl where to post its events
 * @param filter which events it takes
 */
public record SubscribeRequest(TriggerKind trigger, CallbackUrl callbackUrl, SubscriptionFilter filter) {
    public SubscribeRequest {
        Objects.requireNonNull(trigger, "'trigger' cannot be null.");
        Objects.requireNonNull(callbackUrl, "'callbackUrl' cannot be null.");
        Objects.requireNonNull(filter, "'filter' cannot be null.");
    }

    /**
     * Reads a request from the members of its body as plain values: a string as a {@link String}, an array as a
     * {@link List} of its items, an absent member or a null as {@code null}, anything else as any other object.
     *
     * @param body the body's members, or {@code null} when the body is not an object
     * @param allowed checks the callback URL before the filters are read (and throws to refuse it)
     * @throws IllegalArgumentException saying what is wrong with the request, for the flow maker
     */
    public static SubscribeRequest read(TriggerKind trigger, Map<String, ?> body, Consumer<CallbackUrl> allowed) {
        if (body == null) {
            throw new IllegalArgumentException("The body must be a JSON object with callbackUrl and the trigger's filters.");
        }
        if (!(body.get("callbackUrl") instanceof String urlText) || urlText.isBlank()) {
            throw new IllegalArgumentException("callbackUrl is required: the URL to post each event to.");
        }
        CallbackUrl url = CallbackUrl.parse(urlText);
        allowed.accept(url);
        String profile = optionalText(body, "profile");
        String table = optionalText(body, "table");
        Set<HealthEventName> events = new TreeSet<>();
        Severity minimum = null;
        if (trigger == TriggerKind.OnTableSyncFailure) {
            events.addAll(TriggerKind.TABLE_FAILURES);
            minimum = Severity.ERROR;
        } else if (trigger == TriggerKind.OnHealthDigest) {
            // the digest is about a whole organization: no profile or table filter applies to it
            profile = null;
            table = null;
            events.add(HealthEventName.HealthDigest);
        } else {
            events.addAll(eventNames(body.get("events")));
            String severity = optionalText(body, "minimumSeverity");
            if (severity != null) {
                minimum = Severity.fromWireName(severity).orElseThrow(() -> new IllegalArgumentException(
                    "minimumSeverity must be info, warning or error, not '" + clip(severity) + "'."));
            }
        }
        return new SubscribeRequest(trigger, url, new SubscriptionFilter(profile, table, events, minimum));
    }

    /** The subscription this request makes. */
    public Subscription subscription(String id, Instant createdAt) {
        return new Subscription(id, trigger, callbackUrl, filter, createdAt, 0);
    }

    /** Event names as a comma-separated string or an array of strings. */
    private static Set<HealthEventName> eventNames(Object value) {
        Set<HealthEventName> names = new TreeSet<>();
        if (value == null) {
            return names;
        }
        if (value instanceof String text) {
            for (String part : text.split(",")) {
                if (!part.isBlank()) {
                    names.add(eventName(part.trim()));
                }
            }
            return names;
        }
        if (!(value instanceof List<?> items)) {
            throw new IllegalArgumentException("events must be an array of event names.");
        }
        if (items.size() > 4 * HealthEventName.values().length) {
            throw new IllegalArgumentException("events has " + items.size() + " items; there are "
                + HealthEventName.values().length + " event names.");
        }
        for (Object item : items) {
            if (!(item instanceof String name)) {
                throw new IllegalArgumentException("events must hold event names (strings).");
            }
            names.add(eventName(name.trim()));
        }
        return names;
    }

    private static HealthEventName eventName(String name) {
        return HealthEventName.fromName(name).orElseThrow(() -> new IllegalArgumentException(
            "'" + clip(name) + "' is not an event name; ListEventTypes lists them."));
    }

    private static String optionalText(Map<String, ?> body, String field) {
        Object value = body.get(field);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String text)) {
            throw new IllegalArgumentException(field + " must be a string.");
        }
        return text.isBlank() ? null : text.trim();
    }

    /** At most 80 characters of what the flow sent, without control characters, to quote in a message. */
    private static String clip(String text) {
        String safe = VisibleText.of(text);
        return safe.length() > 80 ? safe.substring(0, 80) + "..." : safe;
    }
}
