package com.synapselinkhealth.statetables;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.synapselinkhealth.dataverse.AttributeValue;
import com.synapselinkhealth.dataverse.Attributes;
import com.synapselinkhealth.dataverse.EntityReference;
import com.synapselinkhealth.dataverse.MalformedCallbackException;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ColumnsTest {
    private static final UUID ID = UUID.fromString("0a4c5e1f-2b3d-ef11-9f89-000d3a4a5b6c");

    private static void check(StateTable table, Map<String, AttributeValue> row) {
        Columns.check(table, Attributes.of(row), "row data");
    }

    @Test
    void rejectsAChoiceSentAsText() {
        MalformedCallbackException e = assertThrows(MalformedCallbackException.class, () -> check(
            StateTable.PROFILE_ENTITY_STATE, Map.of("syncstate", new AttributeValue.Text("CompletedWithFailures"))));
        assertEquals(MalformedCallbackException.Kind.INVALID_VALUE, e.kind());
        assertEquals("row data[syncstate]", e.field());
        assertTrue(e.getMessage().contains("'syncstate' must be an OptionSetValue of synapselinkentitysyncstate, not a string"),
            e.getMessage());
    }

    @Test
    void namesEveryWrongColumn() {
        Map<String, AttributeValue> row = new java.util.LinkedHashMap<>();
        row.put("lastsynceddatatime", new AttributeValue.Text("yesterday"));
        row.put("profile", new AttributeValue.Text(ID.toString()));
        MalformedCallbackException e = assertThrows(MalformedCallbackException.class,
            () -> check(StateTable.PROFILE_ENTITY_STATE, row));
        assertTrue(e.getMessage().contains("'lastsynceddatatime' must be a /Date(ms)/ or ISO-8601 date"), e.getMessage());
        assertTrue(e.getMessage().contains("'profile' must be an EntityReference"), e.getMessage());
    }

    @Test
    void acceptsTheWebApiFormsOfDatesAndWholeNumbers() {
        assertDoesNotThrow(() -> check(StateTable.PROFILE_ENTITY_STATE, Map.of(
            "lastsynceddatatime", new AttributeValue.Text("2024-06-03T09:26:41Z"),
            "lakerecordcount", new AttributeValue.DecimalNumber(new java.math.BigDecimal("18690.0")))));
        assertThrows(MalformedCallbackException.class, () -> check(StateTable.PROFILE_ENTITY_STATE, Map.of(
            "lakerecordcount", new AttributeValue.DecimalNumber(new java.math.BigDecimal("18690.5")))));
    }

    @Test
    void acceptsAPlainWholeNumberForAChoiceAsTheWebApiSendsIt() {
        assertDoesNotThrow(() -> check(StateTable.PROFILE_ENTITY_STATE, Map.of(
            "syncstate", new AttributeValue.WholeNumber(8), "metadatastate", new AttributeValue.OptionSet(16))));
        assertThrows(MalformedCallbackException.class, () -> check(StateTable.PROFILE_ENTITY_STATE,
            Map.of("syncstate", new AttributeValue.WholeNumber(1L << 40))));
    }

    @Test
    void acceptsNullEverywhereAndIgnoresColumnsItDoesNotRead() {
        assertDoesNotThrow(() -> check(StateTable.PROFILE, Map.of(
            "profilestate", AttributeValue.Null.INSTANCE,
            "extendedproperties", new AttributeValue.WholeNumber(3),
            "datalakefolder", new AttributeValue.Reference(new EntityReference("datalakefolder", ID, null)),
            "modifiedon", new AttributeValue.DateTime(Instant.EPOCH))));
    }

    @Test
    void primaryKeyIsAGuidInEitherForm() {
        assertDoesNotThrow(() -> check(StateTable.DATABASE, Map.of("synapsedatabaseid", new AttributeValue.Text(ID.toString()))));
        assertDoesNotThrow(() -> check(StateTable.DATABASE, Map.of("synapsedatabaseid", new AttributeValue.Guid(ID))));
        assertThrows(MalformedCallbackException.class,
            () -> check(StateTable.DATABASE, Map.of("synapsedatabaseid", new AttributeValue.Text("db-1"))));
    }

    @ParameterizedTest
    @EnumSource(StateTable.class)
    void everyTableHasItsKeyAndTheCommonColumns(StateTable table) {
        Map<String, Column> columns = Columns.of(table);
        assertEquals(Column.Type.GUID, columns.get(table.primaryKey()).type());
        assertEquals(Column.Type.WHOLE_NUMBER, columns.get("versionnumber").type());
        assertEquals(Column.Type.DATE_TIME, columns.get("modifiedon").type());
        assertEquals(ChoiceSet.STATE_CODE, columns.get("statecode").choices());
    }
}
