package com.synapselinkhealth.health;

import java.util.Objects;

/**
 * What a rule found: an event to raise, with the labels of the state before and after.
 *
 * @param name the event
 * @param previousState label before, or {@code null} when unknown or not a choice
 * @param currentState label after, or {@code null}
 */
public record Transition(HealthEventName name, String previousState, String currentState) {
    public Transition {
        Objects.requireNonNull(name, "'name' cannot be null.");
    }
}
