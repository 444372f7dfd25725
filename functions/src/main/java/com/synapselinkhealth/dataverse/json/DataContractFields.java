package com.synapselinkhealth.dataverse.json;

import static com.synapselinkhealth.dataverse.json.ErrorText.clip;
import static com.synapselinkhealth.dataverse.json.ErrorText.describe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.synapselinkhealth.dataverse.Guids;
import com.synapselinkhealth.dataverse.MalformedCallbackException;
import com.synapselinkhealth.dataverse.WcfDate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The shapes of the SDK's DataContract JSON serialization that a context is made of: the {@code [{"key", "value"}]}
 * collections, and optional GUID, date and string fields (a GUID or date possibly in its
 * {@code {"__type", "__value"}} wrapper). Each refuses a wrong shape with a {@link MalformedCallbackException}
 * naming the field.
 */
final class DataContractFields {
    private DataContractFields() {
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
            entries.add(Map.entry(key.textValue(), value == null ? NullNode.getInstance() : value));
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
}
