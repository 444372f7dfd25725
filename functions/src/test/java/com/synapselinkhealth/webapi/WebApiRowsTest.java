package com.synapselinkhealth.webapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.core.http.netty.NettyAsyncHttpClientBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.synapselinkhealth.dataverse.AttributeValue;
import com.synapselinkhealth.dataverse.Attributes;
import com.synapselinkhealth.dataverse.EntityReference;
import com.synapselinkhealth.dataverse.MessageName;
import com.synapselinkhealth.dataverse.RowChange;
import com.synapselinkhealth.health.HealthEvent;
import com.synapselinkhealth.health.HealthEventName;
import com.synapselinkhealth.ingest.ProcessingResult.Outcome;
import com.synapselinkhealth.ingest.ProcessingResult;
import com.synapselinkhealth.statetables.Columns;
import com.synapselinkhealth.statetables.StateTable;
import com.synapselinkhealth.testing.Pipeline;
import com.synapselinkhealth.testing.SynapseLink;
import com.synapselinkhealth.webapi.FakeDataverse.Answer;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Web API rows become the same attributes and row changes a webhook gives, and reconciliation runs the same rules. */
class WebApiRowsTest {
    static final UUID ROW = UUID.fromString("e3b1f2a4-5c6d-ef11-9f89-000d3a4a5b6c");
    static final UUID PROFILE_ENTITY = UUID.fromString("7d2e9c1a-3b4f-ef11-9f89-000d3a4a5b6c");
    static final String HOST = "contoso.crm.dynamics.com";
    private final ObjectMapper json = new ObjectMapper();

    /** A synapselinkprofileentitystate row as the Web API returns it with the annotations the client asks for. */
    static String stateRow(int syncState, String syncLabel, long version) {
        return """
            {
              "@odata.etag": "W/\\"%3$d\\"",
              "synapselinkprofileentitystateid": "%1$s",
              "name": "contact",
              "entityname": "contact",
              "syncstate": %4$d,
              "syncstate@OData.Community.Display.V1.FormattedValue": "%5$s",
              "initialsyncstate": 4,
              "initialsyncstate@OData.Community.Display.V1.FormattedValue": "Completed",
              "metadatastate": 8,
              "metadatastate@OData.Community.Display.V1.FormattedValue": "Created",
              "synapsetablecreationstate": 2,
              "lastsynceddatatime": "2024-06-03T09:26:41Z",
              "lastsynceddatatime@OData.Community.Display.V1.FormattedValue": "6/3/2024 9:26 AM",
              "crmrecordcount": 260,
              "lakerecordcount": 250,
              "versionnumber": %3$d,
              "modifiedon": "2024-06-03T09:30:00Z",
              "statecode": 0,
              "statecode@OData.Community.Display.V1.FormattedValue": "Active",
              "statuscode": 1,
              "_profile_value": "%2$s",
              "_profile_value@OData.Community.Display.V1.FormattedValue": "%6$s",
              "_profile_value@Microsoft.Dynamics.CRM.associatednavigationproperty": "Profile",
              "_profile_value@Microsoft.Dynamics.CRM.lookuplogicalname": "synapselinkprofile",
              "_profileentity_value": "%7$s",
              "_owninguser_value": null
            }
            """.formatted(ROW, SynapseLink.PROFILE_ID, version, syncState, syncLabel, SynapseLink.PROFILE_NAME,
            PROFILE_ENTITY);
    }

