package com.synapselinkhealth.health.cloudevents;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.synapselinkhealth.health.HealthEvent;
import com.synapselinkhealth.health.HealthEventName;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A CloudEvent's {@code time} is an RFC 3339 date-time even on a whole minute, where azure-core drops the seconds. */
class CloudEventTimeTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static HealthEvent at(Instant time) {
        return HealthEvent.builder().id("evt-1").name(HealthEventName.TableSyncFailed).time(time).organization("contoso")
            .profileName("Contoso Lake").table("contact").stateTable("synapselinkprofileentitystate")
            .previousState("InProgress").currentState("CompletedWithFailures").lastSyncedAt(time)
            .lakeRecordCount(1L).dataverseRecordCount(2L).rowId(UUID.randomUUID()).summary("Sync of table contact failed.")
            .build();
    }

    @Test
    void wholeMinutesKeepTheirSeconds() throws Exception {
        for (String time : new String[] {"2026-11-20T09:14:00Z", "2026-11-20T09:14:05Z", "2026-11-20T09:14:05.250Z"}) {
            String json = HealthCloudEvents.toJson(at(Instant.parse(time)));
            assertEquals(time, JSON.readTree(json).path("time").asText(), json);
            assertEquals(Instant.parse(time), HealthCloudEvents.fromJson(json).time());
        }
    }
}
