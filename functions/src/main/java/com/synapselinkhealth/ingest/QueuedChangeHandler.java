package com.synapselinkhealth.ingest;

import com.synapselinkhealth.dataverse.RowChange;
import com.synapselinkhealth.readback.RowRefetch;
import com.synapselinkhealth.store.DeadLetterStore;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Processes one queued row change: completes it when it came without the row data the rules need, by reading the row
 * back from Dataverse ({@link RowRefetch}), then runs the health rules on it and stores the events. A failure (a
 * throttled or failed read included) is rethrown so the queue tries the change again; on the last try the read-back's
 * failure is noted and the change judged as it came, and a change that still fails is kept as a dead letter. A message
 * that is not a row change at all is kept as a dead letter and not tried again.
 */
public final class QueuedChangeHandler {
    /** The dead letters' source. */
    public static final String SOURCE = "ingest-queue";

    /** Told how each queued change went (an entry point logs it). */
    public interface Listener extends QueueMessageHandler.Listener<RowChange> {
        /** The change was completed, or needed no read-back ({@link RowRefetch.Result#note()} says what to log). */
        void refetched(RowRefetch.Result result);

        /** The rules ran on the change. */
        void processed(RowChange change, ProcessingResult result);
    }

    private final QueueMessageHandler<RowChange> messages;
    private final RowRefetch refetch;
    private final ChangeProcessor processor;

    /**
     * @param decoder reads a queue message (the text {@link IntakeResult.Accepted#queueMessage()} queued)
     * @param maxAttempts the attempt that is the last (the host's {@code maxDequeueCount})
     */
    public QueuedChangeHandler(QueueMessageHandler.Decoder<RowChange> decoder, RowRefetch refetch,
                               ChangeProcessor processor, DeadLetterStore deadLetters, Clock clock, int maxAttempts) {
        this.messages = new QueueMessageHandler<>(SOURCE, "attempts", decoder, deadLetters, clock, maxAttempts);
        this.refetch = Objects.requireNonNull(refetch, "'refetch' cannot be null.");
        this.processor = Objects.requireNonNull(processor, "'processor' cannot be null.");
    }

    /**
     * Works one message of the ingest queue.
     *
     * @param attempt the message's dequeue count: 1 on its first attempt
     * @throws RuntimeException when the change failed, for the queue to try it again
     */
    public void handle(String message, long attempt, Listener listener) {
        messages.handle(message, attempt,
            (change, lastAttempt) -> listener.processed(change, process(change, lastAttempt, listener::refetched)),
            listener);
    }

    /**
     * Completes the change and runs the rules on it, for a caller whose queue keeps its own dead letters (Service Bus).
     *
     * @param lastAttempt no attempt follows: a read-back that failed is noted instead of thrown
     * @param refetched told how the change was completed, before the rules run
     */
    public ProcessingResult process(RowChange change, boolean lastAttempt, Consumer<RowRefetch.Result> refetched) {
        RowRefetch.Result completed = refetch.complete(change, lastAttempt);
        refetched.accept(completed);
        return processor.process(completed.change());
    }
}
