package com.synapselinkhealth.store;

import java.util.Objects;

/**
 * A stored value and the version (ETag) it was read at; a conditional save against that version fails when
 * another writer got there first.
 */
public record Versioned<T>(T value, String version) {
    public Versioned {
        Objects.requireNonNull(value, "'value' cannot be null.");
        Objects.requireNonNull(version, "'version' cannot be null.");
    }
}
