package com.synapselinkhealth.functions;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.QueueTrigger;
import com.synapselinkhealth.ingest.IngestQueue;
import com.synapselinkhealth.ingest.QueuedChangeHandler;

/**
 * Processes the ingest queue ({@link QueuedChangeHandler}): completes a change that came without its row data by
 * reading the row back from Dataverse, runs the health rules on it and stores the events. A failure (throttling or a
 * server error on that read included) throws, so the queue makes the message visible again and retries it; on the
 * last try (the dequeue count reaches {@code LINKHEALTH_MAX_DEQUEUE_COUNT}, equal to host.json's
 * {@code maxDequeueCount}) the message is also kept as a dead letter before the host moves it to the poison queue. A
 * message that is not a row change at all is kept as a dead letter and not retried.
 */
public final class IngestQueueFunction {
    public static final String QUEUE = IngestQueue.NAME;

    private final QueuedChangeHandler changes;

    public IngestQueueFunction(QueuedChangeHandler changes) {
        this.changes = changes;
    }

    @FunctionName("ProcessIngestQueue")
    public void run(
        @QueueTrigger(name = "message", queueName = QUEUE, connection = "AzureWebJobsStorage") String message,
        @BindingName("DequeueCount") long dequeueCount,
        ExecutionContext context) {
        changes.handle(message, dequeueCount, new QueuedChangeLog(context.getLogger()));
    }
}
