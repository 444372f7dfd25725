package com.synapselinkhealth.store;

import com.synapselinkhealth.health.HealthEvent;
import java.util.List;
import java.util.Optional;

/** Every health event raised, for the "recent events" actions and the status page. */
public interface EventStore {
    /** Stores an event; idempotent by id. @return true when it was new */
    boolean append(HealthEvent event);

    Optional<HealthEvent> find(String id);

    /** Matching events, newest first. */
    List<HealthEvent> query(EventQuery query);
}
