package com.synapselinkhealth.health.messages;

import com.synapselinkhealth.health.DigestReport;
import com.synapselinkhealth.health.EventDetails;
import com.synapselinkhealth.health.HealthEvent;
import com.synapselinkhealth.health.HealthEventName;
import com.synapselinkhealth.health.Severity;
import com.synapselinkhealth.health.Summaries;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a ready-to-post message about one health event says, before it is written as an Adaptive Card or as
 * Markdown: a title with the severity, the event's summary sentence, the facts (profile, table, event, since, and
 * the state change, organization and last sync when known; an early warning's difference, lag against its allowance,
 * progress and ETA), titled sections after them (the digest: one per profile, its counts and worst items) and, when
 * configured, the link to the status page. Plain text throughout; each format escapes it its own way. Never holds a secret: nothing of a callback URL or key.
 */
public record EventMessage(Severity severity, String title, String summary, List<Fact> facts, List<Section> sections,
                           StatusPageLink link) {
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    /** One line of the fact list: a label and its value. */
    public record Fact(String title, String value) {
        public Fact {
            Objects.requireNonNull(title, "'title' cannot be null.");
            Objects.requireNonNull(value, "'value' cannot be null.");
        }
    }

    /**
     * A titled group of facts after the main ones: the digest has one per profile (its counts, then its worst items by
     * table name).
     */
    public record Section(String title, List<Fact> facts) {
        public Section {
            Objects.requireNonNull(title, "'title' cannot be null.");
            facts = List.copyOf(facts);
        }
    }

    public EventMessage {
        Objects.requireNonNull(severity, "'severity' cannot be null.");
        Objects.requireNonNull(title, "'title' cannot be null.");
        Objects.requireNonNull(summary, "'summary' cannot be null.");
        facts = List.copyOf(facts);
        sections = sections == null ? List.of() : List.copyOf(sections);
    }

    /** A message with no sections. */
    public EventMessage(Severity severity, String title, String summary, List<Fact> facts, StatusPageLink link) {
        this(severity, title, summary, facts, List.of(), link);
    }

    /** @param link the status page, or {@code null} when none is configured */
    public static EventMessage of(HealthEvent event, StatusPageLink link) {
        if (event.details().digest() != null) {
            return digest(event, event.details().digest(), link);
        }
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
        details(event, facts);
        if (event.organization() != null) {
            facts.add(new Fact("Organization", event.organization()));
        }
        return new EventMessage(event.severity(), title(event.name()), event.summary(), facts, link);
    }

    /** The facts only the early warnings carry: the drift, the lag against the allowance, the progress and its ETA. */
    private static void details(HealthEvent event, List<Fact> facts) {
        EventDetails d = event.details();
        if (d.recordCountDifference() != null) {
            long difference = d.recordCountDifference();
            facts.add(new Fact("Difference", difference == 0 ? "none"
                : grouped(Math.abs(difference)) + (Math.abs(difference) == 1 ? " row " : " rows ")
                    + (difference < 0 ? "fewer" : "more") + " in the lake than in Dataverse"));
        }
        if (d.recordCountDifference() != null || d.progressPercent() != null) {
            if (event.lakeRecordCount() != null) {
                facts.add(new Fact("Lake rows", grouped(event.lakeRecordCount())));
            }
            if (event.dataverseRecordCount() != null) {
                facts.add(new Fact("Dataverse rows", grouped(event.dataverseRecordCount())));
            }
        }
        if (d.lagSeconds() != null) {
            facts.add(new Fact("Lag", duration(d.lagSeconds()) + (d.allowanceSeconds() == null || d.allowanceSeconds() <= 0 ? ""
                : " (" + Math.round(100.0 * d.lagSeconds() / d.allowanceSeconds()) + " % of the allowance)")));
        }
        if (d.allowanceSeconds() != null) {
            facts.add(new Fact("Allowance", duration(d.allowanceSeconds())));
        }
        if (d.progressPercent() != null) {
            facts.add(new Fact("Progress", d.progressPercent() + " %"));
            facts.add(new Fact("Estimated completion", d.estimatedCompletionAt() == null ? "not known yet"
                : TIME.format(d.estimatedCompletionAt())));
        }
    }

    /** The digest: the organization and totals as facts, then one section per profile, worst first. */
    private static EventMessage digest(HealthEvent event, DigestReport report, StatusPageLink link) {
        List<Fact> facts = new ArrayList<>();
        facts.add(new Fact("Organization", report.organization() == null ? "every organization" : report.organization()));
        facts.add(new Fact("As of", TIME.format(report.asOf())));
        facts.add(new Fact("Profiles", Integer.toString(report.profiles().size())));
        facts.add(new Fact("Tables", Integer.toString(report.totals().tables())));
        List<Section> sections = new ArrayList<>();
        for (DigestReport.ProfileDigest p : report.profiles()) {
            List<Fact> lines = new ArrayList<>();
            lines.add(new Fact("Tables", p.tables() + ": " + p.healthy() + " healthy, " + p.failing() + " failing, "
                + p.paused() + " paused, " + p.stalled() + " stalled"));
            lines.add(new Fact("Warnings", p.drifting() + " drifting, " + p.fallingBehind() + " falling behind, "
                + p.initialSyncInProgress() + " in initial sync"));
            for (DigestReport.DigestItem item : p.worst()) {
                lines.add(new Fact(item.table() == null ? "(unknown table)" : item.table(),
                    symbol(item.severity()) + " " + item.state() + (item.detail() == null ? "" : ": " + item.detail())));
            }
            String name = p.profileName() != null && !p.profileName().isBlank() ? p.profileName()
                : p.profileId() != null ? p.profileId().toString() : "unknown profile";
            sections.add(new Section(symbol(p.worstSeverity()) + " " + name, lines));
        }
        if (report.profiles().isEmpty()) {
            facts.add(new Fact("Note", "No Azure Synapse Link profile is known yet."));
        }
        return new EventMessage(event.severity(), title(event.name()), event.summary(), facts, sections, link);
    }

    private static String symbol(Severity severity) {
        return switch (severity) {
            case ERROR -> "✖";
            case WARNING -> "⚠";
            case INFO -> "ℹ";
        };
    }

    /** {@code 48210} -> {@code 48,210}. */
    static String grouped(long n) {
        return String.format(java.util.Locale.ROOT, "%,d", n);
    }

    /** {@code 1 h 5 min}, {@code 40 min}, {@code 2 d 3 h}, {@code 12 s}. */
    static String duration(long totalSeconds) {
        return Summaries.humanToTheSecond(java.time.Duration.ofSeconds(totalSeconds));
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
        return symbol(severity);
    }

    /** {@code ✖ Error: Table sync failed}. */
    public String heading() {
        return severitySymbol() + " " + severityLabel() + ": " + title;
    }

    public Optional<StatusPageLink> statusPage() {
        return Optional.ofNullable(link);
    }
}
