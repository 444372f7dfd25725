package com.synapselinkhealth.dataverse.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.synapselinkhealth.dataverse.AttributeValue;
import com.synapselinkhealth.dataverse.Attributes;
import com.synapselinkhealth.dataverse.EntityReference;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * This service's own compact JSON for {@link Attributes} (queue messages, stored row state): plain JSON for
 * text, whole numbers, booleans and null; a one-key object ({@code {"$option": 8}}, {@code {"$date": "..."}})
 * for every other type, so a value reads back as exactly the type it was.
 */
public final class AttributesJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private AttributesJson() {
    }

    public static ObjectNode write(Attributes attributes) {
        ObjectNode out = NODES.objectNode();
        attributes.asMap().forEach((k, v) -> out.set(k, write(v)));
        return out;
    }

    static JsonNode write(AttributeValue value) {
        if (value instanceof AttributeValue.Null) {
            return NODES.nullNode();
        } else if (value instanceof AttributeValue.Text t) {
            return NODES.textNode(t.value());
        } else if (value instanceof AttributeValue.WholeNumber n) {
            return NODES.numberNode(n.value());
        } else if (value instanceof AttributeValue.Bool b) {
            return NODES.booleanNode(b.value());
        } else if (value instanceof AttributeValue.DecimalNumber d) {
            return tagged("$decimal", NODES.textNode(d.value().toString()));
        } else if (value instanceof AttributeValue.DateTime d) {
            return tagged("$date", NODES.textNode(d.value().toString()));
        } else if (value instanceof AttributeValue.Guid g) {
            return tagged("$guid", NODES.textNode(g.value().toString()));
        } else if (value instanceof AttributeValue.OptionSet o) {
            return tagged("$option", NODES.numberNode(o.value()));
        } else if (value instanceof AttributeValue.MultiOptionSet m) {
            ArrayNode items = NODES.arrayNode();
            m.values().forEach(items::add);
            return tagged("$options", items);
        } else if (value instanceof AttributeValue.Money m) {
            return tagged("$money", NODES.textNode(m.value().toString()));
        } else if (value instanceof AttributeValue.Reference r) {
            ObjectNode ref = NODES.objectNode();
            ref.put("logicalName", r.value().logicalName());
            ref.put("id", r.value().id().toString());
            ref.put("name", r.value().name());
            return tagged("$ref", ref);
        } else if (value instanceof AttributeValue.Other o) {
            ObjectNode other = NODES.objectNode();
            other.put("type", o.typeName());
            other.put("json", o.json());
            return tagged("$other", other);
        }
        throw new IllegalArgumentException("no JSON form for " + value.getClass());
    }

    private static ObjectNode tagged(String tag, JsonNode value) {
        ObjectNode node = NODES.objectNode();
        node.set(tag, value);
        return node;
    }

    public static Attributes read(JsonNode node) {
        if (node == null || node.isNull()) {
            return Attributes.empty();
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException("attributes must be a JSON object");
        }
        Map<String, AttributeValue> values = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            values.put(f.getKey(), read(f.getKey(), f.getValue()));
        }
        return Attributes.of(values);
    }

    private static AttributeValue read(String column, JsonNode v) {
        if (v.isNull()) {
            return AttributeValue.Null.INSTANCE;
        } else if (v.isTextual()) {
            return new AttributeValue.Text(v.textValue());
        } else if (v.isIntegralNumber()) {
            return new AttributeValue.WholeNumber(v.longValue());
        } else if (v.isBoolean()) {
            return new AttributeValue.Bool(v.booleanValue());
        } else if (v.isObject() && v.size() == 1) {
            String tag = v.fieldNames().next();
            JsonNode inner = v.get(tag);
            switch (tag) {
                case "$decimal":
                    return new AttributeValue.DecimalNumber(new BigDecimal(inner.asText()));
                case "$date":
                    return new AttributeValue.DateTime(Instant.parse(inner.asText()));
                case "$guid":
                    return new AttributeValue.Guid(UUID.fromString(inner.asText()));
                case "$option":
                    return new AttributeValue.OptionSet(inner.intValue());
                case "$options":
                    List<Integer> items = new ArrayList<>();
                    inner.forEach(i -> items.add(i.intValue()));
                    return new AttributeValue.MultiOptionSet(items);
                case "$money":
                    return new AttributeValue.Money(new BigDecimal(inner.asText()));
                case "$ref":
                    return new AttributeValue.Reference(new EntityReference(inner.get("logicalName").asText(),
                        UUID.fromString(inner.get("id").asText()),
                        inner.hasNonNull("name") ? inner.get("name").asText() : null));
                case "$other":
                    return new AttributeValue.Other(inner.get("type").asText(), inner.get("json").asText());
                default:
                    break;
            }
        }
        throw new IllegalArgumentException("column '" + column + "' has no readable value");
    }
}
