package com.synapselinkhealth.store;

import com.synapselinkhealth.dataverse.AttributeValue;
import com.synapselinkhealth.dataverse.Attributes;
import com.synapselinkhealth.dataverse.EntityReference;
import com.synapselinkhealth.health.HealthEvent;
import com.synapselinkhealth.health.HealthEventName;
import com.synapselinkhealth.statetables.StateTable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Values for the store contract tests. */
public final class StoreFixtures {
    public static final Instant T0 = Instant.parse("2024-06-03T09:00:00Z");

    private StoreFixtures() {
    }

    /** An event with every field set; the profile given by name and id. */
    public static HealthEvent event(String id, HealthEventName name, Instant time, String profileName, UUID profileId,
                                    String table) {
        return HealthEvent.builder().id(id).name(name).time(time).organization("unqb015df52a05fee11a382000d3a64d")
            .profileName(profileName).profileId(profileId).table(table).stateTable(name.stateTable().logicalName())
            .previousState("InProgress").currentState("CompletedWithFailures").lastSyncedAt(time.minusSeconds(600))
            .lakeRecordCount(1234L).dataverseRecordCount(1240L)
            .rowId(UUID.nameUUIDFromBytes(id.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
            .operationId(UUID.randomUUID()).correlationId(UUID.randomUUID())
            .summary("The " + table + " table of " + profileName + ": " + name.description())
            .build();
    }

    /** An event with only the required fields. */
    public static HealthEvent bareEvent(String id, HealthEventName name, Instant time) {
        return HealthEvent.builder().id(id).name(name).time(time).stateTable(name.stateTable().logicalName())
            .rowId(UUID.randomUUID()).summary("Something happened.").build();
    }

    /** Attributes of every type the codec knows. */
    public static Attributes everyType() {
        return Attributes.builder()
            .put("name", new AttributeValue.Text("Contoso Lake — ünïcødé \uD83D\uDE00 '\"/\\#?"))
            .put("lakerecordcount", new AttributeValue.WholeNumber(9_000_000_000L))
            .put("isactive", new AttributeValue.Bool(true))
            .put("ratio", new AttributeValue.DecimalNumber(new BigDecimal("12.3450")))
            .put("modifiedon", new AttributeValue.DateTime(Instant.parse("2024-06-03T09:15:00.123456789Z")))
            .put("organizationid", new AttributeValue.Guid(UUID.fromString("b015df52-a05f-ee11-a382-000d3a64db73")))
            .put("syncstate", new AttributeValue.OptionSet(8))
            .put("regions", new AttributeValue.MultiOptionSet(List.of(1, 4, 16)))
            .put("cost", new AttributeValue.Money(new BigDecimal("1000.50")))
            .put("profile", new AttributeValue.Reference(new EntityReference("synapselinkprofile",
                UUID.fromString("0a4c5e1f-2b3d-ef11-9f89-000d3a4a5b6c"), "Contoso Lake")))
            .put("blob", new AttributeValue.Other("Blob", "{\"a\":[1,2]}"))
            .put("nothing", AttributeValue.Null.INSTANCE)
            .build();
    }

    public static RowState row(StateTable table, UUID rowId, Attributes attributes, Instant updatedAt) {
        return new RowState(table, rowId, "unqb015df52a05fee11a382000d3a64d", attributes, false, null, List.of("op-1"),
            List.of(), updatedAt);
    }

    public static Attributes text(String column, String value) {
        return Attributes.builder().put(column, new AttributeValue.Text(value)).build();
    }
}
