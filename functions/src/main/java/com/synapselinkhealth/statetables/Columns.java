package com.synapselinkhealth.statetables;

import static com.synapselinkhealth.statetables.Column.bool;
import static com.synapselinkhealth.statetables.Column.choice;
import static com.synapselinkhealth.statetables.Column.dateTime;
import static com.synapselinkhealth.statetables.Column.guid;
import static com.synapselinkhealth.statetables.Column.lookup;
import static com.synapselinkhealth.statetables.Column.text;
import static com.synapselinkhealth.statetables.Column.whole;

import com.synapselinkhealth.dataverse.AttributeValue;
import com.synapselinkhealth.dataverse.Attributes;
import com.synapselinkhealth.dataverse.MalformedCallbackException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The columns of the six state tables that this service reads, and a type check of callbacks against them. */
public final class Columns {
    /** Lengths from the Dataverse table definitions (see the README of the state tables: name is String(100)). */
    private static final int NAME = 100;
    /** A table's logical name: String(64) in older revisions, 128 in newer ones. */
    private static final int LOGICAL_NAME = 128;
    private static final int VERSION = 32;

    private static final List<Column> COMMON = List.of(
        text("name", NAME), whole("versionnumber"), dateTime("modifiedon"), dateTime("createdon"),
        choice("statecode", ChoiceSet.STATE_CODE), choice("statuscode", ChoiceSet.STATUS_CODE));

    private static final Map<StateTable, Map<String, Column>> BY_TABLE = new EnumMap<>(StateTable.class);

    static {
        define(StateTable.PROFILE_ENTITY_STATE,
            text("entityname", LOGICAL_NAME), lookup("profile", NAME), lookup("profileentity", NAME),
            choice("syncstate", ChoiceSet.ENTITY_SYNC_STATE), choice("initialsyncstate", ChoiceSet.ENTITY_SYNC_STATE),
            choice("metadatastate", ChoiceSet.ENTITY_METADATA_STATE),
            choice("synapsetablecreationstate", ChoiceSet.SYNAPSE_TABLE_CREATION_STATE),
            choice("entitysource", ChoiceSet.ENTITY_SOURCE), choice("entitytype", ChoiceSet.PROFILE_ENTITY_TYPE),
            dateTime("lastsynceddatatime"), dateTime("lastsyncedmetadatatime"), dateTime("additiontime"),
            dateTime("initialsyncmetadatacreatedtime"), dateTime("initialsyncdatacompletedtime"),
            dateTime("initialsyncprocesscompletedtime"), dateTime("crmrecordcountmodifiedtime"),
            dateTime("lakerecordcountmodifiedtime"), whole("crmrecordcount"), whole("lakerecordcount"),
            whole("sourcerecordcount"), whole("minsynceddataversion"));
        define(StateTable.EXTERNAL_TABLE_STATE,
            text("entityname", LOGICAL_NAME), lookup("datalakefolder"), text("synapsedatabasename", NAME),
            text("synapseworkspacename", NAME), text("metadataversion", VERSION),
            choice("tablestate", ChoiceSet.EXTERNAL_TABLE_STATE), choice("lastsyncstate", ChoiceSet.EXTERNAL_TABLE_STATE),
            choice("lakehouseshortcutstate", ChoiceSet.EXTERNAL_TABLE_STATE),
            choice("trinostate", ChoiceSet.EXTERNAL_TABLE_STATE),
            dateTime("lastsynchronizedon"), dateTime("schemamodifiedon"), whole("maxrecordversion"),
            whole("recordcount"), whole("sourcerecordcount"), whole("minsynceddataversion"));
        define(StateTable.PROFILE,
            text("uniquename", NAME), choice("profilestate", ChoiceSet.PROFILE_STATE),
            choice("profiletype", ChoiceSet.PROFILE_TYPE),
            choice("destinationsyncstate", ChoiceSet.DESTINATION_SYNC_STATE), dateTime("activationtime"),
            dateTime("profileupdatedtime"), text("profileversion", VERSION), bool("copyattachments"), bool("copyfiles"),
            whole("snapshotstopersist"), lookup("datalakefolder"));
        define(StateTable.PROFILE_ENTITY,
            text("uniquename", 150), text("entityname", LOGICAL_NAME), lookup("profile", NAME), bool("enabled"), bool("appendonlymode"),
            bool("generateparquet"), choice("partitionstrategy", ChoiceSet.PARTITION_STRATEGY),
            choice("entitysource", ChoiceSet.ENTITY_SOURCE), choice("entitytype", ChoiceSet.PROFILE_ENTITY_TYPE),
            whole("recordcountperblock"));
        define(StateTable.SCHEDULE,
            text("uniquename", NAME), text("entityname", NAME), lookup("profile", NAME),
            choice("type", ChoiceSet.SCHEDULE_TYPE),
            choice("recurrenceunit", ChoiceSet.SCHEDULE_RECURRENCE_UNIT), whole("recurrenceinterval"),
            dateTime("starttime"));
        define(StateTable.DATABASE,
            text("uniquename", LOGICAL_NAME), text("databasename", NAME), text("workspacename", NAME),
            text("schemaprefix", 20), text("resourcegroup", NAME), text("subscription", NAME), text("tenant", NAME),
            lookup("datalakefolder"),
            guid("lakehouseid"), guid("lakehouseworkspaceid"));
        for (StateTable table : StateTable.values()) {
            BY_TABLE.get(table).put(table.primaryKey(), guid(table.primaryKey()));
        }
    }

