package com.synapselinkhealth.health;

import static com.synapselinkhealth.health.ChoiceRules.becomes;
import static com.synapselinkhealth.health.ChoiceRules.recovers;

import com.synapselinkhealth.dataverse.Attributes;
import com.synapselinkhealth.statetables.Choice;
import com.synapselinkhealth.statetables.ChoiceSet;
import com.synapselinkhealth.statetables.Choices;
import java.util.ArrayList;
import java.util.List;

/** {@code synapselinkexternaltablestate}: the Delta Lake table, its last conversion, and the Fabric shortcut. */
final class ExternalTableStateRules implements TableRules {
    private static final ChoiceSet STATE = ChoiceSet.EXTERNAL_TABLE_STATE;

    @Override
    public List<Transition> evaluate(Observation o) {
        if (o.message().isDelete()) {
            return List.of();
        }
        List<Transition> found = new ArrayList<>();
        becomes(o, "tablestate", STATE, Choices.EXTERNAL_FAILED, HealthEventName.DeltaTableFailed).ifPresent(found::add);
        becomes(o, "lastsyncstate", STATE, Choices.EXTERNAL_FAILED, HealthEventName.DeltaSyncFailed).ifPresent(found::add);
        becomes(o, "tablestate", STATE, Choices.EXTERNAL_DELETED, HealthEventName.DeltaTableDeleted).ifPresent(found::add);
        recovers(o, ExternalTableStateRules::isHealthy, ExternalTableStateRules::hasFailed, HealthEventName.DeltaTableRecovered,
            ExternalTableStateRules::describe).ifPresent(found::add);
        becomes(o, "lakehouseshortcutstate", STATE, Choices.EXTERNAL_FAILED, HealthEventName.FabricShortcutFailed)
            .ifPresent(found::add);
        return found;
    }

    /** The table or its last conversion failed. */
    private static boolean hasFailed(Attributes row) {
        return Choices.EXTERNAL_FAILED.is(choice(row, "tablestate")) || Choices.EXTERNAL_FAILED.is(choice(row, "lastsyncstate"));
    }

    /** Nothing failed, and the table or its last conversion is Created: one condition, so that one recovery is one event. */
    private static boolean isHealthy(Attributes row) {
        return !hasFailed(row)
            && (Choices.EXTERNAL_CREATED.is(choice(row, "tablestate")) || Choices.EXTERNAL_CREATED.is(choice(row, "lastsyncstate")));
    }

    /** The state that failed or recovered: the table's, else its last conversion's. */
    private static String describe(Attributes row) {
        Choice table = choice(row, "tablestate");
        Choice sync = choice(row, "lastsyncstate");
        if (Choices.EXTERNAL_FAILED.is(sync) && !Choices.EXTERNAL_FAILED.is(table) || table == null) {
            return sync == null ? null : sync.label();
        }
        return table.label();
    }

    private static Choice choice(Attributes row, String column) {
        Integer value = row.option(column);
        return value == null ? null : STATE.of(value);
    }
}
