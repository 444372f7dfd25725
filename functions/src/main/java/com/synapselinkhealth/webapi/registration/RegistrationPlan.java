package com.synapselinkhealth.webapi.registration;

import com.synapselinkhealth.webapi.registration.PlannedChange.Action;
import java.util.List;

/** What a registration (or its removal) will do, in the order it does it. */
public record RegistrationPlan(boolean removal, List<PlannedChange> changes) {
    public RegistrationPlan {
        changes = List.copyOf(changes);
    }

    /** True when applying the plan sends at least one write request. */
    public boolean hasWrites() {
        return changes.stream().anyMatch(c -> c.action().writes());
    }

    public long count(Action action) {
        return changes.stream().filter(c -> c.action() == action).count();
    }
}
