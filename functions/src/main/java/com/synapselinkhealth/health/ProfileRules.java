package com.synapselinkhealth.health;

import static com.synapselinkhealth.health.ChoiceRules.becomes;

import com.synapselinkhealth.statetables.Choice;
import com.synapselinkhealth.statetables.ChoiceSet;
import com.synapselinkhealth.statetables.Choices;
import java.util.ArrayList;
import java.util.List;

/** {@code synapselinkprofile}: the life cycle of a whole link. */
final class ProfileRules implements TableRules {
    private static final ChoiceSet STATE = ChoiceSet.PROFILE_STATE;

    @Override
    public List<Transition> evaluate(Observation o) {
        if (o.message().isDelete()) {
            Choice before = o.choiceBefore("profilestate", STATE);
            if (Choices.PROFILE_DELETED.is(before)) {
                return List.of();
            }
            return List.of(new Transition(HealthEventName.ProfileDeleted, before == null ? null : before.label(),
                Choices.PROFILE_DELETED.label()));
        }
        List<Transition> found = new ArrayList<>();
        becomes(o, "profilestate", STATE, Choices.PROFILE_ACTIVE, HealthEventName.ProfileActivated).ifPresent(found::add);
        becomes(o, "profilestate", STATE, Choices.PROFILE_ERROR, HealthEventName.ProfileError).ifPresent(found::add);
        becomes(o, "profilestate", STATE, Choices.PROFILE_SUSPENDED, HealthEventName.ProfileSuspended).ifPresent(found::add);
        becomes(o, "profilestate", STATE, Choices.PROFILE_DEACTIVATED, HealthEventName.ProfileDeactivated).ifPresent(found::add);
        becomes(o, "profilestate", STATE, Choices.PROFILE_DELETED, HealthEventName.ProfileDeleted).ifPresent(found::add);
        return found;
    }
}
