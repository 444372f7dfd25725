package com.synapselinkhealth.dataverse.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.synapselinkhealth.dataverse.AttributeValue;
import com.synapselinkhealth.dataverse.Attributes;
import com.synapselinkhealth.dataverse.EntityReference;
import com.synapselinkhealth.dataverse.MessageName;
import com.synapselinkhealth.dataverse.RowChange;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RowChangeJsonTest {
    private static final UUID ROW = UUID.fromString("e3b1f2a4-5c6d-ef11-9f89-000d3a4a5b6c");
    private static final UUID PROFILE = UUID.fromString("0a4c5e1f-2b3d-ef11-9f89-000d3a4a5b6c");

    /** One column of every {@link AttributeValue} type, with the values most likely to lose precision or type. */
    private static Attributes everyType() {
        Map<String, AttributeValue> values = new LinkedHashMap<>();
        values.put("null", AttributeValue.Null.INSTANCE);
        values.put("text", new AttributeValue.Text("Contoso Lake \"quoted\" \u00e9\u4e2d {\"$date\":\"x\"}"));
        values.put("guidtext", new AttributeValue.Text(ROW.toString()));
        values.put("whole", new AttributeValue.WholeNumber(Long.MAX_VALUE));
        values.put("negative", new AttributeValue.WholeNumber(-1));
        values.put("decimal", new AttributeValue.DecimalNumber(new BigDecimal("10.120")));
        values.put("tiny", new AttributeValue.DecimalNumber(new BigDecimal("1E-30")));
        values.put("bool", new AttributeValue.Bool(false));
        values.put("date", new AttributeValue.DateTime(Instant.parse("2024-06-03T09:30:00.123Z")));
        values.put("guid", new AttributeValue.Guid(ROW));
        values.put("option", new AttributeValue.OptionSet(8));
        values.put("options", new AttributeValue.MultiOptionSet(List.of(342490001, 342490002)));
        values.put("nooptions", new AttributeValue.MultiOptionSet(List.of()));
        values.put("money", new AttributeValue.Money(new BigDecimal("1234.5600")));
        values.put("named", new AttributeValue.Reference(new EntityReference("synapselinkprofile", PROFILE, "Contoso Lake")));
        values.put("unnamed", new AttributeValue.Reference(new EntityReference("systemuser", ROW, null)));
        values.put("other", new AttributeValue.Other("EntityCollection", "{\"Entities\":[]}"));
        return Attributes.of(values);
    }

    private static RowChange change(Attributes attributes, Attributes before, UUID operationId, String key) {
        return new RowChange("unqb015df52a05fee11a382000d3a64d", UUID.fromString("b015df52-a05f-ee11-a382-000d3a64db73"),
            MessageName.UPDATE, "synapselinkprofileentitystate", ROW, attributes, before,
            Map.of("syncstate", "Completed with failures"), operationId, key, UUID.randomUUID(), UUID.randomUUID(),
            2, 40, 1, Instant.parse("2024-06-03T09:30:00.123Z"), true);
    }

    @Test
    void everyAttributeTypeReadsBackAsExactlyTheSameValue() {
        UUID operation = UUID.randomUUID();
        RowChange change = change(everyType(), Attributes.of(Map.of("syncstate", new AttributeValue.OptionSet(2))),
            operation, operation.toString());
        RowChange back = RowChangeJson.read(RowChangeJson.write(change));
        assertEquals(change.attributes().asMap(), back.attributes().asMap());
        assertEquals(change, back);
    }

    @Test
    void absentOptionalsStayAbsent() {
        RowChange change = new RowChange(null, null, new MessageName("SetState"), "account", ROW, Attributes.empty(),
            Attributes.empty(), Map.of(), null, "sha256:00112233445566778899aabbccddeeff", null, null, 1, 40, 1, null, false);
        assertEquals(change, RowChangeJson.read(RowChangeJson.write(change)));
    }

    @Test
    void writesTheVersionAndTaggedValues() throws Exception {
        UUID operation = UUID.randomUUID();
        var json = new ObjectMapper().readTree(RowChangeJson.write(change(everyType(), Attributes.empty(), operation,
            operation.toString())));
        assertEquals(RowChangeJson.VERSION, json.get("v").intValue());
        assertEquals(new ObjectMapper().readTree("{\"$option\":8}"), json.get("attributes").get("option"));
        assertEquals(new ObjectMapper().readTree("{\"$date\":\"2024-06-03T09:30:00.123Z\"}"), json.get("attributes").get("date"));
    }

    @Test
    void rejectsWhatItDidNotWrite() {
        assertThrows(IllegalArgumentException.class, () -> RowChangeJson.read("not json"));
        assertThrows(IllegalArgumentException.class, () -> RowChangeJson.read("{\"v\":99}"));
        assertThrows(IllegalArgumentException.class, () -> RowChangeJson.read("{\"v\":1,\"message\":\"Update\"}"));
    }
}
