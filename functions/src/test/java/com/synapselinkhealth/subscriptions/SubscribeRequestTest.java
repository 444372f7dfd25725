package com.synapselinkhealth.subscriptions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.synapselinkhealth.health.HealthEventName;
import com.synapselinkhealth.health.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A trigger's subscribe request read from its body's members, as plain values. */
class SubscribeRequestTest {
    private static final String URL = "https://prod-00.westeurope.logic.azure.com/workflows/abc/triggers/manual/run?sig=s";

    private static Map<String, Object> body(Object... pairs) {
        Map<String, Object> body = new HashMap<>();
        body.put("callbackUrl", URL);
        for (int i = 0; i < pairs.length; i += 2) {
            body.put((String) pairs[i], pairs[i + 1]);
        }
        return body;
    }

    private static SubscribeRequest read(TriggerKind trigger, Map<String, ?> body) {
        return SubscribeRequest.read(trigger, body, url -> { });
    }

    @Test
    void anEventTriggerTakesTheFlowMakersFilters() {
        SubscribeRequest request = read(TriggerKind.OnHealthEvent, body("profile", " Contoso Lake ", "table", "",
            "events", List.of("TableSyncFailed", " TableSyncPaused"), "minimumSeverity", "warning"));
        assertEquals("Contoso Lake", request.filter().profile());
        assertNull(request.filter().table());
        assertEquals(Set.of(HealthEventName.TableSyncFailed, HealthEventName.TableSyncPaused), request.filter().events());
        assertEquals(Severity.WARNING, request.filter().minimumSeverity());
        assertEquals(Set.of(HealthEventName.TableSyncFailed, HealthEventName.TableSyncPaused),
            read(TriggerKind.OnHealthEvent, body("events", "TableSyncFailed,,TableSyncPaused")).filter().events());

        Subscription subscription = request.subscription("id-1", Instant.EPOCH);
        assertEquals("id-1", subscription.id());
        assertEquals(TriggerKind.OnHealthEvent, subscription.trigger());
        assertEquals(URL, subscription.callbackUrl().reveal());
        assertEquals(0, subscription.badRequests());
    }

    @Test
    void theFixedTriggersIgnoreTheFiltersTheyDoNotTake() {
        SubscribeRequest failures = read(TriggerKind.OnTableSyncFailure, body("events", List.of("TableSyncPaused"),
            "minimumSeverity", "info", "profile", "Contoso Lake"));
        assertEquals(TriggerKind.TABLE_FAILURES, failures.filter().events());
        assertEquals(Severity.ERROR, failures.filter().minimumSeverity());
        assertEquals("Contoso Lake", failures.filter().profile());

        SubscribeRequest digest = read(TriggerKind.OnHealthDigest, body("profile", "Contoso Lake", "table", "contact",
            "events", 7));
        assertEquals(Set.of(HealthEventName.HealthDigest), digest.filter().events());
        assertNull(digest.filter().profile());
        assertNull(digest.filter().table());
    }

    @Test
    void aRequestThatCannotBeUsedSaysWhy() {
        assertEquals("The body must be a JSON object with callbackUrl and the trigger's filters.",
            assertThrows(IllegalArgumentException.class, () -> read(TriggerKind.OnHealthEvent, null)).getMessage());
        Map<String, Object> noUrl = body();
        noUrl.put("callbackUrl", " ");
        assertEquals("callbackUrl is required: the URL to post each event to.",
            assertThrows(IllegalArgumentException.class, () -> read(TriggerKind.OnHealthEvent, noUrl)).getMessage());
        assertEquals("profile must be a string.", assertThrows(IllegalArgumentException.class,
            () -> read(TriggerKind.OnHealthEvent, body("profile", 1))).getMessage());
        assertEquals("events must be an array of event names.", assertThrows(IllegalArgumentException.class,
            () -> read(TriggerKind.OnHealthEvent, body("events", Map.of()))).getMessage());
        assertEquals("events must hold event names (strings).", assertThrows(IllegalArgumentException.class,
            () -> read(TriggerKind.OnHealthEvent, body("events", List.of("TableSyncFailed", 5)))).getMessage());
        List<Object> many = new ArrayList<>();
        for (int i = 0; i <= 4 * HealthEventName.values().length; i++) {
            many.add("TableSyncFailed");
        }
        assertTrue(assertThrows(IllegalArgumentException.class,
            () -> read(TriggerKind.OnHealthEvent, body("events", many))).getMessage().startsWith("events has "));
        assertEquals("'Nope' is not an event name; ListEventTypes lists them.", assertThrows(IllegalArgumentException.class,
            () -> read(TriggerKind.OnHealthEvent, body("events", "Nope"))).getMessage());
        assertEquals("minimumSeverity must be info, warning or error, not 'fatal'.", assertThrows(
            IllegalArgumentException.class, () -> read(TriggerKind.OnHealthEvent, body("minimumSeverity", "fatal")))
            .getMessage());
    }

    @Test
    void theCallbackUrlIsCheckedBeforeTheFilters() {
        IllegalStateException refused = new IllegalStateException("refused");
        assertEquals(refused, assertThrows(IllegalStateException.class, () -> SubscribeRequest.read(
            TriggerKind.OnHealthEvent, body("events", "Nope"), url -> {
                throw refused;
            })));
    }
}
