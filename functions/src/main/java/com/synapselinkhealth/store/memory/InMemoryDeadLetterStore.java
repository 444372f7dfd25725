package com.synapselinkhealth.store.memory;

import com.synapselinkhealth.store.DeadLetter;
import com.synapselinkhealth.store.DeadLetterStore;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** Dead letters in memory, the newest {@code capacity} kept. */
public final class InMemoryDeadLetterStore implements DeadLetterStore {
    private final int capacity;
    private final Deque<DeadLetter> letters = new ArrayDeque<>();

    public InMemoryDeadLetterStore() {
        this(10_000);
    }

    public InMemoryDeadLetterStore(int capacity) {
        this.capacity = capacity;
    }

    @Override
    public synchronized void put(DeadLetter deadLetter) {
        letters.addFirst(deadLetter);
        while (letters.size() > capacity) {
            letters.removeLast();
        }
    }

    @Override
    public synchronized List<DeadLetter> recent(int limit) {
        List<DeadLetter> result = new ArrayList<>(Math.min(limit, letters.size()));
        for (DeadLetter d : letters) {
            if (result.size() == limit) {
                break;
            }
            result.add(d);
        }
        return result;
    }
}
