package com.synapselinkhealth.functions;

import com.microsoft.azure.functions.ExecutionContext;
import com.synapselinkhealth.app.LinkHealth;
import com.synapselinkhealth.dataverse.MalformedCallbackException;
import com.synapselinkhealth.dataverse.RowChange;
import com.synapselinkhealth.dataverse.TransportHints;
import com.synapselinkhealth.ingest.IntakeResult;
import com.synapselinkhealth.ingest.ProcessingResult;
import com.synapselinkhealth.reconcile.RowRefetch;
import java.util.Map;
import java.util.logging.Level;

/**
 * The service-endpoint contract: a Dataverse {@code RemoteExecutionContext} in a Service Bus message (Json
 * message format), with the Dataverse claims as application properties. Service Bus is already a durable
 * queue, so an accepted change is processed at once; a failure throws and Service Bus redelivers (and
 * dead-letters after its MaxDeliveryCount). A message this service cannot use (binary or text XML format, a
 * malformed body, another organization) is logged, kept as a dead letter, and completed: retrying would not help.
 */
final class ServiceBusCallbacks {
    static final String CLAIM_PREFIX = "http://schemas.microsoft.com/xrm/2011/Claims/";
    static final String ORGANIZATION_CLAIM = CLAIM_PREFIX + "Organization";
    static final String ENTITY_CLAIM = CLAIM_PREFIX + "EntityLogicalName";
    static final String REQUEST_CLAIM = CLAIM_PREFIX + "RequestName";
    static final String SIZE_EXCEEDED_PROPERTY = "MessageMaxSizeExceeded";

    private ServiceBusCallbacks() {
    }

    static void handle(LinkHealth app, String source, byte[] body, String contentType, Map<String, Object> properties,
                       String messageId, ExecutionContext context) {
        Map<String, String> props = Headers.strings(properties);
        String organization = props.get(ORGANIZATION_CLAIM);
        String expected = app.settings().expectedOrganization();
        if (expected != null && (organization == null || !sameOrganization(expected, organization))) {
            MalformedCallbackException problem = MalformedCallbackException.invalidValue(ORGANIZATION_CLAIM,
                "The message's Organization claim '" + organization + "' is not the expected organization '" + expected
                    + "' (" + "LINKHEALTH_EXPECTED_ORGANIZATION).");
            refuse(app, source, problem, body, contentType, props, messageId, context);
            return;
        }
        boolean sizeExceeded = props.containsKey(SIZE_EXCEEDED_PROPERTY)
            && !"false".equalsIgnoreCase(props.get(SIZE_EXCEEDED_PROPERTY));
        IntakeResult result = app.intake().accept(source, body, contentType, props, new TransportHints(organization, sizeExceeded));
        if (result instanceof IntakeResult.Rejected rejected) {
            context.getLogger().log(Level.WARNING, () -> "Refused Service Bus message " + messageId + " ("
                + rejected.problem().kind() + "): " + rejected.problem().getMessage() + " Kept as dead letter "
                + rejected.deadLetterId() + "; the message is completed, not retried.");
            return;
        }
        if (result instanceof IntakeResult.Ignored ignored) {
            context.getLogger().info(() -> "Ignored Service Bus message " + messageId + ": '" + ignored.table()
                + "' is not a Synapse Link state table.");
            return;
        }
        RowChange change = ((IntakeResult.Accepted) result).change();
        String claimedTable = props.get(ENTITY_CLAIM);
        if (claimedTable != null && !claimedTable.equalsIgnoreCase(change.table())) {
            context.getLogger().warning(() -> "Service Bus message " + messageId + " claims table '" + claimedTable
                + "' but its body is for '" + change.table() + "'; using the body.");
        }
        RowRefetch.Result completed = app.refetch().complete(change, false);
        if (completed.note() != null) {
            context.getLogger().log(completed.status() == RowRefetch.Status.COMPLETED ? Level.INFO : Level.WARNING,
                completed.note());
        }
        ProcessingResult processed = app.processor().process(completed.change());
        context.getLogger().info(() -> processed.outcome() + " " + change.message() + " of " + change.table() + " row "
            + change.rowId() + " from Service Bus: " + processed.events().size() + " event(s)"
            + (change.sizeExceeded() ? "; Dataverse dropped the row data (MessageMaxSizeExceeded)" : ""));
    }

    private static void refuse(LinkHealth app, String source, MalformedCallbackException problem, byte[] body,
                               String contentType, Map<String, String> props, String messageId, ExecutionContext context) {
        String id = app.intake().keep(source, problem, body, contentType, props);
        context.getLogger().log(Level.WARNING, () -> "Refused Service Bus message " + messageId + ": "
            + problem.getMessage() + " Kept as dead letter " + id + ".");
    }

    /** The claim holds the organization's URL or name; either form of the expected one matches. */
    static boolean sameOrganization(String expected, String claim) {
        String a = normalize(expected);
        String b = normalize(claim);
        return a.equals(b) || b.startsWith(a + ".") || a.startsWith(b + ".");
    }

    private static String normalize(String org) {
        String s = org.trim().toLowerCase(java.util.Locale.ROOT);
        s = s.replaceFirst("^https?://", "");
        int slash = s.indexOf('/');
        return slash < 0 ? s : s.substring(0, slash);
    }
}
