package com.synapselinkhealth.health;

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

    /** Fires when the column is one of {@code good} after the change and was known to be one of {@code bad} before. */
    static Optional<Transition> recovers(Observation o, String column, ChoiceSet set, List<Choice> good, List<Choice> bad,
                                         HealthEventName name) {
        Choice after = o.choiceAfter(column, set);
        Choice before = o.choiceBefore(column, set);
        if (after == null || before == null || !o.knownBefore(column)) {
            return Optional.empty();
        }
        if (good.stream().anyMatch(after::is) && bad.stream().anyMatch(before::is)) {
            return Optional.of(new Transition(name, before.label(), o.labelAfter(column, after)));
        }
        return Optional.empty();
    }
}
