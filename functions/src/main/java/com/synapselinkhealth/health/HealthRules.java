package com.synapselinkhealth.health;

import com.synapselinkhealth.statetables.StateTable;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The event catalogue as code: which transitions of which state table raise which events. */
public final class HealthRules {
    private final Map<StateTable, TableRules> rules = new EnumMap<>(StateTable.class);

    public HealthRules() {
        rules.put(StateTable.PROFILE_ENTITY_STATE, new ProfileEntityStateRules());
        rules.put(StateTable.EXTERNAL_TABLE_STATE, new ExternalTableStateRules());
        rules.put(StateTable.PROFILE, new ProfileRules());
        rules.put(StateTable.PROFILE_ENTITY, new ProfileEntityRules());
        rules.put(StateTable.SCHEDULE, new ScheduleRules());
        rules.put(StateTable.DATABASE, new SynapseDatabaseRules());
    }

    /** The transitions one observed change of a row of {@code table} makes; empty when nothing changed that matters. */
    public List<Transition> evaluate(StateTable table, Observation observation) {
        return rules.get(table).evaluate(observation);
    }
}
