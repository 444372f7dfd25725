package com.synapselinkhealth.health;

import static com.synapselinkhealth.health.ChoiceRules.becomes;
import static com.synapselinkhealth.health.ChoiceRules.recovers;

import com.synapselinkhealth.statetables.ChoiceSet;
import com.synapselinkhealth.statetables.Choices;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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
        Optional<Transition> recovered = recovers(o, "tablestate", STATE, List.of(Choices.EXTERNAL_CREATED),
            List.of(Choices.EXTERNAL_FAILED), HealthEventName.DeltaTableRecovered);
        if (recovered.isEmpty()) {
            recovered = recovers(o, "lastsyncstate", STATE, List.of(Choices.EXTERNAL_CREATED),
                List.of(Choices.EXTERNAL_FAILED), HealthEventName.DeltaTableRecovered);
        }
        recovered.ifPresent(found::add);
        becomes(o, "lakehouseshortcutstate", STATE, Choices.EXTERNAL_FAILED, HealthEventName.FabricShortcutFailed)
            .ifPresent(found::add);
        return found;
    }
}
