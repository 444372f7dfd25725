package com.synapselinkhealth.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.synapselinkhealth.dataverse.TransportHints;
import com.synapselinkhealth.dataverse.json.RemoteExecutionContextParser;
import com.synapselinkhealth.memory.InMemoryDeadLetterStore;
import com.synapselinkhealth.store.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A rejected body's dead letter keeps its head, its full length and its hash; never the whole body. */
class RejectedBodyDeadLetterTest {
    @Test
    void aLargeRejectedBodyKeepsItsHeadLengthAndHash() {
        InMemoryDeadLetterStore letters = new InMemoryDeadLetterStore();
        CallbackIntake intake = new CallbackIntake(new RemoteExecutionContextParser(1 << 20), letters, 1 << 20,
            Clock.systemUTC(), 1024);
        byte[] body = ("not json " + "é".repeat(150_000)).getBytes(StandardCharsets.UTF_8);
        assertInstanceOf(IntakeResult.Rejected.class, intake.accept("webhook", body, "application/json", Map.of(),
            TransportHints.NONE));
        DeadLetter d = letters.recent(1).get(0);
        assertEquals(body.length, d.bodyBytes());
        assertEquals(CallbackIntake.sha256(body), d.bodySha256());
        assertTrue(d.body().length() <= 1024 && d.body().startsWith("not json é"), d.body().substring(0, 20));
        assertTrue(!d.body().contains("\uFFFD") && !d.body().startsWith("base64:"), "cut on a character boundary");
        assertTrue(d.estimatedBytes() < 8 * 1024, "holds " + d.estimatedBytes());
    }

    @Test
    void controlCharactersOfARejectedBodyNeverReachTheMessage() {
        CallbackIntake intake = new CallbackIntake(new RemoteExecutionContextParser(1 << 20), new InMemoryDeadLetterStore(),
            1 << 20, Clock.systemUTC());
        byte[] body = "{\"a\": tru\u001b[2J\u202e}".getBytes(StandardCharsets.UTF_8);
        IntakeResult.Rejected rejected = assertInstanceOf(IntakeResult.Rejected.class,
            intake.accept("webhook", body, "application/json", Map.of(), TransportHints.NONE));
        String message = rejected.problem().getMessage();
        assertTrue(message.codePoints().noneMatch(com.synapselinkhealth.text.VisibleText::isUnsafe), message);
    }
}
