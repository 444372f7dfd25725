package com.synapselinkhealth.functions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.azure.functions.ExecutionContext;
import com.synapselinkhealth.config.Settings;
import com.synapselinkhealth.dataverse.MalformedCallbackException;
import com.synapselinkhealth.dataverse.RowChange;
import com.synapselinkhealth.dataverse.TransportHints;
import com.synapselinkhealth.ingest.CallbackIntake;
import com.synapselinkhealth.ingest.IntakeResult;
import com.synapselinkhealth.ingest.ProcessingResult;
import com.synapselinkhealth.ingest.QueuedChangeHandler;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;

/**
 * The service-endpoint contract: a Dataverse {@code RemoteExecutionContext} in a Service Bus message (Json
 * message format), with the Dataverse claims as application properties. Service Bus is already a durable
 * queue, so an accepted change is processed at once; a failure throws and Service Bus redelivers (and
 * dead-letters after its MaxDeliveryCount). A message this service cannot use (binary or text XML format, a
 * malformed body, another organization) is logged, kept as a dead letter, and completed: retrying would not help.
 *
 * <p><b>Binding.</b> The Functions host sends the Java worker a trigger-metadata member only when its value is not
 * null, and the worker fails an invocation whose {@code @BindingName} names an absent member, before any code runs.
 * So the functions bind only what every message has: the body, {@link #PROPERTIES_METADATA} (a dictionary, {@code {}}
 * when the message has none, sent as JSON and bound as its text) and {@link #SEQUENCE_METADATA} (set by the broker).
 * The message format is read from the body itself, not from the optional ContentType: JSON starts with {@code {}
 * (after white space or a byte order mark), the Text XML format with {@code <}, and anything else (the Binary XML
 * format) is neither.
 */
final class ServiceBusCallbacks {
    /** The trigger metadata member holding the message's application properties (as JSON). */
    static final String PROPERTIES_METADATA = "ApplicationProperties";
    /** The trigger metadata member holding the broker's sequence number of the message. */
    static final String SEQUENCE_METADATA = "SequenceNumber";
    static final String CLAIM_PREFIX = "http://schemas.microsoft.com/xrm/2011/Claims/";
    static final String ORGANIZATION_CLAIM = CLAIM_PREFIX + "Organization";
    static final String ENTITY_CLAIM = CLAIM_PREFIX + "EntityLogicalName";
    static final String REQUEST_CLAIM = CLAIM_PREFIX + "RequestName";
    static final String SIZE_EXCEEDED_PROPERTY = "MessageMaxSizeExceeded";

    private static final ObjectMapper JSON = HttpJson.MAPPER;

    private final CallbackIntake intake;
    private final QueuedChangeHandler changes;
    private final Settings settings;

    /** @param settings read on each message for {@code LINKHEALTH_EXPECTED_ORGANIZATION} */
    ServiceBusCallbacks(CallbackIntake intake, QueuedChangeHandler changes, Settings settings) {
        this.intake = intake;
        this.changes = changes;
        this.settings = settings;
    }

    void handle(String source, byte[] body, String applicationProperties, String sequenceNumber,
                       ExecutionContext context) {
        String messageId = "#" + (sequenceNumber == null || sequenceNumber.isBlank() ? "?" : sequenceNumber.strip());
        Map<String, String> props = Headers.strings(properties(applicationProperties, messageId, context));
        String contentType = null; // not bound (see the class comment); the body says what it is
        MalformedCallbackException notJson = notJson(body);
        if (notJson != null) {
            refuse(source, notJson, body, contentType, props, messageId, context);
            return;
        }
        String organization = props.get(ORGANIZATION_CLAIM);
        String expected = settings.expectedOrganization();
        if (expected != null && (organization == null || !sameOrganization(expected, organization))) {
            MalformedCallbackException problem = MalformedCallbackException.invalidValue(ORGANIZATION_CLAIM,
                "The message's Organization claim '" + organization + "' is not the expected organization '" + expected
                    + "' (" + "LINKHEALTH_EXPECTED_ORGANIZATION).");
            refuse(source, problem, body, contentType, props, messageId, context);
            return;
        }
        boolean sizeExceeded = props.containsKey(SIZE_EXCEEDED_PROPERTY)
            && !"false".equalsIgnoreCase(props.get(SIZE_EXCEEDED_PROPERTY));
        IntakeResult result = intake.accept(source, body, contentType, props,
            new TransportHints(organization, sizeExceeded));
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
        ProcessingResult processed = changes.process(change, false,
            completed -> QueuedChangeLog.refetched(context.getLogger(), completed));
        context.getLogger().info(() -> processed.outcome() + " " + change.message() + " of " + change.table() + " row "
            + change.rowId() + " from Service Bus message " + messageId + ": " + processed.events().size() + " event(s)"
            + (change.sizeExceeded() ? "; Dataverse dropped the row data (MessageMaxSizeExceeded)" : ""));
    }

    /**
     * The application properties as the host sent them (a JSON object), or none: a message without properties, or
     * metadata that is not an object, is judged on its body alone (a missing claim is not a reason to drop it).
     */
    static Map<String, Object> properties(String json, String messageId, ExecutionContext context) {
        Map<String, Object> properties = new LinkedHashMap<>();
        if (json == null || json.isBlank()) {
            return properties;
        }
        try {
            JsonNode node = JSON.readTree(json);
            if (node != null && node.isObject()) {
                node.properties().forEach(e -> {
                    JsonNode v = e.getValue();
                    if (v != null && !v.isNull()) {
                        properties.put(e.getKey(), v.isValueNode() ? v.asText() : v.toString());
                    }
                });
                return properties;
            }
        } catch (JsonProcessingException e) {
            // reported below
        }
        context.getLogger().warning(() -> "Service Bus message " + messageId + ": its application properties are not a "
            + "JSON object; judging it on its body alone.");
        return properties;
    }

    /** Why the body cannot be a JSON message, or null when it may be one (the parser then decides). */
    static MalformedCallbackException notJson(byte[] body) {
        if (body == null) {
            return null;
        }
        int i = body.length >= 3 && body[0] == (byte) 0xEF && body[1] == (byte) 0xBB && body[2] == (byte) 0xBF ? 3 : 0;
        while (i < body.length && (body[i] == ' ' || body[i] == '\t' || body[i] == '\r' || body[i] == '\n')) {
            i++;
        }
        if (i == body.length || body[i] == '{' || body[i] == '[') {
            return null;
        }
        if (body[i] == '<') {
            return MalformedCallbackException.unsupportedFormat("The message body is XML (the Text XML message format); "
                + "register the service endpoint with the Json message format.");
        }
        return MalformedCallbackException.unsupportedFormat(String.format(
            "The message body is not JSON (it starts with the byte 0x%02X, as the Binary XML message format does); "
                + "register the service endpoint with the Json message format.", body[i] & 0xFF));
    }

    private void refuse(String source, MalformedCallbackException problem, byte[] body,
                               String contentType, Map<String, String> props, String messageId, ExecutionContext context) {
        String id = intake.keep(source, problem, body, contentType, props);
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
