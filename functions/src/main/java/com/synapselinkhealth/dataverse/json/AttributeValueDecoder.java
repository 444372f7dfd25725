package com.synapselinkhealth.dataverse.json;

import static com.synapselinkhealth.dataverse.json.DataContractFields.optionalGuid;
import static com.synapselinkhealth.dataverse.json.DataContractFields.optionalText;
import static com.synapselinkhealth.dataverse.json.ErrorText.clip;
import static com.synapselinkhealth.dataverse.json.ErrorText.describe;

import com.fasterxml.jackson.databind.JsonNode;
import com.synapselinkhealth.dataverse.AttributeValue;
import com.synapselinkhealth.dataverse.EntityReference;
import com.synapselinkhealth.dataverse.Guids;
import com.synapselinkhealth.dataverse.MalformedCallbackException;
import com.synapselinkhealth.dataverse.WcfDate;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Decodes one attribute value of a context: the DataContract JSON encodings of the SDK types (OptionSetValue,
 * OptionSetValueCollection, Money, EntityReference, {@code /Date(ms)/} dates, wrapped Guid and DateTime values) and
 * plain JSON text, numbers and booleans, into an {@link AttributeValue}. A value of a type it does not know is kept
 * as {@link AttributeValue.Other}; a malformed value of a known type is a {@link MalformedCallbackException}.
 */
final class AttributeValueDecoder {
    private static final int MAX_DECIMAL_SCALE = 100;

    private AttributeValueDecoder() {
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
