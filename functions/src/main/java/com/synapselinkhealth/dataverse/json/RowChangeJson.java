package com.synapselinkhealth.dataverse.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.synapselinkhealth.dataverse.MessageName;
import com.synapselinkhealth.dataverse.RowChange;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A parsed {@link RowChange} as one compact JSON document: the ingest queue's message format. Much smaller than
 * the Dataverse body it came from (no ParentContext, images merged), so it fits a Storage queue message.
 */
public final class RowChangeJson {
    /** Format version, so a newer processor can still read messages an older webhook queued. */
    public static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    private RowChangeJson() {
    }

    public static String write(RowChange c) {
        ObjectNode n = JSON.createObjectNode();
        n.put("v", VERSION);
        n.put("organization", c.organization());
        n.put("organizationId", str(c.organizationId()));
        n.put("message", c.message().value());
        n.put("table", c.table());
        n.put("rowId", c.rowId().toString());
        n.set("attributes", AttributesJson.write(c.attributes()));
        n.set("before", AttributesJson.write(c.before()));
        ObjectNode formatted = n.putObject("formattedValues");
        c.formattedValues().forEach(formatted::put);
        n.put("operationId", str(c.operationId()));
        n.put("operationKey", c.operationKey());
        n.put("correlationId", str(c.correlationId()));
        n.put("requestId", str(c.requestId()));
        n.put("depth", c.depth());
        n.put("stage", c.stage());
        n.put("mode", c.mode());
        n.put("operationCreatedOn", c.operationCreatedOn() == null ? null : c.operationCreatedOn().toString());
        n.put("sizeExceeded", c.sizeExceeded());
        return n.toString();
    }

    /** @throws IllegalArgumentException when the text is not a message this code wrote */
    public static RowChange read(String json) {
        JsonNode n;
        try {
            n = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the queue message is not JSON: " + e.getOriginalMessage(), e);
        }
        if (n == null || !n.isObject() || n.path("v").asInt() != VERSION) {
            throw new IllegalArgumentException("the queue message is not a version " + VERSION + " row change");
        }
        try {
            Map<String, String> formatted = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> f = n.path("formattedValues").fields();
            while (f.hasNext()) {
                Map.Entry<String, JsonNode> e = f.next();
                formatted.put(e.getKey(), e.getValue().asText());
            }
            return new RowChange(text(n, "organization"), uuid(n, "organizationId"),
                MessageName.of(text(n, "message")), text(n, "table"), uuid(n, "rowId"),
                AttributesJson.read(n.get("attributes")), AttributesJson.read(n.get("before")), formatted,
                uuid(n, "operationId"), text(n, "operationKey"), uuid(n, "correlationId"), uuid(n, "requestId"),
                n.path("depth").asInt(1), n.path("stage").asInt(40), n.path("mode").asInt(1),
                n.hasNonNull("operationCreatedOn") ? Instant.parse(text(n, "operationCreatedOn")) : null,
                n.path("sizeExceeded").asBoolean(false));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the queue message is not a readable row change: " + e.getMessage(), e);
        }
    }

    private static String str(UUID id) {
        return id == null ? null : id.toString();
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static UUID uuid(JsonNode n, String field) {
        String t = text(n, field);
        return t == null ? null : UUID.fromString(t);
    }
}
