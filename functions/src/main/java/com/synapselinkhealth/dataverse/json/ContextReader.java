package com.synapselinkhealth.dataverse.json;

import static com.synapselinkhealth.dataverse.json.DataContractFields.keyValues;
import static com.synapselinkhealth.dataverse.json.DataContractFields.optionalDate;
import static com.synapselinkhealth.dataverse.json.DataContractFields.optionalGuid;
import static com.synapselinkhealth.dataverse.json.DataContractFields.optionalText;
import static com.synapselinkhealth.dataverse.json.ErrorText.clip;
import static com.synapselinkhealth.dataverse.json.ErrorText.describe;

import com.fasterxml.jackson.databind.JsonNode;
import com.synapselinkhealth.dataverse.AttributeValue;
import com.synapselinkhealth.dataverse.Attributes;
import com.synapselinkhealth.dataverse.Guids;
import com.synapselinkhealth.dataverse.MalformedCallbackException;
import com.synapselinkhealth.dataverse.MessageName;
import com.synapselinkhealth.dataverse.RowChange;
import com.synapselinkhealth.dataverse.TransportHints;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Walks one parsed RemoteExecutionContext into a {@link RowChange}: the context's own fields, the
 * {@code InputParameters} Target, the Pre- and PostEntityImages and the {@code OutputParameters} id of a Create, each
 * attribute decoded by {@link AttributeValueDecoder}.
 */
