package com.synapselinkhealth.functions;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.synapselinkhealth.app.EntryPoints;
import com.synapselinkhealth.app.LinkHealth;
import com.synapselinkhealth.config.Settings;
import com.synapselinkhealth.dataverse.TransportHints;
import com.synapselinkhealth.health.EventPublisher;
import com.synapselinkhealth.health.HealthEvent;
import com.synapselinkhealth.health.HealthEventName;
import com.synapselinkhealth.ingest.IntakeResult;
import com.synapselinkhealth.local.host.LocalExecutionContext;
import com.synapselinkhealth.store.DeadLetter;
import com.synapselinkhealth.store.EventQuery;
import com.synapselinkhealth.testing.TestClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

/** The ingest queue trigger called directly with the dequeue count the host would give it. */
class IngestQueueFunctionTest {
    private static final Instant NOW = Instant.parse("2024-06-03T10:00:00Z");

    private final List<HealthEvent> published = new ArrayList<>();
    private final AtomicBoolean publisherDown = new AtomicBoolean();

    /** Publishes into {@link #published}, or fails while {@link #publisherDown} is set. */
    private final EventPublisher publisher = event -> {
        if (publisherDown.get()) {
            throw new IllegalStateException("delivery queue unavailable");
        }
        published.add(event);
    };

    private LinkHealth app() {
        return LinkHealth.inMemory(Settings.of(Map.of()), new TestClock(NOW), publisher);
    }

    /** The queue message the webhook would have written for the TableSyncFailed body. */
    private static String queued(LinkHealth app) {
        IntakeResult result = app.intake().accept("webhook", Callbacks.tableSyncFailed().build(), "application/json",
            Map.of(), TransportHints.NONE);
        return ((IntakeResult.Accepted) result).queueMessage();
    }

    private static List<HealthEvent> stored(LinkHealth app) {
        return app.stores().events().query(EventQuery.latest(100));
    }

    @Test
    void processesAQueuedChangeAndStoresItsEvents() {
        LinkHealth app = app();
        LocalExecutionContext context = LocalExecutionContext.recording("ProcessIngestQueue");
        EntryPoints.of(app).create(IngestQueueFunction.class).run(queued(app), 1, context);

        List<HealthEvent> events = stored(app);
        assertEquals(1, events.size(), events.toString());
        HealthEvent event = events.get(0);
        assertEquals(HealthEventName.TableSyncFailed, event.name());
        assertEquals("contact", event.table());
        assertEquals(Callbacks.ROW, event.rowId());
        assertEquals(Callbacks.OPERATION, event.operationId());
        assertEquals("InProgress", event.previousState());
        assertEquals("CompletedWithFailures", event.currentState());
        assertEquals(List.of(event), published);
        assertTrue(app.stores().deadLetters().recent(10).isEmpty());
        assertTrue(context.text().contains("TableSyncFailed"), context.text());
    }

    @Test
    void theSameMessageDeliveredTwiceRaisesNothingNew() {
        LinkHealth app = app();
        String message = queued(app);
        IngestQueueFunction function = EntryPoints.of(app).create(IngestQueueFunction.class);
        function.run(message, 1, LocalExecutionContext.recording("ProcessIngestQueue"));
        function.run(message, 1, LocalExecutionContext.recording("ProcessIngestQueue"));

        assertEquals(1, stored(app).size());
        assertEquals(1, published.size());
    }

    @Test
    void anUnreadableMessageIsDeadLetteredWithoutThrowing() {
        LinkHealth app = app();
        IngestQueueFunction function = EntryPoints.of(app).create(IngestQueueFunction.class);
        String[] messages = {"not json at all", "{\"v\":99,\"table\":\"synapselinkprofile\"}", "[1,2,3]",
            "{\"v\":1,\"table\":\"synapselinkprofileentitystate\"}"};
        for (String message : messages) {
            LocalExecutionContext context = LocalExecutionContext.recording("ProcessIngestQueue");
            assertDoesNotThrow(() -> function.run(message, 1, context), message);
            assertEquals(1, context.recordsAtLeast(Level.SEVERE).size(), context.text());
            DeadLetter letter = app.stores().deadLetters().recent(1).get(0);
            assertEquals("ingest-queue", letter.source());
            assertEquals("unreadable-message", letter.reason());
            assertEquals(message, letter.body());
            assertEquals(1, letter.attempts());
            assertEquals(NOW, letter.at());
        }
        assertEquals(messages.length, app.stores().deadLetters().recent(10).size());
        assertTrue(stored(app).isEmpty());
    }

