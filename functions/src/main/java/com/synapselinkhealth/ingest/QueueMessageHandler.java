package com.synapselinkhealth.ingest;

import com.synapselinkhealth.store.DeadLetter;
import com.synapselinkhealth.store.DeadLetterStore;
import java.time.Clock;
import java.util.Objects;

/**
 * How one message of a Storage queue that the host retries is worked (the ingest queue, through
 * {@link QueuedChangeHandler}, and the delivery queue): read into what the queue carries and handed to its work. A
 * message that is not what the queue carries is kept as a dead letter and done (trying it again would not help); a
 * failure of the work is rethrown, so the queue tries the message again, and on the last try the message is first
 * kept as a dead letter (the host then moves it to the poison queue).
 *
 * @param <T> what the queue's messages carry
 */
public final class QueueMessageHandler<T> {
    /** Reads a message's text. */
    @FunctionalInterface
    public interface Decoder<T> {
        /** @throws IllegalArgumentException saying why the text is not what the queue carries */
        T read(String message);
    }

    /** What one message asks for. */
    @FunctionalInterface
    public interface Work<T> {
        /** @param lastTry the queue will not try the message again */
        void run(T item, boolean lastTry);
    }

    /** Told what became of a message that did not go through (an entry point logs it). */
    public interface Listener<T> {
        /** The message is not what the queue carries: it is kept as a dead letter and done. */
        void unreadable(IllegalArgumentException problem);

        /**
         * The work failed on try {@code tries} and the failure is rethrown next; {@code kept} when that was the last try
         * and the message is kept as a dead letter.
         */
        void failed(T item, long tries, boolean kept, RuntimeException failure);
    }

    private final String source;
    private final String triesNoun;
    private final Decoder<T> decoder;
    private final DeadLetterStore deadLetters;
    private final Clock clock;
    private final int maxTries;

    /**
     * @param source the dead letters' source, e.g. {@code ingest-queue}
     * @param triesNoun what a poison dead letter's detail calls the tries ({@code attempts}, {@code tries})
     * @param maxTries the try that is the last (the host's {@code maxDequeueCount})
     */
    public QueueMessageHandler(String source, String triesNoun, Decoder<T> decoder, DeadLetterStore deadLetters,
                               Clock clock, int maxTries) {
        this.source = Objects.requireNonNull(source, "'source' cannot be null.");
        this.triesNoun = Objects.requireNonNull(triesNoun, "'triesNoun' cannot be null.");
        this.decoder = Objects.requireNonNull(decoder, "'decoder' cannot be null.");
        this.deadLetters = Objects.requireNonNull(deadLetters, "'deadLetters' cannot be null.");
        this.clock = Objects.requireNonNull(clock, "'clock' cannot be null.");
        this.maxTries = maxTries;
    }

    /**
     * @param tries the message's dequeue count: 1 on its first try
     * @throws RuntimeException the work's failure, for the queue to try the message again
     */
    public void handle(String message, long tries, Work<T> work, Listener<T> listener) {
        T item;
        try {
            item = decoder.read(message);
        } catch (IllegalArgumentException e) {
            keep("unreadable-message", e.getMessage(), message, tries);
            listener.unreadable(e);
            return;
        }
        boolean lastTry = tries >= maxTries;
        try {
            work.run(item, lastTry);
        } catch (RuntimeException e) {
            if (lastTry) {
                keep("poison", "Gave up after " + tries + " " + triesNoun + ": " + e, message, tries);
            }
            listener.failed(item, tries, lastTry, e);
            throw e;
        }
    }

    private void keep(String reason, String detail, String message, long tries) {
        deadLetters.put(DeadLetter.queueMessage(clock.instant(), source, reason, detail, tries, message));
    }
}
