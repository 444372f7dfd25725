package com.synapselinkhealth.statuspage;

import com.synapselinkhealth.health.Severity;
import com.synapselinkhealth.statetables.Choice;
import com.synapselinkhealth.statetables.Choices;
import com.synapselinkhealth.status.HealthState;

/**
 * How a state looks on the page: a tone (the CSS class that colours it), a symbol and words, so it reads without
 * colour too. Tones: {@code bad}, {@code warn}, {@code good}, {@code busy} (in progress), {@code neutral}.
 */
record Look(String tone, String symbol, String text) {
    static final Look UNKNOWN = new Look("neutral", "?", "unknown");

    static Look of(HealthState state) {
        return switch (state) {
            case FAILING -> new Look("bad", "✖", "Failing");
            case PAUSED -> new Look("warn", "‖", "Paused");
            case STALLED -> new Look("warn", "◷", "Stalled");
            case HEALTHY -> new Look("good", "✔", "Healthy");
        };
    }

    static Look of(Severity severity) {
        return switch (severity) {
            case ERROR -> new Look("bad", "✖", "Error");
            case WARNING -> new Look("warn", "⚠", "Warning");
            case INFO -> new Look("good", "✔", "OK");
        };
    }

    /** An event's severity: info is information, not "OK". */
    static Look ofEvent(Severity severity) {
        return severity == Severity.INFO ? new Look("neutral", "ℹ", "Info") : of(severity);
    }

    /** A state column's value, by what it means for the table. */
    static Look of(Choice choice) {
        if (choice == null) {
            return UNKNOWN;
        }
        String label = choice.label();
        if (Choices.SYNC_COMPLETED_WITH_FAILURES.is(choice) || Choices.METADATA_FAILURE.is(choice)
            || Choices.SYNAPSE_TABLE_FAILED.is(choice) || Choices.EXTERNAL_FAILED.is(choice)
            || Choices.PROFILE_ERROR.is(choice)) {
            return new Look("bad", "✖", label);
        }
        if (Choices.SYNC_PAUSED.is(choice) || Choices.PROFILE_SUSPENDED.is(choice) || Choices.PROFILE_DEACTIVATED.is(choice)
            || Choices.PROFILE_DELETED.is(choice) || Choices.EXTERNAL_DELETED.is(choice)) {
            return new Look("warn", "⚠", label);
        }
        if (Choices.SYNC_IN_PROGRESS.is(choice) || Choices.EXTERNAL_IN_PROGRESS.is(choice)) {
            return new Look("busy", "↻", label);
        }
        if (Choices.SYNC_COMPLETED.is(choice) || Choices.METADATA_CREATED.is(choice)
            || Choices.SYNAPSE_TABLE_COMPLETED.is(choice) || Choices.EXTERNAL_CREATED.is(choice)
            || Choices.PROFILE_ACTIVE.is(choice)) {
            return new Look("good", "✔", label);
        }
        return new Look("neutral", "•", label);
    }

    /** {@code <span class="state bad"><span aria-hidden="true">✖</span> Failing</span>}. */
    String badge() {
        return "<span class=\"state " + tone + "\"><span class=\"sym\" aria-hidden=\"true\">" + symbol + "</span> "
            + Html.escape(text) + "</span>";
    }
}
