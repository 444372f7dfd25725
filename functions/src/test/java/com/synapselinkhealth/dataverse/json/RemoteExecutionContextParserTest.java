package com.synapselinkhealth.dataverse.json;

import static com.synapselinkhealth.testing.CallbackBuilder.money;
import static com.synapselinkhealth.testing.CallbackBuilder.option;
import static com.synapselinkhealth.testing.CallbackBuilder.options;
import static com.synapselinkhealth.testing.CallbackBuilder.rawJson;
import static com.synapselinkhealth.testing.CallbackBuilder.ref;
import static com.synapselinkhealth.testing.CallbackBuilder.wrappedDate;
import static com.synapselinkhealth.testing.CallbackBuilder.wrappedGuid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.synapselinkhealth.dataverse.AttributeValue;
import com.synapselinkhealth.dataverse.Attributes;
import com.synapselinkhealth.dataverse.EntityReference;
import com.synapselinkhealth.dataverse.MessageName;
import com.synapselinkhealth.dataverse.RowChange;
import com.synapselinkhealth.dataverse.TransportHints;
import com.synapselinkhealth.statetables.StateTable;
import com.synapselinkhealth.testing.CallbackBuilder;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RemoteExecutionContextParserTest {
    private static final UUID ROW = UUID.fromString("6d81597f-0f9f-e711-8122-000d3aa2331c");
    private static final UUID USER = UUID.fromString("75c2dd85-e89e-e711-8122-000d3aa2331c");
    private static final Instant WHEN = Instant.parse("2023-10-17T07:00:00Z");

    private final RemoteExecutionContextParser parser = new RemoteExecutionContextParser();

    private RowChange parse(CallbackBuilder callback) {
        return parser.parse(callback.build(), TransportHints.NONE);
    }

    private AttributeValue targetValue(String column, Object value) {
        return parse(CallbackBuilder.of("Update", "account", ROW).target(column, value)).attributes().get(column).orElseThrow();
    }

    @Test
    void wcfDateIsUtcMillisecondsAndSlashesAreEscapedInTheRawBody() {
        CallbackBuilder callback = CallbackBuilder.of("Update", "account", ROW).target("modifiedon", WHEN);
        assertTrue(callback.buildString().contains("\"\\/Date(1697526000000)\\/\""), callback.buildString());
        assertEquals(new AttributeValue.DateTime(WHEN), parse(callback).attributes().get("modifiedon").orElseThrow());
    }

    @Test
    void wcfDateOffsetSuffixIsNotAppliedAgain() {
        assertEquals(new AttributeValue.DateTime(Instant.ofEpochMilli(1506409448000L)),
            targetValue("scheduledend", "/Date(1506409448000-0700)/"));
        assertEquals(new AttributeValue.DateTime(Instant.ofEpochMilli(1608007658000L)),
            targetValue("scheduledend", "/Date(1608007658000+0000)/"));
        RowChange change = parse(CallbackBuilder.of("Update", "account", ROW).operationCreatedOn("/Date(1506409448000-0700)/"));
        assertEquals(Instant.parse("2017-09-26T07:04:08Z"), change.operationCreatedOn());
    }

    @Test
    void unescapedSlashesReadTheSame() {
        RowChange change = parse(CallbackBuilder.of("Update", "account", ROW).target("modifiedon", WHEN).unescapedSlashes());
        assertEquals(WHEN, change.attributes().instant("modifiedon"));
    }

    @Test
    void optionSetValue() {
        assertEquals(new AttributeValue.OptionSet(8), targetValue("syncstate", option(8)));
    }

    @Test
    void entityReferenceWithAndWithoutName() {
        UUID profile = UUID.fromString("0a4c5e1f-2b3d-ef11-9f89-000d3a4a5b6c");
        assertEquals(new AttributeValue.Reference(new EntityReference("synapselinkprofile", profile, "Contoso Lake")),
            targetValue("profile", ref("synapselinkprofile", profile, "Contoso Lake")));
        assertEquals(new AttributeValue.Reference(new EntityReference("systemuser", USER, null)),
            targetValue("modifiedby", ref("systemuser", USER)));
    }

    @Test
    void moneyValue() {
        assertEquals(new AttributeValue.Money(new BigDecimal("1234.56")), targetValue("revenue", money("1234.56")));
    }

    @Test
    void multiSelectChoice() {
        assertEquals(new AttributeValue.MultiOptionSet(List.of(342490001, 342490002)),
            targetValue("shko_choices", options(342490001, 342490002)));
    }

    @Test
    void plainJsonTypes() {
        assertEquals(new AttributeValue.Bool(true), targetValue("donotemail", true));
        assertEquals(new AttributeValue.Bool(false), targetValue("donotfax", false));
        assertEquals(new AttributeValue.WholeNumber(321), targetValue("numberofemployees", 321));
        assertEquals(new AttributeValue.WholeNumber(9_007_199_254_740_993L), targetValue("versionnumber", 9_007_199_254_740_993L));
        assertEquals(new AttributeValue.DecimalNumber(new BigDecimal("10.12")), targetValue("exchangerate", new BigDecimal("10.12")));
        assertEquals(AttributeValue.Null.INSTANCE, targetValue("modifiedonbehalfby", null));
        assertEquals(new AttributeValue.Text("Fourth Coffee"), targetValue("name", "Fourth Coffee"));
    }

    @Test
    void plainGuidStaysTextButReadsAsGuid() {
        RowChange change = parse(CallbackBuilder.of("Update", "account", ROW));
        assertEquals(new AttributeValue.Text(ROW.toString()), change.attributes().get("accountid").orElseThrow());
        assertEquals(ROW, change.attributes().guid("accountid"));
    }

    @Test
    void wrappedSystemTypes() {
        UUID id = UUID.fromString("4de444aa-375f-ee11-8def-000d3adbef1f");
        assertEquals(new AttributeValue.Guid(id), targetValue("lakehouseid", wrappedGuid(id)));
        assertEquals(new AttributeValue.DateTime(WHEN), targetValue("lastsynceddatatime", wrappedDate(WHEN)));
        assertEquals(new AttributeValue.WholeNumber(5), targetValue("count", rawJson("{\"__type\":\"Int32:#System\",\"__value\":5}")));
    }

    @Test
    void targetOverPostImageOverPreImage() {
        RowChange change = parse(CallbackBuilder.update(StateTable.PROFILE_ENTITY_STATE, ROW)
            .target("syncstate", option(8))
            .postImage("syncstate", option(4)).postImage("entityname", "contact").postImage("lakerecordcount", 10L)
            .preImage("syncstate", option(2)).preImage("entityname", "ignored").preImage("lakerecordcount", 7L)
            .preImage("crmrecordcount", 12L));
        Attributes a = change.attributes();
        assertEquals(8, a.option("syncstate"));
        assertEquals("contact", a.text("entityname"));
        assertEquals(10L, a.wholeNumber("lakerecordcount"));
        assertEquals(12L, a.wholeNumber("crmrecordcount"));
    }

    @Test
    void beforeIsExactlyThePreImage() {
        RowChange change = parse(CallbackBuilder.update(StateTable.PROFILE_ENTITY_STATE, ROW)
            .target("syncstate", option(8)).postImage("syncstate", option(8)).preImage("syncstate", option(2)));
        assertEquals(Map.of("syncstate", new AttributeValue.OptionSet(2),
            "synapselinkprofileentitystateid", new AttributeValue.Text(ROW.toString())), change.before().asMap());
    }

    @Test
    void noPreImageMeansEmptyBefore() {
        assertTrue(parse(CallbackBuilder.update(StateTable.PROFILE, ROW).target("profilestate", option(2))).before().isEmpty());
    }

    @Test
    void formattedValuesMergeLikeAttributes() {
        RowChange change = parse(CallbackBuilder.update(StateTable.PROFILE_ENTITY_STATE, ROW)
            .target("syncstate", option(8)).targetFormatted("syncstate", "Completed with failures")
            .postImageFormatted("syncstate", "post").postImageFormatted("metadatastate", "Created")
            .preImageFormatted("metadatastate", "pre").preImageFormatted("statecode", "Active"));
        assertEquals(Map.of("syncstate", "Completed with failures", "metadatastate", "Created", "statecode", "Active"),
            change.formattedValues());
    }

    @Test
    void deleteHasAnEntityReferenceTargetAndOnlyAPreImage() {
        CallbackBuilder callback = CallbackBuilder.delete(StateTable.PROFILE, ROW).preImage("name", "Contoso Lake")
            .preImage("profilestate", option(1));
        String raw = callback.buildString();
        assertTrue(raw.contains("\"__type\":\"EntityReference:http:\\/\\/schemas.microsoft.com\\/xrm\\/2011\\/Contracts\""));
        RowChange change = parse(callback);
        assertEquals(MessageName.DELETE, change.message());
        assertEquals(ROW, change.rowId());
        assertEquals("Contoso Lake", change.attributes().text("name"));
        assertEquals(change.before(), change.attributes());
    }

    @Test
    void createWithEmptyGuidTakesTheIdFromOutputParameters() {
        CallbackBuilder callback = CallbackBuilder.create(StateTable.DATABASE, ROW).createdWithoutId().target("name", "ws");
        assertTrue(callback.buildString().contains("\"PrimaryEntityId\":\"00000000-0000-0000-0000-000000000000\""));
        RowChange change = parse(callback);
        assertEquals(ROW, change.rowId());
        assertTrue(change.message().isCreate());
    }

    @Test
    void sizeExceededBodyKeepsTheRowIdAndTheFlag() {
        byte[] body = CallbackBuilder.update(StateTable.PROFILE_ENTITY_STATE, ROW).target("syncstate", option(8))
            .preImage("syncstate", option(2)).withParentContext().sizeExceeded().build();
        String text = new String(body, StandardCharsets.UTF_8);
        assertFalse(text.contains("InputParameters") || text.contains("EntityImages") || text.contains("ParentContext"), text);
        RowChange change = parser.parse(body, new TransportHints("contoso.crm4.dynamics.com", true));
        assertTrue(change.sizeExceeded());
        assertEquals(ROW, change.rowId());
        assertTrue(change.attributes().isEmpty());
        assertTrue(change.before().isEmpty());
    }

    @Test
    void contextFieldsAreRead() {
        UUID operation = UUID.randomUUID();
        UUID correlation = UUID.randomUUID();
        UUID request = UUID.randomUUID();
        RowChange change = parse(CallbackBuilder.of("Update", "account", ROW).operationId(operation).correlationId(correlation)
            .requestId(request).depth(2).mode(0).withParentContext());
        assertEquals(operation, change.operationId());
        assertEquals(operation.toString(), change.operationKey());
        assertEquals(correlation, change.correlationId());
        assertEquals(request, change.requestId());
        assertEquals(2, change.depth());
        assertEquals(40, change.stage());
        assertEquals(0, change.mode());
        assertEquals(CallbackBuilder.ORGANIZATION_NAME, change.organization());
        assertEquals(CallbackBuilder.ORGANIZATION_ID, change.organizationId());
        assertEquals(CallbackBuilder.DEFAULT_OPERATION_TIME, change.operationCreatedOn());
        assertEquals("account", change.table());
        assertFalse(change.sizeExceeded());
    }

    @Test
    void organizationFallsBackToTheHintThenTheId() {
        byte[] body = CallbackBuilder.of("Update", "account", ROW).remove("OrganizationName").build();
        assertEquals("contoso.crm4.dynamics.com",
            parser.parse(body, new TransportHints("contoso.crm4.dynamics.com", false)).organization());
        assertEquals(CallbackBuilder.ORGANIZATION_ID.toString(), parser.parse(body, TransportHints.NONE).organization());
    }

    @Test
    void unknownMembersAreIgnored() {
        RowChange change = parse(CallbackBuilder.of("Update", "account", ROW).target("name", "Fourth Coffee")
            .set("SomeFutureMember", rawJson("{\"Nested\":[1,2,{\"x\":null}]}"))
            .set("InitiatingUserAgent", "Mozilla/5.0"));
        assertEquals("Fourth Coffee", change.attributes().text("name"));
    }

    @Test
    void missingOperationIdGivesADeterministicDigestKey() {
        byte[] body = CallbackBuilder.of("Update", "account", ROW).target("name", "A").withoutOperationId().build();
        byte[] other = CallbackBuilder.of("Update", "account", ROW).target("name", "B").withoutOperationId().build();
        RowChange first = parser.parse(body, TransportHints.NONE);
        assertNull(first.operationId());
        assertTrue(first.operationKey().matches("sha256:[0-9a-f]{32}"), first.operationKey());
        assertEquals(first.operationKey(), parser.parse(body.clone(), TransportHints.NONE).operationKey());
        assertNotEquals(first.operationKey(), parser.parse(other, TransportHints.NONE).operationKey());
    }
}
