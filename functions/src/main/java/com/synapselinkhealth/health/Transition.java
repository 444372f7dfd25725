package com.synapselinkhealth.health;

import java.util.Objects;

/**
 * What a rule found: an event to raise, with the labels of the state before and after.
 *
 * @param name the event
 * @param previousState label before, or {@code null} when unknown or not a choice
 * @param currentState label after, or {@code null}
 * @param details what the event adds beyond the facts every event has
 * @param qualifier what tells apart two events of the same name at the same version (the 25, 50 and 75 % of an
 *     initial sync's progress), or {@code null}
 */
public record Transition(HealthEventName name, String previousState, String currentState, EventDetails details,
                         String qualifier) {
    public Transition {
        Objects.requireNonNull(name, "'name' cannot be null.");
        details = details == null ? EventDetails.NONE : details;
    }

    public Transition(HealthEventName name, String previousState, String currentState) {
        this(name, previousState, currentState, EventDetails.NONE, null);
    }

    /** The event name, with its qualifier when it has one: what an episode of this transition is matched by. */
    public String key() {
        return qualifier == null ? name.name() : name.name() + ":" + qualifier;
    }
}
