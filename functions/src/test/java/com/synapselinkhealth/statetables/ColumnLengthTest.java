package com.synapselinkhealth.statetables;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.synapselinkhealth.dataverse.AttributeValue;
import com.synapselinkhealth.dataverse.Attributes;
import com.synapselinkhealth.dataverse.EntityReference;
import com.synapselinkhealth.dataverse.MalformedCallbackException;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Text columns and lookup names are held to Dataverse's own maximum lengths: no real row carries more. */
class ColumnLengthTest {
    private static void check(StateTable table, String column, AttributeValue value) {
        Columns.check(table, Attributes.of(Map.of(column, value)), "row data");
    }

    @Test
    void aNameUpToItsColumnsLengthIsAcceptedAndOneCharacterMoreIsRefused() {
        assertDoesNotThrow(() -> check(StateTable.PROFILE, "name", new AttributeValue.Text("p".repeat(100))));
        MalformedCallbackException e = assertThrows(MalformedCallbackException.class,
            () -> check(StateTable.PROFILE, "name", new AttributeValue.Text("p".repeat(101))));
        assertEquals(MalformedCallbackException.Kind.INVALID_VALUE, e.kind());
        assertEquals("row data[name]", e.field());
        assertTrue(e.getMessage().contains("101 characters") && e.getMessage().contains("at most 100"), e.getMessage());
    }

    @Test
    void everyKnownTextColumnHasItsLimit() {
        for (StateTable table : StateTable.values()) {
            for (Column column : Columns.of(table).values()) {
                if (column.type() == Column.Type.TEXT) {
                    assertTrue(column.maxLength() >= 20 && column.maxLength() <= 150, table + "." + column.name());
                    assertThrows(MalformedCallbackException.class, () -> check(table, column.name(),
                        new AttributeValue.Text("x".repeat(column.maxLength() + 1))), column.name());
                    assertDoesNotThrow(() -> check(table, column.name(),
                        new AttributeValue.Text("x".repeat(column.maxLength()))), column.name());
                }
            }
        }
    }

    @Test
    void aLookupsNameIsHeldToItsTablesNameColumn() {
        UUID id = UUID.randomUUID();
        assertDoesNotThrow(() -> check(StateTable.PROFILE_ENTITY_STATE, "profile",
            new AttributeValue.Reference(new EntityReference("synapselinkprofile", id, "n".repeat(100)))));
        assertThrows(MalformedCallbackException.class, () -> check(StateTable.PROFILE_ENTITY_STATE, "profile",
            new AttributeValue.Reference(new EntityReference("synapselinkprofile", id, "n".repeat(20_000)))));
    }
}
