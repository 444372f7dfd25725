package com.synapselinkhealth.local.host;

import com.microsoft.azure.functions.OutputBinding;

/**
 * The {@link OutputBinding} the local runner gives a function: holds the value set last, which is what the host
 * sends, and counts how often one was set.
 */
public final class LocalOutputBinding<T> implements OutputBinding<T> {
    private T value;
    private int timesSet;

    @Override
    public T getValue() {
        return value;
    }

    @Override
    public void setValue(T value) {
        this.value = value;
        timesSet++;
    }

    /** How many times {@link #setValue} was called. */
    public int timesSet() {
        return timesSet;
    }

    /** True when no value was ever set. */
    public boolean isEmpty() {
        return timesSet == 0;
    }
}
