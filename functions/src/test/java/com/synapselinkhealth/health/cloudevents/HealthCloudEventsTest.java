package com.synapselinkhealth.health.cloudevents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.synapselinkhealth.health.DigestReport;
import com.synapselinkhealth.health.EventDetails;
import com.synapselinkhealth.health.HealthEvent;
import com.synapselinkhealth.health.HealthEventName;
import com.synapselinkhealth.health.Severity;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class HealthCloudEventsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final UUID PROFILE = UUID.fromString("0a4c5e1f-2b3d-ef11-9f89-000d3a4a5b6c");
    private static final UUID ROW = UUID.fromString("e3b1f2a4-5c6d-ef11-9f89-000d3a4a5b6c");
    private static final UUID OPERATION = UUID.fromString("4af10637-4ea2-e711-8122-000d3aa2331c");
    private static final UUID CORRELATION = UUID.fromString("b374239d-4233-41a9-8b17-a86cb4f737b5");
    /** The data fields docs/events.md names for every event. */
    private static final Set<String> DATA_FIELDS = Set.of("eventName", "severity", "summary", "organization", "profileName",
        "profileId", "table", "stateTable", "previousState", "currentState", "lastSyncedAt", "lakeRecordCount",
        "dataverseRecordCount", "rowId", "operationId", "correlationId");

    private static HealthEvent tableSyncFailed() {
        return HealthEvent.builder().id("9f0c1d62-7a55-3a0e-9a43-2b8e5c1f7d10").name(HealthEventName.TableSyncFailed)
            .time(Instant.parse("2024-06-03T09:41:07.250Z")).organization("unqb015df52a05fee11a382000d3a64d")
            .profileName("Contoso Lake").profileId(PROFILE).table("contact").stateTable("synapselinkprofileentitystate")
            .previousState("InProgress").currentState("CompletedWithFailures")
            .lastSyncedAt(Instant.parse("2024-06-03T09:30:00Z")).lakeRecordCount(1200L)
            .rowId(ROW).operationId(OPERATION).correlationId(CORRELATION)
            .summary("Sync of table contact in profile Contoso Lake failed at 2024-06-03 09:41 UTC (was InProgress).")
            .build();
    }

    private static HealthEvent profileError(String profileName, UUID profileId) {
        return HealthEvent.builder().id("1d6c3b1e-4b0a-3d55-8a8f-0c1e2d3f4a5b").name(HealthEventName.ProfileError)
            .time(Instant.parse("2024-06-03T10:00:00Z")).organization("unqb015df52a05fee11a382000d3a64d")
            .profileName(profileName).profileId(profileId).stateTable("synapselinkprofile")
            .previousState("Active").currentState("Error").rowId(PROFILE)
            .summary("Profile went into Error at 2024-06-03 10:00 UTC (was Active); its tables are not syncing.")
            .build();
    }

    private static JsonNode structured(HealthEvent event) throws Exception {
        String json = HealthCloudEvents.toJson(event);
        assertFalse(json.contains("\n"), "one line");
        return JSON.readTree(json);
    }

    @Test
    void structuredJsonCarriesTheCloudEventsAttributes() throws Exception {
        JsonNode ce = structured(tableSyncFailed());
        assertEquals("1.0", ce.get("specversion").asText());
        assertEquals("9f0c1d62-7a55-3a0e-9a43-2b8e5c1f7d10", ce.get("id").asText());
        assertEquals("com.synapselinkhealth.synapselink.TableSyncFailed", ce.get("type").asText());
        assertTrue(ce.get("type").asText().endsWith(".TableSyncFailed"));
        assertEquals("/dataverse/unqb015df52a05fee11a382000d3a64d/synapselink/Contoso%20Lake", ce.get("source").asText());
        assertEquals("contact", ce.get("subject").asText());
        assertEquals("application/json", ce.get("datacontenttype").asText());
        assertEquals(Instant.parse("2024-06-03T09:41:07.250Z"), OffsetDateTime.parse(ce.get("time").asText()).toInstant());
        assertTrue(ce.get("time").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?(Z|[+-]\\d\\d:\\d\\d)"),
            "RFC 3339: " + ce.get("time").asText());
        assertTrue(ce.get("data").isObject(), "data is JSON, not base64");
    }

    @Test
    void dataHasExactlyTheDesignFieldsWithNullsPresent() throws Exception {
        JsonNode data = structured(tableSyncFailed()).get("data");
        List<String> names = new ArrayList<>();
        data.fieldNames().forEachRemaining(names::add);
        assertEquals(new TreeSet<>(DATA_FIELDS), new TreeSet<>(names));
        assertEquals(JSON.readTree("""
            {"eventName":"TableSyncFailed","severity":"error",
             "summary":"Sync of table contact in profile Contoso Lake failed at 2024-06-03 09:41 UTC (was InProgress).",
             "organization":"unqb015df52a05fee11a382000d3a64d","profileName":"Contoso Lake",
             "profileId":"0a4c5e1f-2b3d-ef11-9f89-000d3a4a5b6c","table":"contact",
             "stateTable":"synapselinkprofileentitystate","previousState":"InProgress",
             "currentState":"CompletedWithFailures","lastSyncedAt":"2024-06-03T09:30:00Z","lakeRecordCount":1200,
             "dataverseRecordCount":null,"rowId":"e3b1f2a4-5c6d-ef11-9f89-000d3a4a5b6c",
             "operationId":"4af10637-4ea2-e711-8122-000d3aa2331c","correlationId":"b374239d-4233-41a9-8b17-a86cb4f737b5"}
            """), data);
    }

    @Test
    void noTableMeansNoSubject() throws Exception {
        JsonNode ce = structured(profileError("Contoso Lake", PROFILE));
        assertFalse(ce.has("subject"), ce.toString());
        assertTrue(ce.get("data").get("table").isNull());
        assertTrue(ce.get("data").get("operationId").isNull());
    }

    @Test
    void sourceFallsBackToTheProfileIdThenToTheOrganization() throws Exception {
        assertEquals("/dataverse/unqb015df52a05fee11a382000d3a64d/synapselink/" + PROFILE,
            structured(profileError(null, PROFILE)).get("source").asText());
        assertEquals("/dataverse/unqb015df52a05fee11a382000d3a64d/synapselink",
            structured(profileError(null, null)).get("source").asText());
        assertEquals("/dataverse/unqb015df52a05fee11a382000d3a64d/synapselink/Lake%2FSouth%20%C3%A9",
            structured(profileError("Lake/South \u00e9", PROFILE)).get("source").asText());
    }

    @Test
    void roundTrip() {
        for (HealthEvent event : List.of(tableSyncFailed(), profileError("Contoso Lake", PROFILE), profileError(null, null))) {
            assertEquals(event, HealthCloudEvents.fromJson(HealthCloudEvents.toJson(event)));
        }
    }

    /** Each early warning and the digest keep their details through the JSON the outbox and the event store hold. */
    @Test
    void theDetailsOfEveryEarlyWarningAndTheDigestRoundTrip() throws Exception {
        Instant at = Instant.parse("2026-11-20T09:14:00Z");
        DigestReport digest = new DigestReport("contoso", at, List.of(
            new DigestReport.ProfileDigest(PROFILE, "Contoso Lake", 12, 9, 1, 1, 0, 1, 0, 1,
                List.of(new DigestReport.DigestItem("contact", "failing",
                    Severity.ERROR, "Sync failed at 09:00 UTC.")))));
        List<EventDetails> details = List.of(
            EventDetails.drift(-1_200), EventDetails.lag(2_400, 3_600),
            EventDetails.progress(50, at.plusSeconds(9_000)),
            EventDetails.progress(25, null),
            EventDetails.allowance(10_800), EventDetails.of(digest));
        for (EventDetails d : details) {
            HealthEvent event = tableSyncFailed().toBuilder().name(HealthEventName.RecordCountDrift)
                .previousState(null).currentState(null).details(d).build();
            String json = HealthCloudEvents.toJson(event);
            assertEquals(event, HealthCloudEvents.fromJson(json), json);
        }
        HealthEvent plain = tableSyncFailed();
        JsonNode data = structured(plain).get("data");
        for (String field : List.of("recordCountDifference", "lagSeconds", "allowanceSeconds", "progressPercent", "digest")) {
            assertFalse(data.has(field), "an event without details has no " + field);
        }
    }
}
