package com.synapselinkhealth.functions;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.QueueTrigger;
import com.synapselinkhealth.app.LinkHealth;
import com.synapselinkhealth.ingest.QueuedChangeHandler;
import java.util.function.Supplier;

/**
 * Processes the ingest queue ({@link QueuedChangeHandler}): completes a change that came without its row data by
 * reading the row back from Dataverse, runs the health rules on it and stores the events. A failure (throttling or a
 * server error on that read included) throws, so the queue makes the message visible again and retries it; on the
 * last try (the dequeue count reaches {@code LINKHEALTH_MAX_DEQUEUE_COUNT}, equal to host.json's
 * {@code maxDequeueCount}) the message is also kept as a dead letter before the host moves it to the poison queue. A
 * message that is not a row change at all is kept as a dead letter and not retried.
 */
public final class IngestQueueFunction {
    public static final String QUEUE = LinkHealth.INGEST_QUEUE;

    private final Supplier<LinkHealth> app;

    public IngestQueueFunction() {
        this(LinkHealth::shared);
    }

    public IngestQueueFunction(Supplier<LinkHealth> app) {
        this.app = app;
    }

    @FunctionName("ProcessIngestQueue")
    public void run(
        @QueueTrigger(name = "message", queueName = QUEUE, connection = "AzureWebJobsStorage") String message,
        @BindingName("DequeueCount") long dequeueCount,
        ExecutionContext context) {
        app.get().queuedChanges().handle(message, dequeueCount, new QueuedChangeLog(context.getLogger()));
    }
}
