package com.synapselinkhealth.dataverse.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.synapselinkhealth.dataverse.AttributeValue;
import com.synapselinkhealth.dataverse.Attributes;
import com.synapselinkhealth.dataverse.EntityReference;
import com.synapselinkhealth.dataverse.Guids;
import com.synapselinkhealth.dataverse.MalformedCallbackException;
import com.synapselinkhealth.dataverse.MessageName;
import com.synapselinkhealth.dataverse.RowChange;
import com.synapselinkhealth.dataverse.TransportHints;
import com.synapselinkhealth.dataverse.WcfDate;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
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
 * Reads the JSON form of {@code Microsoft.Xrm.Sdk.RemoteExecutionContext} (webhook body, or a Service Bus
 * message body in the Json message format) into a {@link RowChange}. Tolerant of what Dataverse may add
 * (unknown fields are ignored), strict about what it relies on: every problem becomes a
 * {@link MalformedCallbackException} that names the field.
 */
public final class RemoteExecutionContextParser {
    /** Deeper than any real context (ParentContext chains stop at depth 8), shallow enough to be harmless. */
    static final int MAX_NESTING_DEPTH = 128;
    static final int MAX_NUMBER_LENGTH = 100;
    private static final int MAX_DECIMAL_SCALE = 100;
    private static final Pattern LOGICAL_NAME = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]{0,127}$");

    private final ObjectReader reader;

    public RemoteExecutionContextParser() {
        this(4 * 1024 * 1024);
    }

    /** @param maxStringLength the longest JSON string accepted, in characters */
    public RemoteExecutionContextParser(int maxStringLength) {
        JsonFactory factory = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING_DEPTH)
                .maxNumberLength(MAX_NUMBER_LENGTH)
                .maxStringLength(maxStringLength)
                .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
        ObjectMapper mapper = JsonMapper.builder(factory)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();
        this.reader = mapper.reader();
    }

    /** Parses a body; the hints come from the transport (headers or message properties). */
    public RowChange parse(byte[] body, TransportHints hints) {
        JsonNode root = readJson(body);
        if (!root.isObject()) {
            throw MalformedCallbackException.wrongShape("$",
                "The body must be a JSON object (a RemoteExecutionContext), not " + describe(root) + ".");
        }
        return new ContextReader(root, hints, body).read();
    }

    JsonNode readJson(byte[] body) {
        if (body == null || body.length == 0) {
            throw MalformedCallbackException.notJson("The body is empty; expected a RemoteExecutionContext JSON object.", null);
        }
        int first = body[0] & 0xFF;
        if (first == 0x00 || first == 0xFE || first == 0xFF || (body.length > 1 && body[1] == 0x00)) {
            throw MalformedCallbackException.notJson("The body is not UTF-8 encoded JSON.", null);
        }
        try (JsonParser parser = reader.createParser(body)) {
            JsonNode node = reader.readTree(parser);
            if (node == null || node.isMissingNode()) {
                throw MalformedCallbackException.notJson("The body holds no JSON value.", null);
            }
            return node;
        } catch (StreamConstraintsException e) {
            throw MalformedCallbackException.tooComplex(
                "The JSON is more complex than any Dataverse callback: " + firstLine(e.getOriginalMessage()), e);
        } catch (JsonProcessingException e) {
            throw MalformedCallbackException.notJson("The body is not valid JSON: " + firstLine(e.getOriginalMessage())
                + location(e), e);
        } catch (NumberFormatException e) {
            // Jackson's BigDecimal reading refuses numbers like 1E+2147483648 (exponent overflow) with this exception.
            throw MalformedCallbackException.tooComplex(
                "The JSON holds a number outside any range a Dataverse column has.", e);
        } catch (IOException e) {
            throw MalformedCallbackException.notJson("The body could not be read as JSON: " + firstLine(e.getMessage()), e);
        }
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null ? "" : " (at byte " + e.getLocation().getByteOffset() + ")";
    }

    /** The parser's message, first line only, without the names of Jackson's classes and settings. */
    static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int nl = message.indexOf('\n');
        String line = nl < 0 ? message : message.substring(0, nl);
        if (line.startsWith("Trailing token")) {
            line = "there is more data after the JSON value";
        }
        line = line.replaceAll("\\s*\\(bound as `[^`]*`\\)", "")
            .replaceAll(":? ?(not allowed as per|use) `[^`]*`[^.;]*", "")
            .replaceAll("\\s*\\(`[^`]*` [^)]*\\)", "")
            .replaceAll(", from `[^`]*`", "")
            .replaceAll("`[a-z]+(\\.[a-zA-Z0-9_$]+)+`", "")
            .replace("Source: REDACTED", "")
            .replaceAll("\\s{2,}", " ").trim();
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }

    static String describe(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> "a " + node.getNodeType().name().toLowerCase();
        };
    }

    /** Walks one parsed context. */
    private static final class ContextReader {
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
            AttributeValue v = Values.decode(id, "OutputParameters[id]");
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
                values.put(kv.getKey(), Values.decode(kv.getValue(), kv.getKey(), path));
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
    }

    /**
     * The {@code [{"key": ..., "value": ...}]} collections of the SDK's DataContract serialization
     * (ParameterCollection, AttributeCollection, EntityImageCollection, FormattedValueCollection).
     */
    static List<Map.Entry<String, JsonNode>> keyValues(JsonNode node, String path) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw MalformedCallbackException.wrongShape(path,
                path + " must be an array of {\"key\", \"value\"} objects, not " + describe(node) + ".");
        }
        List<Map.Entry<String, JsonNode>> entries = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            JsonNode key = item.get("key");
            if (!item.isObject() || key == null || !key.isTextual()) {
                throw MalformedCallbackException.wrongShape(path + "[" + i + "]",
                    path + "[" + i + "] must be an object with a string \"key\" and a \"value\".");
            }
            JsonNode value = item.get("value");
            entries.add(Map.entry(key.textValue(), value == null ? com.fasterxml.jackson.databind.node.NullNode.getInstance() : value));
        }
        return entries;
    }

    static UUID optionalGuid(JsonNode parent, String field) {
        return optionalGuid(parent, field, field);
    }

    static UUID optionalGuid(JsonNode parent, String field, String path) {
        JsonNode node = unwrap(parent.get(field));
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw MalformedCallbackException.invalidValue(path, path + " must be a GUID string, not " + describe(node) + ".");
        }
        return Guids.parse(node.textValue()).orElseThrow(() -> MalformedCallbackException.invalidValue(path,
            path + " '" + clip(node.textValue()) + "' is not a GUID."));
    }

    static Instant optionalDate(JsonNode parent, String field) {
        JsonNode node = unwrap(parent.get(field));
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw MalformedCallbackException.invalidValue(field, field + " must be a /Date(ms)/ string, not " + describe(node) + ".");
        }
        String text = node.textValue();
        return WcfDate.parse(text).orElseThrow(() -> MalformedCallbackException.invalidValue(field,
            field + " '" + clip(text) + "' is not a valid /Date(ms)/ value."));
    }

    /** The {@code {"__type": "...", "__value": ...}} wrapper of a system type, or the node itself. */
    private static JsonNode unwrap(JsonNode node) {
        return node != null && node.isObject() && node.has("__value") ? node.get("__value") : node;
    }

    static String optionalText(JsonNode parent, String field) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw MalformedCallbackException.invalidValue(field, field + " must be a string, not " + describe(node) + ".");
        }
        return node.textValue();
    }

    static String clip(String text) {
        String oneLine = text.replaceAll("[\\p{Cntrl}]", "?");
        return oneLine.length() > 80 ? oneLine.substring(0, 80) + "..." : oneLine;
    }

    private static String digest(byte[] body) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(body);
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** Attribute values: the DataContract JSON encodings of the SDK types. */
    static final class Values {
        private Values() {
        }

        /** Decodes a column's value; the error path ({@code <entity>.Attributes[<column>]}) is built only on error. */
        static AttributeValue decode(JsonNode node, String column, String entityPath) {
            switch (node.getNodeType()) {
                case NULL:
                case MISSING:
                    return AttributeValue.Null.INSTANCE;
                case BOOLEAN:
                    return new AttributeValue.Bool(node.booleanValue());
                case STRING:
                    if (!WcfDate.looksLikeOne(node.textValue())) {
                        return new AttributeValue.Text(node.textValue());
                    }
                    break;
                case NUMBER:
                    if (node.isIntegralNumber() && node.canConvertToLong()) {
                        return new AttributeValue.WholeNumber(node.longValue());
                    }
                    break;
                case OBJECT:
                    AttributeValue common = commonObject(node);
                    if (common != null) {
                        return common;
                    }
                    break;
                default:
                    break;
            }
            return decode(node, entityPath + ".Attributes[" + column + "]");
        }

        /** The two object forms nearly every state-table column uses, when well-formed; else null (full checks run). */
        private static AttributeValue commonObject(JsonNode node) {
            String type = typeName(node);
            if (type.equals("OptionSetValue")) {
                JsonNode value = node.get("Value");
                return value != null && value.isIntegralNumber() && value.canConvertToInt()
                    ? new AttributeValue.OptionSet(value.intValue()) : null;
            }
            if (type.equals("EntityReference")) {
                JsonNode id = node.get("Id");
                JsonNode logicalName = node.get("LogicalName");
                if (id == null || !id.isTextual() || logicalName == null || !logicalName.isTextual()
                    || logicalName.textValue().isBlank()) {
                    return null;
                }
                UUID uuid = Guids.parse(id.textValue()).orElse(null);
                if (uuid == null) {
                    return null;
                }
                JsonNode name = node.get("Name");
                return new AttributeValue.Reference(new EntityReference(logicalName.textValue(), uuid,
                    name != null && name.isTextual() ? name.textValue() : null));
            }
            return null;
        }

        static AttributeValue decode(JsonNode node, String path) {
            switch (node.getNodeType()) {
                case NULL:
                case MISSING:
                    return AttributeValue.Null.INSTANCE;
                case STRING:
                    return text(node.textValue(), path);
                case BOOLEAN:
                    return new AttributeValue.Bool(node.booleanValue());
                case NUMBER:
                    return number(node, path);
                case ARRAY:
                    return array(node, path);
                case OBJECT:
                    return object(node, path);
                default:
                    return new AttributeValue.Other(node.getNodeType().name(), node.toString());
            }
        }

        private static AttributeValue text(String text, String path) {
            if (WcfDate.looksLikeOne(text)) {
                return new AttributeValue.DateTime(WcfDate.parse(text).orElseThrow(() ->
                    MalformedCallbackException.invalidValue(path, path + " '" + clip(text) + "' is not a valid /Date(ms)/ value.")));
            }
            return new AttributeValue.Text(text);
        }

        private static AttributeValue number(JsonNode node, String path) {
            if (node.isIntegralNumber()) {
                if (!node.canConvertToLong()) {
                    throw MalformedCallbackException.invalidValue(path, path + " is a whole number too large for a Dataverse column.");
                }
                return new AttributeValue.WholeNumber(node.longValue());
            }
            BigDecimal value = decimal(node, path);
            return new AttributeValue.DecimalNumber(value);
        }

        private static BigDecimal decimal(JsonNode node, String path) {
            if (!node.isNumber()) {
                throw MalformedCallbackException.invalidValue(path, path + " must be a number, not " + describe(node) + ".");
            }
            if (node.isIntegralNumber()) {
                if (!node.canConvertToLong()) {
                    throw MalformedCallbackException.invalidValue(path, path + " is a number too large for a Dataverse column.");
                }
                return BigDecimal.valueOf(node.longValue());
            }
            BigDecimal value = node.decimalValue();
            if (Math.abs(value.scale()) > MAX_DECIMAL_SCALE || value.precision() - value.scale() > MAX_DECIMAL_SCALE) {
                throw MalformedCallbackException.invalidValue(path, path + " is a number out of any Dataverse column's range.");
            }
            return value;
        }

        private static AttributeValue array(JsonNode node, String path) {
            List<Integer> options = new ArrayList<>(node.size());
            for (int i = 0; i < node.size(); i++) {
                JsonNode item = node.get(i);
                if (!item.isObject() || !typeName(item).equals("OptionSetValue")) {
                    return new AttributeValue.Other("Array", node.toString());
                }
                options.add(optionValue(item, path + "[" + i + "]"));
            }
            return new AttributeValue.MultiOptionSet(options);
        }

        private static AttributeValue object(JsonNode node, String path) {
            String type = typeName(node);
            switch (type) {
                case "OptionSetValue":
                    return new AttributeValue.OptionSet(optionValue(node, path));
                case "Money":
                    JsonNode money = node.get("Value");
                    if (money == null || money.isNull()) {
                        throw MalformedCallbackException.invalidValue(path, path + " is a Money without a Value.");
                    }
                    return new AttributeValue.Money(decimal(money, path + ".Value"));
                case "EntityReference":
                    return new AttributeValue.Reference(reference(node, path));
                case "OptionSetValueCollection":
                    JsonNode items = node.has("__value") ? node.get("__value") : node.get("Items");
                    return items != null && items.isArray() ? array(items, path) : new AttributeValue.Other(type, node.toString());
                default:
                    break;
            }
            if (node.has("__value")) {
                JsonNode wrapped = node.get("__value");
                if (type.equals("Guid")) {
                    if (!wrapped.isTextual()) {
                        throw MalformedCallbackException.invalidValue(path, path + " is a Guid whose __value is not a string.");
                    }
                    return new AttributeValue.Guid(Guids.parse(wrapped.textValue()).orElseThrow(() ->
                        MalformedCallbackException.invalidValue(path, path + " '" + clip(wrapped.textValue()) + "' is not a GUID.")));
                }
                if (type.equals("DateTime")) {
                    if (!wrapped.isTextual()) {
                        throw MalformedCallbackException.invalidValue(path, path + " is a DateTime whose __value is not a string.");
                    }
                    String text = wrapped.textValue();
                    return new AttributeValue.DateTime(WcfDate.parse(text).orElseThrow(() ->
                        MalformedCallbackException.invalidValue(path, path + " '" + clip(text) + "' is not a valid /Date(ms)/ value.")));
                }
                return decode(wrapped, path);
            }
            if (type.isEmpty() && node.has("LogicalName") && node.has("Id") && !node.has("Attributes")) {
                return new AttributeValue.Reference(reference(node, path));
            }
            return new AttributeValue.Other(type.isEmpty() ? "Object" : type, node.toString());
        }

        private static int optionValue(JsonNode node, String path) {
            JsonNode value = node.get("Value");
            if (value == null || !value.isIntegralNumber() || !value.canConvertToInt()) {
                throw MalformedCallbackException.invalidValue(path, path + " is an OptionSetValue whose Value is not a whole number.");
            }
            return value.intValue();
        }

        private static EntityReference reference(JsonNode node, String path) {
            UUID id = optionalGuid(node, "Id", path + ".Id");
            if (id == null) {
                throw MalformedCallbackException.invalidValue(path, path + " is an EntityReference without an Id.");
            }
            String logicalName = optionalText(node, "LogicalName");
            if (logicalName == null || logicalName.isBlank()) {
                throw MalformedCallbackException.invalidValue(path, path + " is an EntityReference without a LogicalName.");
            }
            JsonNode name = node.get("Name");
            return new EntityReference(logicalName, id, name != null && name.isTextual() ? name.textValue() : null);
        }

        /** {@code "OptionSetValue:http://schemas..."} -> {@code OptionSetValue}; {@code "Guid:#System"} -> {@code Guid}. */
        private static String typeName(JsonNode node) {
            JsonNode type = node.get("__type");
            if (type == null || !type.isTextual()) {
                return "";
            }
            String text = type.textValue();
            int colon = text.indexOf(':');
            return colon < 0 ? text : text.substring(0, colon);
        }
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
