package com.synapselinkhealth.functions.fakes;

import com.microsoft.azure.functions.OutputBinding;
import java.util.ArrayList;
import java.util.List;

/** An {@link OutputBinding} that remembers every value set (the host sends only the last one). */
public final class FakeOutputBinding<T> implements OutputBinding<T> {
    private final List<T> set = new ArrayList<>();
    private T value;

    @Override
    public T getValue() {
        return value;
    }

    @Override
    public void setValue(T value) {
        this.value = value;
        set.add(value);
    }

    /** How many times {@link #setValue} was called. */
    public int timesSet() {
        return set.size();
    }

    public boolean isEmpty() {
        return set.isEmpty();
    }
}
