package com.synapselinkhealth.azure.queues;

import com.azure.core.util.Context;
import com.azure.storage.queue.QueueClient;
import com.azure.storage.queue.models.QueueMessageDecodingError;
import com.azure.storage.queue.models.QueueMessageItem;
import com.azure.storage.queue.models.QueueStorageException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ObjLongConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code serve}'s stand-in for the Functions host's queue trigger on an Azure Storage queue, with the host's
 * semantics: a received message stays invisible to other consumers for {@code visibility} while it is handled; it
 * is deleted only after the handler returned; a handler that throws makes it visible again after
 * {@code retryDelay} (host.json {@code visibilityTimeout}); a message whose dequeue count reached
 * {@code maxDequeueCount} and failed, or one received more often than that (its consumer died each time), is moved
 * to {@code <queue>-poison}, as is a message that is not base64. A consumer that dies mid-message loses nothing:
 * the message comes back after {@code visibility}.
 */
public final class QueueConsumer implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger("linkhealth.queue");
    /** host.json {@code maxPollingInterval}: the longest wait between polls of an empty queue. */
    static final long MAX_POLLING_MILLIS = 2_000;
    private static final long MIN_POLLING_MILLIS = 50;
    private static final int MAX_BATCH = 32;
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
    /** How long {@link #close()} waits for the messages being handled. */
    static final Duration CLOSE_GRACE = Duration.ofSeconds(10);

    private final String name;
    private final QueueClient queue;
    private final QueueClient poison;
    private final ObjLongConsumer<String> handler;
    private final int maxDequeueCount;
    private final Duration visibility;
    private final Duration retryDelay;
    private final ExecutorService workers;
    private final Semaphore slots;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Thread poller;
    private volatile boolean running = true;
    private volatile boolean poisonCreated;

    /**
     * @param handler called with a message's text and its dequeue count (1 on the first try); throws to fail
     * @param visibility how long a received message stays hidden while handled (and after this consumer dies)
     * @param retryDelay when a message whose handler threw is tried again
     * @param concurrency messages handled at once
     */
    public QueueConsumer(StorageQueues queues, String name, ObjLongConsumer<String> handler, int maxDequeueCount,
                         Duration visibility, Duration retryDelay, int concurrency) {
        this.name = Objects.requireNonNull(name, "'name' cannot be null.");
        this.handler = Objects.requireNonNull(handler, "'handler' cannot be null.");
        this.maxDequeueCount = maxDequeueCount;
        this.visibility = Objects.requireNonNull(visibility, "'visibility' cannot be null.");
        this.retryDelay = Objects.requireNonNull(retryDelay, "'retryDelay' cannot be null.");
        this.queue = queues.queue(name, this::undecodable);
        this.poison = queues.queue(name + StorageQueues.POISON_SUFFIX);
        this.slots = new Semaphore(concurrency);
        this.workers = Executors.newFixedThreadPool(concurrency, r -> {
            Thread t = new Thread(r, "linkhealth-" + name);
            t.setDaemon(true);
            return t;
        });
        this.poller = new Thread(this::poll, "linkhealth-" + name + "-poll");
        poller.setDaemon(true);
    }

    /** Creates the queue when missing and starts polling it. */
    public QueueConsumer start() {
        queue.createIfNotExists();
        poller.start();
        return this;
    }

    private void poll() {
        long idle = MIN_POLLING_MILLIS;
        while (running) {
            int free;
            try {
                slots.acquire();
                free = 1 + slots.drainPermits();
            } catch (InterruptedException e) {
                return;
            }
            if (!running) {
                slots.release(free);
                return; // closed while every slot was busy: take nothing more
            }
            List<QueueMessageItem> received;
            try {
                received = queue.receiveMessages(Math.min(MAX_BATCH, free), visibility, CALL_TIMEOUT, Context.NONE)
                    .stream().toList();
            } catch (RuntimeException e) {
                slots.release(free);
                if (running) {
                    LOG.log(Level.WARNING, "Polling queue " + name + " failed; trying again", e);
                }
                idle = pause(MAX_POLLING_MILLIS);
                continue;
            }
            slots.release(free - received.size());
            if (!running) {
                received.forEach(this::putBack);
                return;
            }
            if (received.isEmpty()) {
                idle = Math.min(MAX_POLLING_MILLIS, pause(idle) * 2);
                continue;
            }
            idle = MIN_POLLING_MILLIS;
            for (QueueMessageItem message : received) {
                inFlight.incrementAndGet();
                try {
                    workers.execute(() -> {
                        try {
                            handle(message);
                        } finally {
                            inFlight.decrementAndGet();
                            slots.release();
                        }
                    });
                } catch (java.util.concurrent.RejectedExecutionException e) {
                    inFlight.decrementAndGet(); // closing
                    putBack(message);
                }
            }
        }
    }

    /** Makes a message received while closing visible again at once, for another consumer. */
    private void putBack(QueueMessageItem message) {
        try {
            queue.updateMessage(message.getMessageId(), message.getPopReceipt(), null, Duration.ZERO);
        } catch (RuntimeException e) {
            // it comes back after its visibility timeout anyway
        }
    }

    private long pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            running = false;
        }
        return millis;
    }

    private void handle(QueueMessageItem message) {
        long dequeueCount = message.getDequeueCount();
        String text = message.getBody().toString();
        if (dequeueCount > maxDequeueCount) {
            LOG.warning(() -> "Message " + message.getMessageId() + " on " + name + " was received " + dequeueCount
                + " times without finishing; moved to " + poison.getQueueName());
            moveToPoison(message, text);
            return;
        }
        try {
            handler.accept(text, dequeueCount);
        } catch (RuntimeException e) {
            if (!running) {
                return; // closing: the message comes back after its visibility timeout
            }
            if (dequeueCount >= maxDequeueCount) {
                LOG.log(Level.WARNING, "Message " + message.getMessageId() + " on " + name + " failed its last try ("
                    + dequeueCount + " of " + maxDequeueCount + "); moved to " + poison.getQueueName(), e);
                moveToPoison(message, text);
            } else {
                try {
                    queue.updateMessage(message.getMessageId(), message.getPopReceipt(), null, retryDelay);
                } catch (QueueStorageException lost) {
                    // the visibility timeout ran out meanwhile: the message is visible again anyway
                }
            }
            return;
        }
        try {
            queue.deleteMessage(message.getMessageId(), message.getPopReceipt());
        } catch (QueueStorageException e) {
            LOG.warning(() -> "Message " + message.getMessageId() + " on " + name + " was handled but could not be"
                + " deleted (" + e.getStatusCode() + "; handling took longer than the visibility timeout?); it will be"
                + " handled again.");
        }
    }

    private void moveToPoison(QueueMessageItem message, String text) {
        ensurePoisonQueue();
        poison.sendMessage(text);
        queue.deleteMessage(message.getMessageId(), message.getPopReceipt());
    }

    /** A message that is not base64: the host cannot bind it either, so it goes to the poison queue as it is. */
    private void undecodable(QueueMessageDecodingError error) {
        QueueMessageItem item = error.getQueueMessageItem();
        if (item == null) {
            return; // a peek
        }
        LOG.warning(() -> "Message " + item.getMessageId() + " on " + name + " is not base64; moved to "
            + poison.getQueueName());
        ensurePoisonQueue();
        QueueClient raw = error.getQueueClient();
        String rawText = item.getBody() == null ? "" : item.getBody().toString();
        // a client on the same pipeline without base64, so the poison message keeps the exact text
        new com.azure.storage.queue.QueueClientBuilder().pipeline(raw.getHttpPipeline()).endpoint(poison.getQueueUrl())
            .buildClient().sendMessage(rawText);
        raw.deleteMessage(item.getMessageId(), item.getPopReceipt());
    }

    private void ensurePoisonQueue() {
        if (!poisonCreated) {
            poison.createIfNotExists();
            poisonCreated = true;
        }
    }

    /**
     * Waits until the queue holds no message (visible or not) and this consumer handles none, at most
     * {@code timeoutMillis}.
     */
    public boolean awaitIdle(long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (inFlight.get() > 0 || queue.getProperties().getApproximateMessagesCount() > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    /**
     * Stops polling and lets the messages already taken finish, for up to {@link #CLOSE_GRACE} (a server stopped with
     * SIGTERM or Ctrl+C then leaves nothing hidden for the visibility timeout); what is still running after that is
     * interrupted and comes back after its visibility timeout, as after a crash.
     */
    @Override
    public void close() {
        running = false; // the poller sees it within one polling interval (not interrupted mid-call: the SDK logs that)
        workers.shutdown();
        try {
            if (!workers.awaitTermination(CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
