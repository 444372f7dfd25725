package com.synapselinkhealth.health;

import com.synapselinkhealth.dataverse.Attributes;
import com.synapselinkhealth.statetables.Choice;
import com.synapselinkhealth.statetables.ChoiceSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

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
        if (!o.knownBefore(column)) {
            return Optional.empty();
        }
        return recovers(o, row -> isOneOf(choice(row, column, set), good), row -> isOneOf(choice(row, column, set), bad), name,
            row -> label(o, row, column, set));
    }

    /**
     * The same over whole rows: fires when the row is {@code good} after the change, was not just before, and the last
     * earlier row that was either good or bad was bad. {@code label} names a row's state for the event.
     */
    static Optional<Transition> recovers(Observation o, Predicate<Attributes> good, Predicate<Attributes> bad,
                                         HealthEventName name, Function<Attributes, String> label) {
        if (!good.test(o.after()) || o.before().isEmpty() || good.test(o.before())) {
            return Optional.empty();
        }
        Attributes decisive = o.before();
        for (int back = 1; !bad.test(decisive); back++) {
            decisive = o.earlier().row(back);
            if (decisive == null || good.test(decisive)) {
                return Optional.empty();
            }
        }
        return Optional.of(new Transition(name, label.apply(decisive), label.apply(o.after())));
    }

    private static Choice choice(Attributes row, String column, ChoiceSet set) {
        Integer value = row.option(column);
        return value == null ? null : set.of(value);
    }

    private static String label(Observation o, Attributes row, String column, ChoiceSet set) {
        Choice c = choice(row, column, set);
        return row == o.after() ? o.labelAfter(column, c) : c == null ? null : c.label();
    }

    static boolean isOneOf(Choice choice, List<Choice> choices) {
        return choice != null && choices.stream().anyMatch(choice::is);
    }
}