    @Test
    void convertsColumnsByTheirTypes() throws Exception {
        JsonNode row = json.readTree(stateRow(8, "CompletedWithFailures", 1001));
        Attributes a = WebApiRows.attributes(StateTable.PROFILE_ENTITY_STATE, row);

        assertEquals(new AttributeValue.OptionSet(8), a.get("syncstate").orElseThrow());
        assertEquals(new AttributeValue.DateTime(Instant.parse("2024-06-03T09:26:41Z")), a.get("lastsynceddatatime").orElseThrow());
        assertEquals(new AttributeValue.WholeNumber(250), a.get("lakerecordcount").orElseThrow());
        assertEquals(1001L, a.wholeNumber("versionnumber"));
        assertEquals("contact", a.text("entityname"));
        assertEquals(ROW, a.guid("synapselinkprofileentitystateid"));
        assertEquals(new EntityReference("synapselinkprofile", SynapseLink.PROFILE_ID, SynapseLink.PROFILE_NAME),
            a.reference("profile"));
        assertEquals(new EntityReference("synapselinkprofileentity", PROFILE_ENTITY, null), a.reference("profileentity"),
            "without the annotation the lookup's table comes from what the column points at");
        assertTrue(a.names().stream().noneMatch(n -> n.contains("@") || n.startsWith("_")), a.names().toString());
        Columns.check(StateTable.PROFILE_ENTITY_STATE, a, "Web API row");

        RowChange change = WebApiRows.toRowChange(StateTable.PROFILE_ENTITY_STATE, row, HOST);
        assertEquals(MessageName.UPDATE, change.message());
        assertEquals("synapselinkprofileentitystate", change.table());
        assertEquals(ROW, change.rowId());
        assertEquals(Attributes.empty(), change.before());
        assertNull(change.operationId());
        assertEquals("webapi:synapselinkprofileentitystate:" + ROW + ":1001", change.operationKey());
        assertEquals(HOST, change.organization());
        assertEquals("CompletedWithFailures", change.formattedValues().get("syncstate"));
        assertEquals("Active", change.formattedValues().get("statecode"));
    }

    @Test
    void wrongTypeNamesTheColumn() throws Exception {
        JsonNode row = json.readTree("{\"synapselinkprofileentitystateid\":\"" + ROW + "\",\"syncstate\":\"eight\"}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> WebApiRows.attributes(StateTable.PROFILE_ENTITY_STATE, row));
        assertTrue(e.getMessage().contains("'syncstate'"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
            () -> WebApiRows.toRowChange(StateTable.PROFILE_ENTITY_STATE, json.readTree("{\"name\":\"x\"}"), HOST));
    }

    @Test
    void reconciliationReadRaisesTheEventOnceAndAChangedRowIsNew() throws Exception {
        Pipeline pipeline = new Pipeline();
        String set = DataverseWebApiClientTest.ROOT + "synapselinkprofileentitystates";
        try (FakeDataverse dataverse = new FakeDataverse()) {
            dataverse.on(set,
                Answer.json("{\"value\":[" + stateRow(8, "CompletedWithFailures", 1001) + "]}"),
                Answer.json("{\"value\":[" + stateRow(8, "CompletedWithFailures", 1001) + "]}"),
                Answer.json("{\"value\":[" + stateRow(4, "Completed", 1002) + "]}"));
            DataverseWebApiClient client = new DataverseWebApiClient(dataverse.url(),
                new DataverseWebApiClientTest.FakeCredential(), new NettyAsyncHttpClientBuilder().build(), true);

            ProcessingResult first = reconcile(pipeline, client);
            assertEquals(Outcome.APPLIED, first.outcome());
            assertEquals(List.of(HealthEventName.TableSyncFailed), first.events().stream().map(HealthEvent::name).toList());
            HealthEvent failed = first.events().get(0);
            assertEquals("contact", failed.table());
            assertEquals(SynapseLink.PROFILE_ID, failed.profileId());

            ProcessingResult again = reconcile(pipeline, client);
            assertEquals(Outcome.DUPLICATE, again.outcome());
            assertEquals(List.of(), again.events());
            assertEquals(1, pipeline.published.size());

            ProcessingResult changed = reconcile(pipeline, client);
            assertEquals(Outcome.APPLIED, changed.outcome());
            assertEquals(1, pipeline.published.size() - changed.events().size());
        }
    }

    private static ProcessingResult reconcile(Pipeline pipeline, DataverseWebApiClient client) {
        List<JsonNode> rows = client.readAll(StateTable.PROFILE_ENTITY_STATE);
        assertEquals(1, rows.size());
        return pipeline.processor.process(
            WebApiRows.toRowChange(StateTable.PROFILE_ENTITY_STATE, rows.get(0), client.environmentHost()));
    }
}
