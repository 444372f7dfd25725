package com.synapselinkhealth.functions;

import com.synapselinkhealth.ingest.QueueMessageHandler;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What a queue-triggered entry point logs about a message that did not go through: one that is not what its queue
 * carries (kept as a dead letter), and a failure, on the last try (kept as a dead letter: poison) or before it (the
 * queue tries the message again). Each queue says it in its own words.
 *
 * @param <T> what the queue's messages carry
 */
class QueueMessageLog<T> implements QueueMessageHandler.Listener<T> {
    private final Logger log;
    private final String unreadable;
    private final Function<T, String> subject;
    private final String lastTry;
    private final String retried;

    /**
     * @param unreadable what a message that is not a {@code T} is, e.g. {@code Ingest queue message is not a row change}
     * @param subject names the item a message carries, e.g. {@code Ingest message for contact row ...}
     * @param tryNoun what the queue calls a try ({@code attempt}, {@code try})
     * @param retried how a failure before the last try is told, before its number, e.g. {@code on attempt}
     */
    QueueMessageLog(Logger log, String unreadable, Function<T, String> subject, String tryNoun, String retried) {
        this.log = log;
        this.unreadable = unreadable;
        this.subject = subject;
        this.lastTry = " failed on its last " + tryNoun + " and is poison; kept as a dead letter";
        this.retried = " failed " + retried + " ";
    }

    /** The logger, for what the queue's work itself says. */
    final Logger logger() {
        return log;
    }

    @Override
    public void unreadable(IllegalArgumentException problem) {
        log.log(Level.SEVERE, () -> unreadable + "; kept as a dead letter: " + problem.getMessage());
    }

    @Override
    public void failed(T item, long tries, boolean kept, RuntimeException failure) {
        if (kept) {
            log.log(Level.SEVERE, subject.apply(item) + lastTry, failure);
        } else {
            log.log(Level.WARNING, subject.apply(item) + retried + tries + "; the queue will retry it", failure);
        }
    }
}
