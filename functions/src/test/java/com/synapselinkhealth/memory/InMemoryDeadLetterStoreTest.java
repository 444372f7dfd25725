package com.synapselinkhealth.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.synapselinkhealth.store.DeadLetter;
import com.synapselinkhealth.store.DeadLetterStore;
import com.synapselinkhealth.store.DeadLetterStoreContract;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InMemoryDeadLetterStoreTest extends DeadLetterStoreContract {
    @Override
    protected DeadLetterStore newStore() {
        return new InMemoryDeadLetterStore();
    }

    private static DeadLetter sized(String id, int bodyChars) {
        return new DeadLetter(id, Instant.parse("2026-12-01T00:00:00Z"), "webhook", "not-json", "The body is not JSON.", 1,
            "application/json", Map.of("user-agent", "test"), "b".repeat(bodyChars), bodyChars, "00".repeat(32));
    }

    /** Property over a long run of puts of every size: the bytes held never pass the bound, the newest stays. */
    @Test
    void theBytesHeldNeverPassTheBoundAndTheOldestGoFirst() {
        long bound = 1024 * 1024;
        InMemoryDeadLetterStore store = new InMemoryDeadLetterStore(10_000, bound);
        java.util.Random random = new java.util.Random(12);
        for (int i = 0; i < 5_000; i++) {
            DeadLetter d = sized("d" + i, random.nextInt(i % 100 == 0 ? 2_000_000 : 40_000));
            store.put(d);
            assertTrue(store.bytes() <= bound, () -> "holds " + store.bytes());
            assertEquals("d" + i, store.recent(1).get(0).id());
        }
        assertTrue(store.size() > 10, "many small ones still fit: " + store.size());
    }

    @Test
    void oneLetterLargerThanTheBoundKeepsItsLengthAndHashButNotItsBody() {
        InMemoryDeadLetterStore store = new InMemoryDeadLetterStore(10, 64 * 1024);
        store.put(sized("small", 10));
        store.put(sized("huge", 1_000_000));
        DeadLetter kept = store.recent(1).get(0);
        assertEquals("huge", kept.id());
        assertNull(kept.body());
        assertEquals(1_000_000, kept.bodyBytes());
        assertEquals("00".repeat(32), kept.bodySha256());
        assertTrue(store.bytes() <= 64 * 1024);
    }

    @Test
    void theCountBoundHoldsToo() {
        InMemoryDeadLetterStore store = new InMemoryDeadLetterStore(3, 1L << 30);
        for (int i = 0; i < 10; i++) {
            store.put(sized("d" + i, 1));
        }
        assertEquals(java.util.List.of("d9", "d8", "d7"), store.recent(10).stream().map(DeadLetter::id).toList());
    }
}
