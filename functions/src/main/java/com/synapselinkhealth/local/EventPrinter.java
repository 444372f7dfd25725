package com.synapselinkhealth.local;

import com.synapselinkhealth.health.HealthEvent;
import com.synapselinkhealth.health.Summaries;
import com.synapselinkhealth.text.VisibleText;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Prints health events the way a person wants to read them in a terminal. Every name and sentence goes through
 * {@link VisibleText}: a name with a newline, ESC or a bidi override shows as escapes, never as a forged line or a
 * terminal command.
 */
final class EventPrinter {
    private final PrintStream out;
    private final boolean color;

    EventPrinter(PrintStream out, boolean color) {
        this.out = out;
        this.color = color;
    }

    synchronized void print(HealthEvent e) {
        String severity = e.severity().wireName().toUpperCase(Locale.ROOT);
        String where = (e.table() == null ? "" : VisibleText.of(e.table()) + " ")
            + (e.profileName() == null ? "" : "@ " + VisibleText.of(e.profileName()) + " ");
        out.printf("%s %-26s %s%s%n", badge(severity), VisibleText.of(e.name().name()), where, "(" + Summaries.when(e.time()) + ")");
        out.printf("        %s%n", VisibleText.of(e.summary()));
        if (e.previousState() != null || e.currentState() != null) {
            out.printf("        state: %s -> %s   event id %s%n", orDash(e.previousState()), orDash(e.currentState()), e.id());
        }
    }

    private String badge(String severity) {
        String padded = String.format(Locale.ROOT, "[%-7s]", severity);
        if (!color) {
            return padded;
        }
        String code = switch (severity) {
            case "ERROR" -> "31";
            case "WARNING" -> "33";
            default -> "32";
        };
        return "\u001b[" + code + "m" + padded + "\u001b[0m";
    }

    private static String orDash(String s) {
        return s == null ? "-" : VisibleText.of(s);
    }
}
