package com.synapselinkhealth.health;

import com.synapselinkhealth.dataverse.Attributes;
import com.synapselinkhealth.dataverse.MessageName;
import com.synapselinkhealth.statetables.Choice;
import com.synapselinkhealth.statetables.ChoiceSet;
import java.util.Map;
import java.util.Objects;

/**
 * A row change seen against what came before it: the input of the health rules.
 *
 * @param message the Dataverse message
 * @param before the row as last known: the stored state, overlaid with the change's pre image (what the row held
 *     just before this operation); a column absent here has no known previous value, so the rules treat it as
 *     first seen
 * @param reported the row as this service last judged it (the stored state alone, without the pre image): a
 *     value that differs here was never reported, even when the pre image says it already held before
 * @param after the row after the change
 * @param formattedValues display labels the change carried, for choice values this code does not know
 * @param earlier the row's states before {@code before}, nearest first: a rule that looks past a state in between
 *     (a table that went from failed through "not started" to running has recovered) reads them
 */
public record Observation(MessageName message, Attributes before, Attributes reported, Attributes after,
                          Map<String, String> formattedValues, EarlierRows earlier) {
    public Observation {
        Objects.requireNonNull(message, "'message' cannot be null.");
        Objects.requireNonNull(before, "'before' cannot be null.");
        Objects.requireNonNull(reported, "'reported' cannot be null.");
        Objects.requireNonNull(after, "'after' cannot be null.");
        formattedValues = formattedValues == null ? Map.of() : formattedValues;
        earlier = earlier == null ? EarlierRows.NONE : earlier;
    }

    /** A change seen against one row before it, with nothing known earlier. */
    public Observation(MessageName message, Attributes before, Attributes reported, Attributes after,
                       Map<String, String> formattedValues) {
        this(message, before, reported, after, formattedValues, EarlierRows.NONE);
    }

    /** The row's states before {@link #before()}, nearest first. */
    @FunctionalInterface
    public interface EarlierRows {
        EarlierRows NONE = stepsBack -> null;

        /** The row {@code stepsBack} states before {@code before} (1: the one just before it), or null past the first. */
        Attributes row(int stepsBack);
    }

    /** The value before, or {@code null} when the column was null or unknown (see {@link #knownBefore}). */
    public Choice choiceBefore(String column, ChoiceSet set) {
        Integer v = before.option(column);
        return v == null ? null : set.of(v);
    }

    /** The value this service last judged, or {@code null} when it has none for the column. */
    public Choice choiceReported(String column, ChoiceSet set) {
        Integer v = reported.option(column);
        return v == null ? null : set.of(v);
    }

    public Choice choiceAfter(String column, ChoiceSet set) {
        Integer v = after.option(column);
        return v == null ? null : set.of(v);
    }

    public boolean knownBefore(String column) {
        return before.has(column);
    }

    /** The label of a choice value: the documented one, else the label Dataverse sent, else "Unknown (n)". */
    public String labelAfter(String column, Choice choice) {
        if (choice == null) {
            return null;
        }
        if (!choice.isKnown() && formattedValues.containsKey(column)) {
            return formattedValues.get(column);
        }
        return choice.label();
    }
}
