package com.synapselinkhealth.ingest;

import com.synapselinkhealth.health.HealthEvent;
import java.util.List;
import java.util.Objects;

/**
 * What processing one row change did.
 *
 * @param outcome how the change was judged
 * @param events the events it raised (empty unless {@link Outcome#APPLIED})
 */
public record ProcessingResult(Outcome outcome, List<HealthEvent> events) {
    /** How a change was judged. */
    public enum Outcome {
        /** Applied to the row's state; may or may not have raised events. */
        APPLIED,
        /** The same operation on the same row was already applied. */
        DUPLICATE,
        /** Older than the state already known for the row. */
        STALE,
        /** Not a row of one of the six state tables. */
        IGNORED
    }

    public ProcessingResult {
        Objects.requireNonNull(outcome, "'outcome' cannot be null.");
        events = List.copyOf(events);
    }
}
