package com.synapselinkhealth.health;

import com.synapselinkhealth.dataverse.Attributes;
import com.synapselinkhealth.statetables.Choice;
import com.synapselinkhealth.statetables.ChoiceSet;
import java.util.List;
import java.util.Optional;

/** The two shapes of rule over a choice column: "becomes X" and "is good again after bad". */
final class ChoiceRules {
    private ChoiceRules() {
    }

    /**
     * Fires when the column's value is {@code target} after the change and something else before it: either just
     * before the operation (the pre image) or when this service last judged the row (a failure whose callback was
     * lost is still news). When the value before is unknown (the row or column is first seen), only a warning or
     * error fires: a row first seen in a bad state is news, one first seen in a good state is not.
     */
    static Optional<Transition> becomes(Observation o, String column, ChoiceSet set, Choice target, HealthEventName name) {
        Choice after = o.choiceAfter(column, set);
        if (after == null || !after.is(target)) {
            return Optional.empty();
        }
        if (o.knownBefore(column)) {
            Choice before = o.choiceBefore(column, set);
            Choice reported = o.reported().has(column) ? o.choiceReported(column, set) : before;
            Choice previous = !target.is(reported) ? reported : before;
            if (target.is(previous)) {
                return Optional.empty();
            }
            return Optional.of(new Transition(name, previous == null ? null : previous.label(), o.labelAfter(column, after)));
        }
        if (name.severity() == Severity.INFO) {
            return Optional.empty();
        }
        return Optional.of(new Transition(name, null, o.labelAfter(column, after)));
    }

    /**
     * Fires when the column is one of {@code good} after the change, was not good just before, and its last value that
     * was either good or bad is bad: a state in between (not started, in progress, an unknown value) neither ends
     * the bad episode nor recovers it.
     */
    static Optional<Transition> recovers(Observation o, String column, ChoiceSet set, List<Choice> good, List<Choice> bad,
                                         HealthEventName name) {
        Choice after = o.choiceAfter(column, set);
        if (after == null || !o.knownBefore(column) || !isOneOf(after, good)) {
            return Optional.empty();
        }
        Choice decisive = o.choiceBefore(column, set);
        if (decisive != null && isOneOf(decisive, good)) {
            return Optional.empty();
        }
        for (int back = 1; decisive == null || !isOneOf(decisive, bad); back++) {
            if (decisive != null && isOneOf(decisive, good)) {
                return Optional.empty();
            }
            Attributes earlier = o.earlier().row(back);
            if (earlier == null) {
                return Optional.empty();
            }
            Integer value = earlier.option(column);
            decisive = value == null ? null : set.of(value);
        }
        return Optional.of(new Transition(name, decisive.label(), o.labelAfter(column, after)));
    }

    private static boolean isOneOf(Choice choice, List<Choice> choices) {
        return choices.stream().anyMatch(choice::is);
    }
}