    private Columns() {
    }

    private static void define(StateTable table, Column... columns) {
        Map<String, Column> map = new LinkedHashMap<>();
        for (Column c : COMMON) {
            map.put(c.name(), c);
        }
        for (Column c : columns) {
            map.put(c.name(), c);
        }
        BY_TABLE.put(table, map);
    }

    /** The columns of a table this service reads, by logical name. */
    public static Map<String, Column> of(StateTable table) {
        return java.util.Collections.unmodifiableMap(BY_TABLE.get(table));
    }

    /**
     * Checks every known column of the row against its type.
     *
     * @throws MalformedCallbackException naming each column that holds a value of the wrong type
     */
    public static void check(StateTable table, Attributes attributes, String where) {
        Map<String, Column> columns = BY_TABLE.get(table);
        List<String> problems = new ArrayList<>();
        String firstColumn = null;
        for (Map.Entry<String, AttributeValue> e : attributes.asMap().entrySet()) {
            Column column = columns.get(e.getKey());
            if (column != null && !column.accepts(e.getValue())) {
                if (firstColumn == null) {
                    firstColumn = e.getKey();
                }
                problems.add("'" + e.getKey() + "' must be " + column.describeType() + ", not " + describe(e.getValue()));
            } else if (column != null && column.tooLong(e.getValue())) {
                if (firstColumn == null) {
                    firstColumn = e.getKey();
                }
                problems.add("'" + e.getKey() + "' holds " + length(e.getValue()) + " characters; Dataverse keeps at most "
                    + column.maxLength() + (column.type() == Column.Type.LOOKUP ? " in the name of the row it refers to"
                        : " in this column"));
            }
        }
        if (!problems.isEmpty()) {
            throw MalformedCallbackException.invalidValue(where + "[" + firstColumn + "]",
                "Wrong value type in " + table.logicalName() + " " + where + ": " + String.join("; ", problems) + ".");
        }
    }

    private static final Map<Class<?>, String> VALUE_KINDS = Map.ofEntries(
        Map.entry(AttributeValue.Null.class, "null"), Map.entry(AttributeValue.Text.class, "a string"),
        Map.entry(AttributeValue.WholeNumber.class, "a whole number"),
        Map.entry(AttributeValue.DecimalNumber.class, "a decimal number"), Map.entry(AttributeValue.Bool.class, "a boolean"),
        Map.entry(AttributeValue.DateTime.class, "a date"), Map.entry(AttributeValue.Guid.class, "a GUID"),
        Map.entry(AttributeValue.OptionSet.class, "an OptionSetValue"),
        Map.entry(AttributeValue.MultiOptionSet.class, "a multi-select choice"),
        Map.entry(AttributeValue.Money.class, "a Money value"), Map.entry(AttributeValue.Reference.class, "an EntityReference"));

    private static int length(AttributeValue value) {
        return value instanceof AttributeValue.Text t ? t.value().length()
            : ((AttributeValue.Reference) value).value().name().length();
    }

    private static String describe(AttributeValue value) {
        if (value instanceof AttributeValue.Other o) {
            return "a value of type " + o.typeName();
        }
        return VALUE_KINDS.getOrDefault(value.getClass(), "another value");
    }
}
