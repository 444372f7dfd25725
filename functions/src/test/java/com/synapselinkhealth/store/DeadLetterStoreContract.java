package com.synapselinkhealth.store;

import static com.synapselinkhealth.store.StoreFixtures.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link DeadLetterStore} promises: every field kept, newest first, big bodies too. */
public abstract class DeadLetterStoreContract {
    protected DeadLetterStore store;

    /** A new, empty store. */
    protected abstract DeadLetterStore newStore();

    @BeforeEach
    void createStore() {
        store = newStore();
    }

    protected static DeadLetter letter(String id, int minutes, String body) {
        return new DeadLetter(id, T0.plusSeconds(60L * minutes).plusNanos(minutes), "webhook", "not-json",
            "The body is not JSON: Unexpected character ('<' (code 60)) at line 1, column 1.", 1 + minutes,
            "application/json; charset=utf-8", Map.of("content-type", "application/json", "x-request-id", "r-" + id),
            body, body == null ? 0 : body.getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    public void emptyAtFirst() {
        assertEquals(List.of(), store.recent(10));
    }

    /** Put in the order of their times, as they are made (stamped with the clock when given up on). */
    @Test
    public void newestFirstWithEveryField() {
        DeadLetter a = letter("a", 1, "<xml/>");
        DeadLetter b = letter("b", 3, "{\"broken\":");
        DeadLetter c = new DeadLetter("c", T0.plusSeconds(120), "ingest-queue", "poison", null, 5, null, Map.of(), null, 0);
        DeadLetter d = letter("d", 60 * 24 * 40, "next month");
        store.put(a);
        store.put(c);
        store.put(b);
        store.put(d);
        assertEquals(List.of(d, b, c, a), store.recent(10));
        assertEquals(List.of(d, b), store.recent(2));
        assertEquals(List.of(d), store.recent(1));
    }

    @Test
    public void aBodyPastOneTablePropertyIsKept() {
        StringBuilder text = new StringBuilder();
        while (text.length() < 200_000) {
            text.append("{\"naïve\":\"\uD83D\uDE00\",\"n\":").append(text.length()).append("},");
        }
        DeadLetter big = letter("big", 5, text.toString());
        store.put(big);
        assertEquals(List.of(big), store.recent(5));
    }

    @Test
    public void aQuarterMegabyteBinaryBodyAsBase64IsKept() {
        byte[] bytes = new byte[256 * 1024];
        new Random(7).nextBytes(bytes);
        String body = "base64:" + Base64.getEncoder().encodeToString(bytes);
        DeadLetter binary = new DeadLetter("bin", T0, "webhook", "not-json", "The body is not UTF-8.", 1,
            "application/octet-stream", Map.of(), body, bytes.length);
        store.put(binary);
        assertEquals(List.of(binary), store.recent(1));
    }
}
