package com.synapselinkhealth.history;

import java.util.Objects;

/**
 * An event already raised from a row's history: which event, at which point of the history it was first seen (its
 * id derives from that point). A later derivation that finds the same episode (the same event, starting at or before that point with no
 * other start between) matches it and raises nothing again.
 *
 * @param name the event name, as stored (kept even when this code no longer knows it)
 * @param anchor the point it was first reported at: a version's dedupe key, with {@link Timeline#PRE_IMAGE} for the
 *     row as its pre image showed it
 */
public record ReportedEvent(String name, String anchor) {
    public ReportedEvent {
        Objects.requireNonNull(name, "'name' cannot be null.");
        Objects.requireNonNull(anchor, "'anchor' cannot be null.");
    }
}
