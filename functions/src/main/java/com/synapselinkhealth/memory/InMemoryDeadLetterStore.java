package com.synapselinkhealth.memory;

import com.synapselinkhealth.store.DeadLetter;
import com.synapselinkhealth.store.DeadLetterStore;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Dead letters in memory, bounded by count and by bytes ({@link DeadLetter#estimatedBytes()}): the newest are kept,
 * the oldest go first when either bound is passed. A dead letter larger than the byte bound on its own is kept
 * without its body (its length and hash still say what it was).
 */
public final class InMemoryDeadLetterStore implements DeadLetterStore {
    public static final int DEFAULT_CAPACITY = 10_000;
    public static final long DEFAULT_MAX_BYTES = 32L * 1024 * 1024;

    private final int capacity;
    private final long maxBytes;
    private final Deque<DeadLetter> letters = new ArrayDeque<>();
    private long bytes;

    public InMemoryDeadLetterStore() {
        this(DEFAULT_CAPACITY, DEFAULT_MAX_BYTES);
    }

    public InMemoryDeadLetterStore(int capacity) {
        this(capacity, DEFAULT_MAX_BYTES);
    }

    /**
     * @param capacity the most dead letters kept
     * @param maxBytes the most heap they hold together, about
     */
    public InMemoryDeadLetterStore(int capacity, long maxBytes) {
        if (capacity <= 0 || maxBytes <= 0) {
            throw new IllegalArgumentException("'capacity' and 'maxBytes' must be positive.");
        }
        this.capacity = capacity;
        this.maxBytes = maxBytes;
    }

    @Override
    public synchronized void put(DeadLetter deadLetter) {
        DeadLetter kept = deadLetter;
        if (kept.estimatedBytes() > maxBytes) {
            kept = new DeadLetter(kept.id(), kept.at(), kept.source(), kept.reason(), cut(kept.detail()), kept.attempts(),
                kept.contentType(), java.util.Map.of(), null, kept.bodyBytes(), kept.bodySha256());
        }
        letters.addFirst(kept);
        bytes += kept.estimatedBytes();
        while (letters.size() > capacity || (bytes > maxBytes && letters.size() > 1)) {
            bytes -= letters.removeLast().estimatedBytes();
        }
    }

    private static String cut(String detail) {
        return detail == null || detail.length() <= 1_000 ? detail : detail.substring(0, 1_000) + "...";
    }

    /** About how many bytes the kept dead letters hold. */
    public synchronized long bytes() {
        return bytes;
    }

    public synchronized int size() {
        return letters.size();
    }

    @Override
    public synchronized List<DeadLetter> recent(int limit) {
        List<DeadLetter> result = new ArrayList<>(Math.max(0, Math.min(limit, letters.size())));
        for (DeadLetter d : letters) {
            if (result.size() >= limit) {
                break;
            }
            result.add(d);
        }
        return result;
    }
}
