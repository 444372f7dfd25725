package com.synapselinkhealth.messages;

import com.synapselinkhealth.health.HealthEvent;
import com.synapselinkhealth.health.HealthEventName;
import com.synapselinkhealth.health.Severity;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a ready-to-post message about one health event says, before it is written as an Adaptive Card or as
 * Markdown: a title with the severity, the event's summary sentence, the facts (profile, table, event, since, and
 * the state change, organization and last sync when known) and, when configured, the link to the status page.
 * Plain text throughout; each format escapes it its own way. Never holds a secret: nothing of a callback URL or key.
 */
public record EventMessage(Severity severity, String title, String summary, List<Fact> facts, StatusPageLink link) {
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    /** One line of the fact list: a label and its value. */
    public record Fact(String title, String value) {
        public Fact {
            Objects.requireNonNull(title, "'title' cannot be null.");
            Objects.requireNonNull(value, "'value' cannot be null.");
        }
    }

    public EventMessage {
        Objects.requireNonNull(severity, "'severity' cannot be null.");
        Objects.requireNonNull(title, "'title' cannot be null.");
        Objects.requireNonNull(summary, "'summary' cannot be null.");
        facts = List.copyOf(facts);
    }

    /** @param link the status page, or {@code null} when none is configured */
    public static EventMessage of(HealthEvent event, StatusPageLink link) {
        List<Fact> facts = new ArrayList<>();
        facts.add(new Fact("Profile", event.profileName() != null && !event.profileName().isBlank() ? event.profileName()
            : event.profileId() != null ? event.profileId().toString() : "unknown"));
        facts.add(new Fact("Table", event.table() == null || event.table().isBlank() ? "(the whole profile)" : event.table()));
        facts.add(new Fact("Event", event.name().name()));
        facts.add(new Fact("Since", TIME.format(event.time())));
        if (event.currentState() != null) {
            facts.add(new Fact("State", event.previousState() == null ? event.currentState()
                : event.previousState() + " → " + event.currentState()));
        }
        if (event.lastSyncedAt() != null) {
            facts.add(new Fact("Last sync", TIME.format(event.lastSyncedAt())));
        }
        if (event.organization() != null) {
            facts.add(new Fact("Organization", event.organization()));
        }
        return new EventMessage(event.severity(), title(event.name()), event.summary(), facts, link);
    }

    /** {@code TableSyncFailed} as a person reads it: {@code Table sync failed}. */
    static String title(HealthEventName name) {
        String words = name.name().replaceAll("(?<=[a-z])(?=[A-Z])", " ").toLowerCase(java.util.Locale.ROOT);
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    /** {@code Error}, {@code Warning} or {@code Info}. */
    public String severityLabel() {
        String wire = severity.wireName();
        return Character.toUpperCase(wire.charAt(0)) + wire.substring(1);
    }

    /** A symbol for the severity, so it reads without colour: ✖ error, ⚠ warning, ℹ info. */
    public String severitySymbol() {
        return switch (severity) {
            case ERROR -> "✖";
            case WARNING -> "⚠";
            case INFO -> "ℹ";
        };
    }

    /** {@code ✖ Error: Table sync failed}. */
    public String heading() {
        return severitySymbol() + " " + severityLabel() + ": " + title;
    }

    public Optional<StatusPageLink> statusPage() {
        return Optional.ofNullable(link);
    }
}
