package com.synapselinkhealth.webapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.synapselinkhealth.dataverse.AttributeValue;
import com.synapselinkhealth.dataverse.Attributes;
import com.synapselinkhealth.dataverse.EntityReference;
import com.synapselinkhealth.dataverse.Guids;
import com.synapselinkhealth.dataverse.MessageName;
import com.synapselinkhealth.dataverse.RowChange;
import com.synapselinkhealth.statetables.Column;
import com.synapselinkhealth.statetables.Columns;
import com.synapselinkhealth.statetables.StateTable;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Turns a row as the Web API returns it (a JSON object with {@code @...} annotations) into the app's
 * {@link Attributes}, and into a {@link RowChange} that reconciliation feeds to the same rules as a webhook.
 */
public final class WebApiRows {
    static final String FORMATTED = "@OData.Community.Display.V1.FormattedValue";
    static final String LOOKUP_LOGICAL_NAME = "@Microsoft.Dynamics.CRM.lookuplogicalname";

    /** The table each lookup column of the state tables points at, for rows read without the annotation. */
    private static final Map<String, String> LOOKUP_TARGETS = Map.of(
        "profile", StateTable.PROFILE.logicalName(),
        "profileentity", StateTable.PROFILE_ENTITY.logicalName(),
        "datalakefolder", "datalakefolder");

    private WebApiRows() {
    }

