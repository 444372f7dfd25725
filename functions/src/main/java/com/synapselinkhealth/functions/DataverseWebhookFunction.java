package com.synapselinkhealth.functions;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.OutputBinding;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import com.microsoft.azure.functions.annotation.QueueOutput;
import com.synapselinkhealth.dataverse.RowChange;
import com.synapselinkhealth.dataverse.TransportHints;
import com.synapselinkhealth.ingest.CallbackIntake;
import com.synapselinkhealth.ingest.IntakeResult;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;

/**
 * {@code POST /api/dataverse/webhook}: the Dataverse webhook receiver (register it with {@code WebhookKey} auth
 * and the function key). Parses the whole body before answering: a usable change is put on the ingest queue and
 * answered 202 at once; a body it cannot use is answered 4xx with a problem document (so Dataverse's system job
 * records the failure) and kept as a dead letter; a row of another table gets 200 "ignored".
 */
public final class DataverseWebhookFunction {
    public static final String ROUTE = "dataverse/webhook";
    static final String SIZE_EXCEEDED_HEADER = "x-ms-dynamics-msg-size-exceeded";

    private final CallbackIntake intake;

    public DataverseWebhookFunction(CallbackIntake intake) {
        this.intake = intake;
    }

    @FunctionName("DataverseWebhook")
    public HttpResponseMessage run(
        @HttpTrigger(name = "request", methods = {HttpMethod.POST}, route = ROUTE,
            authLevel = AuthorizationLevel.FUNCTION, dataType = "binary")
        HttpRequestMessage<Optional<byte[]>> request,
        @QueueOutput(name = "ingest", queueName = IngestQueueFunction.QUEUE, connection = "AzureWebJobsStorage")
        OutputBinding<String> ingest,
        ExecutionContext context) {
        Map<String, String> headers = Headers.caseInsensitive(request.getHeaders());
        byte[] body = request.getBody() == null ? null : request.getBody().orElse(null);
        TransportHints hints = new TransportHints(headers.get("x-ms-dynamics-organization"),
            headers.containsKey(SIZE_EXCEEDED_HEADER));
        IntakeResult result = intake.accept("webhook", body, headers.get("content-type"), headers, hints);
        if (result instanceof IntakeResult.Accepted accepted) {
            ingest.setValue(accepted.queueMessage());
            RowChange change = accepted.change();
            context.getLogger().info(() -> "Accepted " + change.message() + " of " + change.table() + " row "
                + change.rowId() + " (operation " + change.operationKey() + ")"
                + (change.sizeExceeded() ? "; Dataverse dropped the row data (size exceeded)" : ""));
            return WebhookAnswers.accepted(request, change);
        }
        if (result instanceof IntakeResult.Ignored ignored) {
            return WebhookAnswers.ignored(request, ignored.table());
        }
        IntakeResult.Rejected rejected = (IntakeResult.Rejected) result;
        context.getLogger().log(Level.WARNING, () -> "Rejected a webhook callback (" + rejected.problem().kind() + "): "
            + rejected.problem().getMessage() + " Kept as dead letter " + rejected.deadLetterId() + ".");
        return Problems.respond(request, Problems.statusOf(rejected.problem().kind()),
            Problems.forCallback(rejected.problem(), rejected.deadLetterId()));
    }
}