    @Test
    void aProcessingFailureIsRethrownSoTheQueueRetriesAndIsNotDeadLetteredBeforeTheLastTry() {
        LinkHealth app = app();
        String message = queued(app);
        IngestQueueFunction function = EntryPoints.of(app).create(IngestQueueFunction.class);
        publisherDown.set(true);
        for (int attempt = 1; attempt < Settings.DEFAULT_MAX_DEQUEUE_COUNT; attempt++) {
            LocalExecutionContext context = LocalExecutionContext.recording("ProcessIngestQueue");
            long dequeueCount = attempt;
            IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> function.run(message, dequeueCount, context));
            assertEquals("delivery queue unavailable", thrown.getMessage());
            assertTrue(app.stores().deadLetters().recent(10).isEmpty(), "dead-lettered on attempt " + attempt);
            assertEquals(1, context.recordsAtLeast(Level.WARNING).size(), context.text());
            assertTrue(context.recordsAtLeast(Level.SEVERE).isEmpty(), context.text());
        }

        // the publisher is back: the retry delivers the event the failed attempts had decided
        publisherDown.set(false);
        function.run(message, Settings.DEFAULT_MAX_DEQUEUE_COUNT, LocalExecutionContext.recording("ProcessIngestQueue"));
        assertEquals(1, published.size());
        assertEquals(HealthEventName.TableSyncFailed, published.get(0).name());
        assertEquals(published, stored(app));
        assertTrue(app.stores().deadLetters().recent(10).isEmpty());
    }

    @Test
    void onTheLastTryAFailingMessageIsKeptAsPoisonAndStillRethrown() {
        LinkHealth app = app();
        String message = queued(app);
        IngestQueueFunction function = EntryPoints.of(app).create(IngestQueueFunction.class);
        publisherDown.set(true);
        int last = Settings.DEFAULT_MAX_DEQUEUE_COUNT;
        assertEquals(last, app.settings().maxDequeueCount());
        LocalExecutionContext context = LocalExecutionContext.recording("ProcessIngestQueue");
        RuntimeException thrown = assertThrows(RuntimeException.class, () -> function.run(message, last, context));
        assertEquals("delivery queue unavailable", thrown.getMessage());

        List<DeadLetter> letters = app.stores().deadLetters().recent(10);
        assertEquals(1, letters.size());
        DeadLetter letter = letters.get(0);
        assertEquals("poison", letter.reason());
        assertEquals("ingest-queue", letter.source());
        assertEquals(last, letter.attempts());
        assertEquals(message, letter.body());
        assertTrue(letter.detail().contains("delivery queue unavailable"), letter.detail());
        assertEquals(1, context.recordsAtLeast(Level.SEVERE).size(), context.text());
        assertSame(thrown, context.recordsAtLeast(Level.SEVERE).get(0).getThrown());
        assertTrue(published.isEmpty());
    }

    @Test
    void theLastTryFollowsTheConfiguredMaxDequeueCount() {
        LinkHealth app = LinkHealth.inMemory(Settings.of(Map.of(Settings.MAX_DEQUEUE_COUNT, "2")), new TestClock(NOW),
            publisher);
        String message = queued(app);
        IngestQueueFunction function = EntryPoints.of(app).create(IngestQueueFunction.class);
        publisherDown.set(true);
        assertThrows(RuntimeException.class, () -> function.run(message, 1, LocalExecutionContext.recording("q")));
        assertTrue(app.stores().deadLetters().recent(10).isEmpty());
        assertThrows(RuntimeException.class, () -> function.run(message, 2, LocalExecutionContext.recording("q")));
        assertEquals("poison", app.stores().deadLetters().recent(10).get(0).reason());
    }
}
