package com.synapselinkhealth.functions;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.QueueTrigger;
import com.synapselinkhealth.app.LinkHealth;
import com.synapselinkhealth.dataverse.RowChange;
import com.synapselinkhealth.dataverse.json.RowChangeJson;
import com.synapselinkhealth.ingest.ProcessingResult;
import com.synapselinkhealth.readback.RowRefetch;
import com.synapselinkhealth.store.DeadLetter;
import java.util.function.Supplier;
import java.util.logging.Level;

/**
 * Processes the ingest queue: completes a change that came without its row data by reading the row back from
 * Dataverse ({@link RowRefetch}), runs the health rules on it and stores the events. A failure (throttling or a
 * server error on that read included)
 * throws, so the queue makes the message visible again and retries it; on the last try (the dequeue count
 * reaches {@code LINKHEALTH_MAX_DEQUEUE_COUNT}, equal to host.json's {@code maxDequeueCount}) the message is also
 * kept as a dead letter before the host moves it to the poison queue. A message that is not a row change at
 * all is kept as a dead letter and not retried.
 */
public final class IngestQueueFunction {
    public static final String QUEUE = "linkhealth-ingest";

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
        LinkHealth health = app.get();
        RowChange change;
        try {
            change = RowChangeJson.read(message);
        } catch (IllegalArgumentException e) {
            keep(health, "unreadable-message", e.getMessage(), message, dequeueCount);
            context.getLogger().log(Level.SEVERE, () -> "Ingest queue message is not a row change; kept as a dead letter: "
                + e.getMessage());
            return;
        }
        try {
            RowRefetch.Result completed = health.refetch().complete(change,
                dequeueCount >= health.settings().maxDequeueCount());
            if (completed.note() != null) {
                context.getLogger().log(completed.status() == RowRefetch.Status.COMPLETED ? Level.INFO : Level.WARNING,
                    completed.note());
            }
            ProcessingResult result = health.processor().process(completed.change());
            context.getLogger().info(() -> result.outcome() + " " + change.message() + " of " + change.table() + " row "
                + change.rowId() + ": " + result.events().size() + " event(s)"
                + (result.events().isEmpty() ? "" : " " + result.events().stream().map(e -> e.name().name()).toList()));
        } catch (RuntimeException e) {
            if (dequeueCount >= health.settings().maxDequeueCount()) {
                keep(health, "poison", "Gave up after " + dequeueCount + " attempts: " + e, message, dequeueCount);
                context.getLogger().log(Level.SEVERE, "Ingest message for " + change.table() + " row " + change.rowId()
                    + " failed on its last attempt and is poison; kept as a dead letter", e);
            } else {
                context.getLogger().log(Level.WARNING, "Ingest message for " + change.table() + " row " + change.rowId()
                    + " failed on attempt " + dequeueCount + "; the queue will retry it", e);
            }
            throw e;
        }
    }

    private static void keep(LinkHealth health, String reason, String detail, String message, long attempts) {
        health.deadLetters().put(DeadLetter.queueMessage(health.clock().instant(), "ingest-queue", reason, detail, attempts,
            message));
    }
}
