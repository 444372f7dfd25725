package com.synapselinkhealth.statuspage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.synapselinkhealth.health.HealthEvent;
import com.synapselinkhealth.health.HealthEventName;
import com.synapselinkhealth.health.Severity;
import com.synapselinkhealth.health.StallPolicy;
import com.synapselinkhealth.health.cloudevents.HealthCloudEvents;
import com.synapselinkhealth.health.cloudevents.ReadyToPostEvents;
import com.synapselinkhealth.health.messages.SampleEvents;
import com.synapselinkhealth.memory.InMemoryEventStore;
import com.synapselinkhealth.memory.InMemoryRowStateStore;
import com.synapselinkhealth.status.RecentEventsRequest;
import com.synapselinkhealth.status.StatusException;
import com.synapselinkhealth.status.StatusService;
import com.synapselinkhealth.status.json.StatusJson;
import com.synapselinkhealth.testing.TestClock;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An event stored under a name the catalogue does not hold (renamed or added by another version) is still listed by
 * the recent-events JSON and shown on the status page, as it was written; only a name a person types is checked.
 */
class UnknownEventNameTest {
    private static final Instant NOW = Instant.parse("2026-11-21T09:00:00Z");

    /** The event as another version stored it, read back from its CloudEvent JSON. */
    private static HealthEvent stored(String name, Severity severity, String id) {
        HealthEvent written = SampleEvents.of(HealthEventName.TableSyncFailed, "Contoso Lake", "contact").toBuilder()
            .id(id).name(HealthEventName.fromString(name, severity)).build();
        return HealthCloudEvents.fromJson(HealthCloudEvents.toJson(written));
    }

    private static StatusService status(HealthEvent... events) {
        InMemoryEventStore store = new InMemoryEventStore();
        for (HealthEvent event : events) {
            store.append(event);
        }
        return new StatusService(new InMemoryRowStateStore(), store, StallPolicy.DEFAULT, new TestClock(NOW));
    }

    @Test
    void theRecentEventsJsonListsItWithItsStoredSeverity() {
        StatusService status = status(stored("TableSyncBroken", Severity.ERROR, "evt-renamed"));
        JsonNode listed = StatusJson.eventList(status.recentEvents(RecentEventsRequest.latest(10)), null,
            new ReadyToPostEvents(null)).path("value");
        assertEquals(1, listed.size(), listed.toString());
        JsonNode event = listed.get(0);
        assertEquals("evt-renamed", event.path("id").asText());
        assertEquals(HealthEventName.TYPE_PREFIX + "TableSyncBroken", event.path("type").asText());
        assertEquals("TableSyncBroken", event.path("data").path("eventName").asText());
        assertEquals("error", event.path("data").path("severity").asText());
        assertTrue(event.path("data").path("markdown").asText().contains("Error: Table sync broken"),
            event.path("data").path("markdown").asText());
        assertEquals("attention", event.path("data").path("card").path("body").get(0).path("color").asText());
    }

    @Test
    void theStatusPageShowsItEscaped() {
        StatusService status = status(stored("TableSyncBroken", Severity.WARNING, "evt-1"),
            stored("Renamed<b>", null, "evt-2"));
        String html = StatusPageHtml.render(StatusBoard.read(status, NOW), "bm9uY2U=", 30);
        assertTrue(html.contains("<tr class=\"severity-warning\">"), html);
        assertTrue(html.contains("<td>TableSyncBroken</td>"), html);
        assertTrue(html.contains("<tr class=\"severity-info\">"), "no stored severity reads as info");
        assertTrue(html.contains("<td>Renamed&lt;b&gt;</td>"), html);
        assertFalse(html.contains("Renamed<b>"), html);
    }

    @Test
    void aNameTypedIntoTheEventFilterIsStillCheckedAgainstTheCatalogue() {
        StatusException e = assertThrows(StatusException.class,
            () -> RecentEventsRequest.fromParameters(Map.of("event", "TableSyncBroken")));
        assertEquals(StatusException.Kind.INVALID_PARAMETER, e.kind());
        assertEquals("event", e.parameter());
        assertEquals(1, RecentEventsRequest.fromParameters(Map.of("event", "tablesyncfailed")).names().size());
    }
}
