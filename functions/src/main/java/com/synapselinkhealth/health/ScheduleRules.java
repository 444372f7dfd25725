package com.synapselinkhealth.health;

import com.synapselinkhealth.dataverse.Attributes;
import com.synapselinkhealth.statetables.Schedule;
import java.util.List;
import java.util.Objects;

/** {@code synapselinkschedule}: a change of how often a profile syncs or converts. */
final class ScheduleRules implements TableRules {
    private static final List<String> WATCHED = List.of("type", "recurrenceunit", "recurrenceinterval");

    @Override
    public List<Transition> evaluate(Observation o) {
        if (o.message().isDelete() || o.message().isCreate()) {
            return List.of();
        }
        boolean changed = false;
        for (String column : WATCHED) {
            if (o.knownBefore(column) && o.after().has(column)
                && !Objects.equals(comparable(o.before(), column), comparable(o.after(), column))) {
                changed = true;
            }
        }
        if (!changed) {
            return List.of();
        }
        Schedule before = Schedule.from(o.before());
        Schedule after = Schedule.from(o.before().overlaidWith(o.after()));
        return List.of(new Transition(HealthEventName.ScheduleChanged, before.describe(), after.describe()));
    }

    /**
     * The value to compare: the number, whatever form carried it (a callback's OptionSetValue or the Web API's plain
     * number for the choices), so the same value read two ways is no change.
     */
    private static Object comparable(Attributes row, String column) {
        return column.equals("recurrenceinterval") ? row.wholeNumber(column) : row.option(column);
    }
}
