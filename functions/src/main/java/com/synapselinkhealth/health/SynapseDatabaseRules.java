package com.synapselinkhealth.health;

import java.util.List;

/** {@code synapsedatabase}: a Synapse workspace linked to or unlinked from the environment. */
final class SynapseDatabaseRules implements TableRules {
    @Override
    public List<Transition> evaluate(Observation o) {
        if (o.message().isCreate()) {
            return List.of(new Transition(HealthEventName.WorkspaceLinked, null, null));
        }
        if (o.message().isDelete()) {
            return List.of(new Transition(HealthEventName.WorkspaceUnlinked, null, null));
        }
        return List.of();
    }
}