    /**
     * The row's columns. The columns {@link Columns} knows are converted by their type (a lookup from its
     * {@code _<name>_value}); other plain properties are kept by their JSON type, other lookups when their
     * target table is annotated. Annotations and OData control properties are left out.
     *
     * @throws IllegalArgumentException naming the column when a known column holds a value of the wrong type
     */
    public static Attributes attributes(StateTable table, JsonNode row) {
        Objects.requireNonNull(table, "'table' cannot be null.");
        requireObject(table, row);
        Map<String, Column> columns = Columns.of(table);
        Attributes.Builder out = Attributes.builder();
        for (Column column : columns.values()) {
            if (column.type() == Column.Type.LOOKUP) {
                String key = "_" + column.name() + "_value";
                if (row.has(key)) {
                    out.put(column.name(), lookup(table, row, column.name(), key));
                }
            } else if (row.has(column.name())) {
                out.put(column.name(), typed(table, column, row.get(column.name())));
            }
        }
        Iterator<Map.Entry<String, JsonNode>> fields = row.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = field.getKey();
            if (key.contains("@") || key.startsWith("@")) {
                continue;
            }
            if (key.startsWith("_") && key.endsWith("_value") && key.length() > "__value".length()) {
                String name = key.substring(1, key.length() - "_value".length());
                if (!columns.containsKey(name) && row.has(key + LOOKUP_LOGICAL_NAME)) {
                    out.put(name, lookup(table, row, name, key));
                }
            } else if (!columns.containsKey(key)) {
                out.put(key, untyped(field.getValue()));
            }
        }
        return out.build();
    }

    /** Display strings by column, from the {@code <column>@OData.Community.Display.V1.FormattedValue} annotations. */
    public static Map<String, String> formattedValues(StateTable table, JsonNode row) {
        requireObject(table, row);
        Map<String, String> out = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = row.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = field.getKey();
            if (key.endsWith(FORMATTED) && field.getValue().isTextual()) {
                String column = key.substring(0, key.length() - FORMATTED.length());
                if (column.startsWith("_") && column.endsWith("_value")) {
                    continue; // a lookup's display name travels in its EntityReference
                }
                out.put(column, field.getValue().asText());
            }
        }
        return out;
    }

    /** The row's id, from its primary key column. */
    public static UUID rowId(StateTable table, JsonNode row) {
        requireObject(table, row);
        JsonNode id = row.get(table.primaryKey());
        UUID parsed = id == null || !id.isTextual() ? null : Guids.parse(id.asText()).orElse(null);
        if (parsed == null) {
            throw new IllegalArgumentException("The " + table.logicalName() + " row read from the Web API has no valid '"
                + table.primaryKey() + "'");
        }
        return parsed;
    }

    /**
     * The row as an Update for reconciliation. Its operation key is {@code webapi:<table>:<id>:<versionnumber>},
     * so reading the same row version twice is a duplicate and a changed row is a new operation.
     *
     * @param organization the environment's host, e.g. {@code contoso.crm.dynamics.com}
     */
    public static RowChange toRowChange(StateTable table, JsonNode row, String organization) {
        UUID id = rowId(table, row);
        Attributes attributes = attributes(table, row);
        Long version = attributes.wholeNumber("versionnumber");
        String versionPart = version != null ? version.toString()
            : attributes.instant("modifiedon") != null ? "modifiedon=" + attributes.instant("modifiedon") : "unknown";
        String key = "webapi:" + table.logicalName() + ":" + id + ":" + versionPart;
        return new RowChange(organization, null, MessageName.UPDATE, table.logicalName(), id, attributes,
            Attributes.empty(), formattedValues(table, row), null, key, null, null, 0, 40, 1, null, false);
    }

    private static void requireObject(StateTable table, JsonNode row) {
        if (row == null || !row.isObject()) {
            throw new IllegalArgumentException("A " + table.logicalName() + " row from the Web API must be a JSON object");
        }
    }

    private static AttributeValue lookup(StateTable table, JsonNode row, String name, String key) {
        JsonNode value = row.get(key);
        if (value == null || value.isNull()) {
            return AttributeValue.Null.INSTANCE;
        }
        UUID id = value.isTextual() ? Guids.parse(value.asText()).orElse(null) : null;
        if (id == null) {
            throw wrongType(table, name, "a GUID (lookup " + key + ")", value);
        }
        JsonNode annotated = row.get(key + LOOKUP_LOGICAL_NAME);
        String logicalName = annotated != null && annotated.isTextual() && !annotated.asText().isBlank()
            ? annotated.asText() : LOOKUP_TARGETS.get(name);
        if (logicalName == null) {
            throw new IllegalArgumentException("The " + table.logicalName() + " row's lookup '" + name
                + "' does not say which table it points at");
        }
        JsonNode display = row.get(key + FORMATTED);
        String displayName = display != null && display.isTextual() ? display.asText() : null;
        return new AttributeValue.Reference(new EntityReference(logicalName, id, displayName));
    }

    private static AttributeValue typed(StateTable table, Column column, JsonNode value) {
        if (value == null || value.isNull()) {
            return AttributeValue.Null.INSTANCE;
        }
        return switch (column.type()) {
            case TEXT -> {
                if (!value.isTextual()) {
                    throw wrongType(table, column.name(), "a string", value);
                }
                yield new AttributeValue.Text(value.asText());
            }
            case WHOLE_NUMBER -> new AttributeValue.WholeNumber(wholeNumber(table, column.name(), value));
            case BOOLEAN -> {
                if (!value.isBoolean()) {
                    throw wrongType(table, column.name(), "a boolean", value);
                }
                yield new AttributeValue.Bool(value.booleanValue());
            }
            case DATE_TIME -> {
                try {
                    if (!value.isTextual()) {
                        throw wrongType(table, column.name(), "an ISO-8601 date", value);
                    }
                    yield new AttributeValue.DateTime(OffsetDateTime.parse(value.asText()).toInstant());
                } catch (DateTimeParseException e) {
                    throw wrongType(table, column.name(), "an ISO-8601 date", value);
                }
            }
            case CHOICE -> {
                long n = wholeNumber(table, column.name(), value);
                if (n != (int) n) {
                    throw wrongType(table, column.name(), "a choice value", value);
                }
                yield new AttributeValue.OptionSet((int) n);
            }
            case GUID -> {
                UUID id = value.isTextual() ? Guids.parse(value.asText()).orElse(null) : null;
                if (id == null) {
                    throw wrongType(table, column.name(), "a GUID", value);
                }
                yield new AttributeValue.Text(id.toString());
            }
            case LOOKUP -> throw new IllegalStateException("lookups are read from _<name>_value");
        };
    }

    /** Int32 and Int64 come as JSON numbers; Int64 may also come as a string (IEEE754Compatible). */
    private static long wholeNumber(StateTable table, String column, JsonNode value) {
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return value.longValue();
        }
        if (value.isTextual() && value.asText().matches("-?\\d{1,19}")) {
            try {
                return Long.parseLong(value.asText());
            } catch (NumberFormatException e) {
                throw wrongType(table, column, "a whole number", value);
            }
        }
        throw wrongType(table, column, "a whole number", value);
    }

    private static AttributeValue untyped(JsonNode value) {
        if (value == null || value.isNull()) {
            return AttributeValue.Null.INSTANCE;
        }
        if (value.isTextual()) {
            return new AttributeValue.Text(value.asText());
        }
        if (value.isBoolean()) {
            return new AttributeValue.Bool(value.booleanValue());
        }
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return new AttributeValue.WholeNumber(value.longValue());
        }
        if (value.isNumber()) {
            return new AttributeValue.DecimalNumber(new BigDecimal(value.asText()));
        }
        return new AttributeValue.Other(value.getNodeType().name().toLowerCase(java.util.Locale.ROOT), value.toString());
    }

    private static IllegalArgumentException wrongType(StateTable table, String column, String expected, JsonNode value) {
        String shown = value.toString();
        if (shown.length() > 80) {
            shown = shown.substring(0, 77) + "...";
        }
        return new IllegalArgumentException("The " + table.logicalName() + " row's '" + column + "' must be " + expected
            + ", not " + shown);
    }
}
