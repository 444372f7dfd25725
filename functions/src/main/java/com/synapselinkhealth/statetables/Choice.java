package com.synapselinkhealth.statetables;

import java.util.Objects;

/**
 * One value of a Dataverse choice column: an open enum. A value the platform added after this code was written
 * is kept with its number ({@link #isKnown()} is false) and never breaks anything.
 */
public record Choice(ChoiceSet set, int value) {
    public Choice {
        Objects.requireNonNull(set, "'set' cannot be null.");
    }

    public boolean isKnown() {
        return set.labelOf(value) != null;
    }

    /** The documented label ({@code CompletedWithFailures}), or {@code Unknown (128)} for an undocumented value. */
    public String label() {
        String label = set.labelOf(value);
        return label != null ? label : "Unknown (" + value + ")";
    }

    public boolean is(Choice other) {
        return other != null && set == other.set && value == other.value;
    }

    @Override
    public String toString() {
        return label();
    }
}