final class ContextReader {
    private static final Pattern LOGICAL_NAME = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]{0,127}$");

    private final JsonNode root;
    private final TransportHints hints;
    private final byte[] body;

    ContextReader(JsonNode root, TransportHints hints, byte[] body) {
        this.root = root;
        this.hints = hints == null ? TransportHints.NONE : hints;
        this.body = body;
    }

    RowChange read() {
        MessageName message = MessageName.of(requiredText("MessageName"));
        String table = requiredText("PrimaryEntityName");
        if (!LOGICAL_NAME.matcher(table).matches()) {
            throw MalformedCallbackException.invalidValue("PrimaryEntityName",
                "PrimaryEntityName '" + clip(table) + "' is not a Dataverse logical name.");
        }
        UUID primaryId = optionalGuid(root, "PrimaryEntityId");
        UUID operationId = optionalGuid(root, "OperationId");
        UUID correlationId = optionalGuid(root, "CorrelationId");
        UUID requestId = optionalGuid(root, "RequestId");
        UUID organizationId = optionalGuid(root, "OrganizationId");
        for (String idField : new String[] {"BusinessUnitId", "UserId", "InitiatingUserId"}) {
            optionalGuid(root, idField);
        }
        int depth = optionalInt("Depth", 1);
        int stage = optionalInt("Stage", 40);
        int mode = optionalInt("Mode", 1);
        optionalInt("IsolationMode", 0);
        Instant createdOn = optionalDate(root, "OperationCreatedOn");
        String organizationName = optionalText(root, "OrganizationName");

        Attributes target = Attributes.empty();
        Map<String, String> formatted = new LinkedHashMap<>();
        JsonNode targetNode = parameter("InputParameters", "Target");
        UUID targetId = null;
        if (targetNode != null && !targetNode.isNull()) {
            if (!targetNode.isObject()) {
                throw MalformedCallbackException.wrongShape("InputParameters.Target",
                    "InputParameters.Target must be an Entity or EntityReference object, not " + describe(targetNode) + ".");
            }
            checkLogicalName(targetNode, table, "InputParameters.Target");
            targetId = optionalGuid(targetNode, "Id", "InputParameters.Target.Id");
            if (targetNode.has("Attributes")) {
                target = attributes(targetNode, "InputParameters.Target");
                formatted(targetNode, "InputParameters.Target", formatted);
            }
        }
        Attributes post = Attributes.empty();
        Map<String, String> postFormatted = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> image : images("PostEntityImages")) {
            String path = "PostEntityImages[" + image.getKey() + "]";
            checkLogicalName(image.getValue(), table, path);
            post = attributes(image.getValue(), path).overlaidWith(post);
            formatted(image.getValue(), path, postFormatted);
        }
        Attributes pre = Attributes.empty();
        Map<String, String> preFormatted = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> image : images("PreEntityImages")) {
            String path = "PreEntityImages[" + image.getKey() + "]";
            checkLogicalName(image.getValue(), table, path);
            pre = attributes(image.getValue(), path).overlaidWith(pre);
            formatted(image.getValue(), path, preFormatted);
        }

        UUID rowId = primaryId;
        if (rowId == null || rowId.equals(Guids.EMPTY)) {
            UUID created = outputId();
            rowId = created != null ? created : targetId;
        }
        if (rowId == null || rowId.equals(Guids.EMPTY)) {
            throw MalformedCallbackException.wrongShape("PrimaryEntityId",
                "PrimaryEntityId is missing: the callback does not say which row changed.");
        }

        Attributes current = message.isDelete() ? pre
            : Attributes.builder().putAll(pre).putAll(post).putAll(target).build();
        Map<String, String> mergedFormatted = new LinkedHashMap<>(preFormatted);
        if (!message.isDelete()) {
            mergedFormatted.putAll(postFormatted);
            mergedFormatted.putAll(formatted);
        }
        String organization = organizationName != null && !organizationName.isBlank() ? organizationName
            : hints.organization() != null ? hints.organization()
            : organizationId != null ? organizationId.toString() : null;
        String operationKey = operationId != null ? operationId.toString() : "sha256:" + digest(body);
        return new RowChange(organization, organizationId, message, table, rowId, current, pre, mergedFormatted,
            operationId, operationKey, correlationId, requestId, depth, stage, mode, createdOn, hints.sizeExceeded());
    }

    private String requiredText(String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            throw MalformedCallbackException.wrongShape(field,
                field + " is missing; is this a Dataverse RemoteExecutionContext?");
        }
        if (!node.isTextual() || node.textValue().isBlank()) {
            throw MalformedCallbackException.invalidValue(field, field + " must be a non-empty string, not " + describe(node) + ".");
        }
        return node.textValue();
    }

    private int optionalInt(String field, int fallback) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw MalformedCallbackException.invalidValue(field, field + " must be a whole number, not " + describe(node) + ".");
        }
        return node.intValue();
    }

    private JsonNode parameter(String collection, String key) {
        for (Map.Entry<String, JsonNode> entry : keyValues(root.get(collection), collection)) {
            if (key.equals(entry.getKey())) {
                return entry.getValue();
            }
        }
        return null;
    }

    private UUID outputId() {
        JsonNode id = parameter("OutputParameters", "id");
        if (id == null || id.isNull()) {
            return null;
        }
        AttributeValue v = AttributeValueDecoder.decode(id, "OutputParameters[id]");
        if (v instanceof AttributeValue.Guid g) {
            return g.value();
        }
        if (v instanceof AttributeValue.Text t) {
            return Guids.parse(t.value()).orElseThrow(() -> MalformedCallbackException.invalidValue(
                "OutputParameters[id]", "OutputParameters id '" + clip(t.value()) + "' is not a GUID."));
        }
        throw MalformedCallbackException.invalidValue("OutputParameters[id]", "OutputParameters id must be a GUID.");
    }

    private List<Map.Entry<String, JsonNode>> images(String collection) {
        List<Map.Entry<String, JsonNode>> images = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : keyValues(root.get(collection), collection)) {
            JsonNode entity = entry.getValue();
            if (entity == null || entity.isNull()) {
                continue;
            }
            if (!entity.isObject()) {
                throw MalformedCallbackException.wrongShape(collection + "[" + entry.getKey() + "]",
                    collection + " '" + clip(entry.getKey()) + "' must be an Entity object, not " + describe(entity) + ".");
            }
            images.add(entry);
        }
        return images;
    }

    private void checkLogicalName(JsonNode entity, String table, String path) {
        JsonNode name = entity.get("LogicalName");
        if (name == null || name.isNull()) {
            return;
        }
        if (!name.isTextual()) {
            throw MalformedCallbackException.invalidValue(path + ".LogicalName",
                path + ".LogicalName must be a string, not " + describe(name) + ".");
        }
        if (!name.textValue().equals(table)) {
            throw MalformedCallbackException.wrongShape(path + ".LogicalName", path + ".LogicalName '"
                + clip(name.textValue()) + "' does not match PrimaryEntityName '" + table + "'.");
        }
    }

    private Attributes attributes(JsonNode entity, String path) {
        Attributes.Builder values = Attributes.builder();
        for (Map.Entry<String, JsonNode> kv : keyValues(entity.get("Attributes"), path + ".Attributes")) {
            values.put(kv.getKey(), AttributeValueDecoder.decode(kv.getValue(), kv.getKey(), path));
        }
        return values.build();
    }

    private void formatted(JsonNode entity, String path, Map<String, String> into) {
        for (Map.Entry<String, JsonNode> kv : keyValues(entity.get("FormattedValues"), path + ".FormattedValues")) {
            JsonNode v = kv.getValue();
            if (v == null || v.isNull()) {
                continue;
            }
            if (!v.isValueNode()) {
                throw MalformedCallbackException.invalidValue(path + ".FormattedValues[" + kv.getKey() + "]",
                    "A formatted value must be a string, not " + describe(v) + ".");
            }
            into.put(kv.getKey(), v.asText());
        }
    }

    private static String digest(byte[] body) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(body);
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
