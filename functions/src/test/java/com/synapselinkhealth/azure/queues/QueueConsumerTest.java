package com.synapselinkhealth.azure.queues;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.storage.queue.QueueClient;
import com.azure.storage.queue.QueueClientBuilder;
import com.azure.storage.queue.models.PeekedMessageItem;
import com.synapselinkhealth.config.QueueTimings;
import com.synapselinkhealth.testing.Azurite;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * serve's queue consumer on a real Azurite behaves as the Functions host's queue trigger does: the host's base64
 * message encoding both ways, delete only after success, retry after a failure with the dequeue count, the poison
 * queue after the last try, and a message whose consumer died comes back.
 */
@ExtendWith(Azurite.class)
class QueueConsumerTest {
    /** Held so the level sticks: failures are logged by design here. */
    private static final Logger QUIET = Logger.getLogger("linkhealth.queue");

    private final String name = "t-" + UUID.randomUUID().toString().substring(0, 13);
    private final StorageQueues queues = StorageQueues.connectionString(Azurite.connectionString());
    private final List<AutoCloseable> open = new ArrayList<>();

    /** One delivery of a message to the handler. */
    private record Handled(String text, long dequeueCount) {
    }

    @BeforeAll
    static void quiet() {
        QUIET.setLevel(Level.OFF);
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
        queues.queue(name).deleteIfExists();
        queues.queue(name + "-poison").deleteIfExists();
    }

    /** The queue as the Functions host's output binding writes it: base64 of the UTF-8 text, set by hand. */
    private QueueClient raw(String queueName) {
        QueueClient raw = new QueueClientBuilder().connectionString(Azurite.connectionString()).queueName(queueName)
            .buildClient();
        raw.createIfNotExists();
        return raw;
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private QueueConsumer consumer(List<Handled> handled, int failures, int maxDequeueCount, Duration visibility) {
        QueueConsumer consumer = new QueueConsumer(queues, name, (text, count) -> {
            handled.add(new Handled(text, count));
            if (handled.size() <= failures) {
                throw new IllegalStateException("failure " + handled.size());
            }
        }, maxDequeueCount, visibility, Duration.ofSeconds(1), 2);
        open.add(consumer);
        return consumer.start();
    }

    @Test
    void aMessageTheHostWroteIsHandedOverDecodedAndDeletedAfterSuccess() throws Exception {
        String text = "{\"table\":\"synapselinkprofileentitystate\",\"name\":\"Zoë ✓\"}";
        raw(name).sendMessage(base64(text));
        List<Handled> handled = new CopyOnWriteArrayList<>();
        QueueConsumer consumer = consumer(handled, 0, 5, Duration.ofSeconds(30));
        assertTrue(consumer.awaitIdle(10_000));
        assertEquals(List.of(new Handled(text, 1)), handled);
        assertEquals(0, raw(name).getProperties().getApproximateMessagesCount());
    }

    @Test
    void serveWritesWhatTheHostReads() {
        QueueTimings held = new QueueTimings(Duration.ofSeconds(30), true);
        StorageIngestQueue ingest = new StorageIngestQueue(queues, name, (m, c) -> { }, 5, held);
        open.add(ingest);
        String text = "{\"rowId\":\"" + UUID.randomUUID() + "\",\"note\":\"Größe\"}";
        ingest.add(text);
        PeekedMessageItem onTheWire = raw(name).peekMessage();
        assertEquals(base64(text), onTheWire.getBody().toString(), "base64 of the UTF-8 text, the host's default");
    }

    @Test
    void aFailureIsRetriedWithTheDequeueCountAndThenMovedToThePoisonQueue() throws Exception {
        queues.queue(name).createIfNotExists();
        queues.queue(name).sendMessage("bad message");
        List<Handled> handled = new CopyOnWriteArrayList<>();
        QueueConsumer consumer = consumer(handled, Integer.MAX_VALUE, 3, Duration.ofSeconds(30));
        assertTrue(consumer.awaitIdle(20_000));
        assertEquals(List.of(new Handled("bad message", 1), new Handled("bad message", 2), new Handled("bad message", 3)),
            handled);
        assertEquals(0, raw(name).getProperties().getApproximateMessagesCount());
        PeekedMessageItem poison = queues.queue(name + "-poison").peekMessage();
        assertEquals("bad message", poison.getBody().toString());
    }

    @Test
    void aFailureThatRecoversIsDeletedAfterTheSuccessfulTry() throws Exception {
        queues.queue(name).createIfNotExists();
        queues.queue(name).sendMessage("flaky");
        List<Handled> handled = new CopyOnWriteArrayList<>();
        QueueConsumer consumer = consumer(handled, 1, 5, Duration.ofSeconds(30));
        assertTrue(consumer.awaitIdle(20_000));
        assertEquals(List.of(new Handled("flaky", 1), new Handled("flaky", 2)), handled);
        assertEquals(0, raw(name).getProperties().getApproximateMessagesCount());
    }

    @Test
    void aMessageThatIsNotBase64GoesToThePoisonQueueAsItIs() throws Exception {
        raw(name).sendMessage("not base64 at all!");
        queues.queue(name).sendMessage("good");
        List<Handled> handled = new CopyOnWriteArrayList<>();
        QueueConsumer consumer = consumer(handled, 0, 5, Duration.ofSeconds(30));
        assertTrue(consumer.awaitIdle(20_000));
        assertEquals(List.of(new Handled("good", 1)), handled);
        assertEquals("not base64 at all!", raw(name + "-poison").peekMessage().getBody().toString());
    }

    @Test
    void aMessageWhoseConsumerDiedComesBackAfterTheVisibilityTimeout() throws Exception {
        queues.queue(name).createIfNotExists();
        queues.queue(name).sendMessage("work");
        CountDownLatch started = new CountDownLatch(1);
        QueueConsumer dying = new QueueConsumer(queues, name, (text, count) -> {
            started.countDown();
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                throw new IllegalStateException("stopped");
            }
        }, 5, Duration.ofSeconds(2), Duration.ofSeconds(1), 1).start();
        assertTrue(started.await(10, TimeUnit.SECONDS));
        dying.close();
        assertEquals(1, raw(name).getProperties().getApproximateMessagesCount(), "not deleted: it was not finished");
        List<Handled> handled = new CopyOnWriteArrayList<>();
        QueueConsumer next = consumer(handled, 0, 5, Duration.ofSeconds(30));
        assertTrue(next.awaitIdle(20_000));
        assertEquals(List.of(new Handled("work", 2)), handled);
    }

    @Test
    void closingLetsAMessageBeingHandledFinishAndBeDeletedSoNothingWaitsForItsVisibility() throws Exception {
        raw(name).sendMessage(base64("slow"));
        CountDownLatch started = new CountDownLatch(1);
        List<String> finished = new CopyOnWriteArrayList<>();
        QueueConsumer consumer = new QueueConsumer(queues, name, (text, count) -> {
            started.countDown();
            try {
                Thread.sleep(1_000);
            } catch (InterruptedException e) {
                throw new IllegalStateException("interrupted", e);
            }
            finished.add(text);
        }, 5, Duration.ofSeconds(120), Duration.ofSeconds(1), 2).start();
        assertTrue(started.await(10, TimeUnit.SECONDS));

        consumer.close();

        assertEquals(List.of("slow"), finished, "the handler ran to its end");
        assertEquals(0, raw(name).getProperties().getApproximateMessagesCount(), "and its message was deleted");
    }
}
