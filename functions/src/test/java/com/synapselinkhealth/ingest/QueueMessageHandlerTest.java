package com.synapselinkhealth.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.synapselinkhealth.memory.InMemoryDeadLetterStore;
import com.synapselinkhealth.store.DeadLetter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One queue message: read, worked, and kept as a dead letter when unreadable or when its last try fails. */
class QueueMessageHandlerTest {
    private static final Instant NOW = Instant.parse("2024-06-03T10:00:00Z");

    private final InMemoryDeadLetterStore deadLetters = new InMemoryDeadLetterStore();
    private final List<String> told = new ArrayList<>();
    private final QueueMessageHandler<Integer> handler = new QueueMessageHandler<>("test-queue", "tries", message -> {
        try {
            return Integer.valueOf(message);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number: " + message);
        }
    }, deadLetters, Clock.fixed(NOW, ZoneOffset.UTC), 3);
    private final QueueMessageHandler.Listener<Integer> listener = new QueueMessageHandler.Listener<>() {
        @Override
        public void unreadable(IllegalArgumentException problem) {
            told.add("unreadable " + problem.getMessage());
        }

        @Override
        public void failed(Integer item, long tries, boolean kept, RuntimeException failure) {
            told.add("failed " + item + " on " + tries + (kept ? ", kept" : ""));
        }
    };

    @Test
    void aMessageThatIsNotWhatTheQueueCarriesIsKeptAndDone() {
        handler.handle("seven", 1, (item, lastTry) -> told.add("worked"), listener);
        assertEquals(List.of("unreadable not a number: seven"), told);
        DeadLetter letter = deadLetters.recent(1).get(0);
        assertEquals("test-queue", letter.source());
        assertEquals("unreadable-message", letter.reason());
        assertEquals("seven", letter.body());
        assertEquals(NOW, letter.at());
    }

    @Test
    void aFailureIsRethrownAndKeptOnlyOnTheLastTry() {
        RuntimeException down = new IllegalStateException("store down");
        List<Boolean> lastTries = new ArrayList<>();
        for (long tries = 1; tries <= 3; tries++) {
            long attempt = tries;
            assertSame(down, assertThrows(IllegalStateException.class, () -> handler.handle("7", attempt,
                (item, lastTry) -> {
                    lastTries.add(lastTry);
                    throw down;
                }, listener)));
            assertEquals(attempt < 3, deadLetters.recent(10).isEmpty(), "try " + attempt);
        }
        assertEquals(List.of(false, false, true), lastTries);
        assertEquals(List.of("failed 7 on 1", "failed 7 on 2", "failed 7 on 3, kept"), told);
        DeadLetter letter = deadLetters.recent(1).get(0);
        assertEquals("poison", letter.reason());
        assertEquals("Gave up after 3 tries: " + down, letter.detail());
        assertEquals(3, letter.attempts());
    }

    @Test
    void aMessageThatGoesThroughIsOnlyWorked() {
        handler.handle("7", 1, (item, lastTry) -> told.add("worked " + item), listener);
        assertEquals(List.of("worked 7"), told);
        assertTrue(deadLetters.recent(10).isEmpty());
    }
}
