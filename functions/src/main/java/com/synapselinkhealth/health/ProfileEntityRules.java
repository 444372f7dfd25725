package com.synapselinkhealth.health;

import java.util.List;

/** {@code synapselinkprofileentity}: tables added to or removed from a profile. */
final class ProfileEntityRules implements TableRules {
    @Override
    public List<Transition> evaluate(Observation o) {
        Boolean before = o.before().bool("enabled");
        Boolean after = o.after().bool("enabled");
        if (o.message().isDelete()) {
            return Boolean.FALSE.equals(before) ? List.of()
                : List.of(new Transition(HealthEventName.TableRemoved, label(before), null));
        }
        if (o.message().isCreate() && !o.knownBefore("enabled")) {
            return List.of(new Transition(HealthEventName.TableAdded, null, label(after)));
        }
        if (!o.knownBefore("enabled") || before == null || after == null || before.equals(after)) {
            return List.of();
        }
        return List.of(new Transition(after ? HealthEventName.TableAdded : HealthEventName.TableRemoved,
            label(before), label(after)));
    }

    /** The labels Dataverse shows for the {@code enabled} Yes/No column. */
    private static String label(Boolean enabled) {
        return enabled == null ? null : enabled ? "Yes" : "No";
    }
}
