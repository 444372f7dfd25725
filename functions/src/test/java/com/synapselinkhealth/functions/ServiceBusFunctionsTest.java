package com.synapselinkhealth.functions;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.spy;

import com.synapselinkhealth.app.EntryPoints;
import com.synapselinkhealth.app.LinkHealth;
import com.synapselinkhealth.config.Settings;
import com.synapselinkhealth.health.HealthEvent;
import com.synapselinkhealth.health.HealthEventName;
import com.synapselinkhealth.ingest.CallbackIntake;
import com.synapselinkhealth.ingest.IntakeResult;
import com.synapselinkhealth.local.host.LocalExecutionContext;
import com.synapselinkhealth.statetables.StateTable;
import com.synapselinkhealth.store.DeadLetter;
import com.synapselinkhealth.store.EventQuery;
import com.synapselinkhealth.testing.CallbackBuilder;
import com.synapselinkhealth.testing.TestClock;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Service Bus queue and topic triggers called directly, with the binding metadata the host passes. */
class ServiceBusFunctionsTest {
    private static final Instant NOW = Instant.parse("2024-06-03T10:00:00Z");
    private static final String CLAIMS = "http://schemas.microsoft.com/xrm/2011/Claims/";
    private static final String ORG_URL = "https://contoso.crm4.dynamics.com/";

    private final List<HealthEvent> published = new ArrayList<>();

    private LinkHealth app(Map<String, String> settings) {
        return LinkHealth.inMemory(Settings.of(settings), new TestClock(NOW), published::add);
    }

    /** The property bag Dataverse puts on every service-endpoint message. */
    private static Map<String, Object> claims(String organization) {
        Map<String, Object> properties = new HashMap<>();
        if (organization != null) {
            properties.put(CLAIMS + "Organization", organization);
        }
        properties.put(CLAIMS + "User", CallbackBuilder.SYSTEM_USER_ID.toString());
        properties.put(CLAIMS + "InitiatingUser", CallbackBuilder.SYSTEM_USER_ID.toString());
        properties.put(CLAIMS + "EntityLogicalName", "synapselinkprofileentitystate");
        properties.put(CLAIMS + "RequestName", "Update");
        return properties;
    }

    /** The application properties as the host binds them: one JSON object (see ServiceBusWorkerBindingTest). */
    private static String json(Map<String, Object> properties) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(properties);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void queueTrigger(LinkHealth app, byte[] body, Map<String, Object> properties,
                                     LocalExecutionContext context) {
        EntryPoints.of(app).create(ServiceBusQueueFunction.class).run(body, json(properties), "101", context);
    }

    private static void topicTrigger(LinkHealth app, byte[] body, Map<String, Object> properties,
                                     LocalExecutionContext context) {
        EntryPoints.of(app).create(ServiceBusTopicFunction.class).run(body, json(properties), "102", context);
    }

    private static List<HealthEvent> stored(LinkHealth app) {
        return app.stores().events().query(EventQuery.latest(100));
    }

    @Test
    void aJsonMessageOnTheQueueIsProcessedAtOnce() {
        LinkHealth app = app(Map.of());
        LocalExecutionContext context = LocalExecutionContext.recording("DataverseServiceBusQueue");
        queueTrigger(app, Callbacks.tableSyncFailed().build(), claims(ORG_URL), context);

        List<HealthEvent> events = stored(app);
        assertEquals(1, events.size(), context.text());
        assertEquals(HealthEventName.TableSyncFailed, events.get(0).name());
        assertEquals(Callbacks.ROW, events.get(0).rowId());
        assertEquals(events, published);
        assertEquals(1, app.stores().rowStates().list(StateTable.PROFILE_ENTITY_STATE).size());
        assertTrue(app.stores().deadLetters().recent(10).isEmpty());
        assertTrue(context.recordsAtLeast(Level.WARNING).isEmpty(), context.text());
    }

    @Test
    void aJsonMessageOnTheTopicIsProcessedTheSameWay() {
        LinkHealth app = app(Map.of());
        LocalExecutionContext context = LocalExecutionContext.recording("DataverseServiceBusTopic");
        topicTrigger(app, Callbacks.tableSyncFailed().build(), claims(ORG_URL), context);

        assertEquals(List.of(HealthEventName.TableSyncFailed), stored(app).stream().map(HealthEvent::name).toList());
        // redelivery of the same message raises nothing new
        topicTrigger(app, Callbacks.tableSyncFailed().build(), claims(ORG_URL),
            LocalExecutionContext.recording("DataverseServiceBusTopic"));
        assertEquals(1, stored(app).size());
        assertEquals(1, published.size());
    }

    @Test
    void aMessageForAnotherTableIsIgnored() {
        LinkHealth app = app(Map.of());
        LocalExecutionContext context = LocalExecutionContext.recording("DataverseServiceBusQueue");
        Map<String, Object> properties = claims(ORG_URL);
        properties.put(CLAIMS + "EntityLogicalName", "account");
        queueTrigger(app, Callbacks.account().build(), properties, context);
        assertTrue(stored(app).isEmpty());
        assertTrue(app.stores().deadLetters().recent(10).isEmpty());
        assertTrue(context.text().contains("Ignored"), context.text());
    }

    @Test
    void aBodyForAnotherTableThanItsClaimIsProcessedByTheBodyAndLogged() {
        LinkHealth app = app(Map.of());
        LocalExecutionContext context = LocalExecutionContext.recording("DataverseServiceBusQueue");
        Map<String, Object> properties = claims(ORG_URL);
        properties.put(CLAIMS + "EntityLogicalName", "synapselinkprofile");
        queueTrigger(app, Callbacks.tableSyncFailed().build(), properties, context);
        assertEquals(1, stored(app).size());
        assertEquals(1, context.recordsAtLeast(Level.WARNING).size(), context.text());
    }

    @ParameterizedTest
    @ValueSource(strings = {"binary", "text"})
    void anXmlMessageFormatIsRefusedAndDeadLetteredNotCrashedOn(String format) {
        LinkHealth app = app(Map.of());
        byte[] body = format.equals("text")
            ? ("\uFEFF <RemoteExecutionContext xmlns=\"http://schemas.microsoft.com/xrm/2011/Contracts\">"
                + "<MessageName>Update</MessageName><PrimaryEntityName>synapselinkprofileentitystate</PrimaryEntityName>"
                + "</RemoteExecutionContext>").getBytes(StandardCharsets.UTF_8)
            : new byte[] {0x56, 0x02, 0x0B, 0x01, 0x73, 0x04, (byte) 0x82, (byte) 0xAB, 0x01, (byte) 0xFF};
        for (boolean topic : new boolean[] {false, true}) {
            LocalExecutionContext context = LocalExecutionContext.recording("sb");
            assertDoesNotThrow(() -> {
                if (topic) {
                    topicTrigger(app, body, claims(ORG_URL), context);
                } else {
                    queueTrigger(app, body, claims(ORG_URL), context);
                }
            });
            DeadLetter letter = app.stores().deadLetters().recent(1).get(0);
            assertEquals(topic ? "servicebus-topic" : "servicebus-queue", letter.source());
            assertEquals("unsupported-format", letter.reason());
            assertEquals(null, letter.contentType(), "the content type is not bound; the body says what it is");
            assertEquals(body.length, letter.bodyBytes());
            assertTrue(letter.detail().contains(format.equals("text") ? "Text XML" : "0x56"), letter.detail());
            assertTrue(letter.detail().contains("Json message format"), letter.detail());
            String log = context.text();
            assertTrue(log.contains("WARNING") && log.contains("#10") && log.contains(letter.id()), log);
        }
        assertEquals(2, app.stores().deadLetters().recent(10).size());
        assertTrue(stored(app).isEmpty());
        assertTrue(app.stores().rowStates().list(StateTable.PROFILE_ENTITY_STATE).isEmpty());
    }

    @Test
    void aMalformedJsonMessageIsDeadLetteredAndCompleted() {
        LinkHealth app = app(Map.of());
        LocalExecutionContext context = LocalExecutionContext.recording("DataverseServiceBusQueue");
        assertDoesNotThrow(() -> queueTrigger(app, Callbacks.withMember("Big", "9".repeat(5000)),
            claims(ORG_URL), context));
        assertEquals("too-complex", app.stores().deadLetters().recent(1).get(0).reason());
        assertTrue(stored(app).isEmpty());
    }

    /** A LinkHealth whose intake records every result, to see what the trigger made of a message. */
    private static LinkHealth recording(LinkHealth app, List<IntakeResult> results) {
        LinkHealth spyApp = spy(app);
        CallbackIntake intake = spy(app.intake());
        doAnswer(call -> {
            IntakeResult result = (IntakeResult) call.callRealMethod();
            results.add(result);
            return result;
        }).when(intake).accept(any(), any(), any(), any(), any());
        doReturn(intake).when(spyApp).intake();
        return spyApp;
    }

    @Test
    void theMessageMaxSizeExceededPropertyMarksTheChange() {
        List<IntakeResult> results = new ArrayList<>();
        LinkHealth app = recording(app(Map.of()), results);
        byte[] body = CallbackBuilder.update(StateTable.PROFILE_ENTITY_STATE, Callbacks.ROW).sizeExceeded().build();

        Map<String, Object> exceeded = claims(ORG_URL);
        exceeded.put("MessageMaxSizeExceeded", Boolean.TRUE);
        queueTrigger(app, body, exceeded, LocalExecutionContext.recording("sb"));
        Map<String, Object> notExceeded = claims(ORG_URL);
        notExceeded.put("MessageMaxSizeExceeded", "false");
        queueTrigger(app, body, notExceeded, LocalExecutionContext.recording("sb"));
        queueTrigger(app, body, claims(ORG_URL), LocalExecutionContext.recording("sb"));

        assertEquals(3, results.size());
        assertTrue(assertInstanceOf(IntakeResult.Accepted.class, results.get(0)).change().sizeExceeded());
        assertFalse(assertInstanceOf(IntakeResult.Accepted.class, results.get(1)).change().sizeExceeded());
        assertFalse(assertInstanceOf(IntakeResult.Accepted.class, results.get(2)).change().sizeExceeded());
        assertTrue(app.stores().deadLetters().recent(10).isEmpty());
    }

    @Test
    void theOrganizationClaimCarriesIntoTheChangeWhenTheBodyHasNoName() {
        List<IntakeResult> results = new ArrayList<>();
        LinkHealth app = recording(app(Map.of()), results);
        byte[] body = Callbacks.tableSyncFailed().remove("OrganizationName").build();
        queueTrigger(app, body, claims(ORG_URL), LocalExecutionContext.recording("sb"));
        assertEquals(ORG_URL, assertInstanceOf(IntakeResult.Accepted.class, results.get(0)).change().organization());
    }

    @Test
    void aMessageFromAnotherOrganizationIsRefusedAndDeadLettered() {
        LinkHealth app = app(Map.of(Settings.EXPECTED_ORGANIZATION, "https://contoso.crm4.dynamics.com"));
        LocalExecutionContext context = LocalExecutionContext.recording("DataverseServiceBusQueue");
        assertDoesNotThrow(() -> queueTrigger(app, Callbacks.tableSyncFailed().build(),
            claims("https://fabrikam.crm4.dynamics.com/"), context));

        assertTrue(stored(app).isEmpty());
        assertTrue(published.isEmpty());
        assertTrue(app.stores().rowStates().list(StateTable.PROFILE_ENTITY_STATE).isEmpty());
        DeadLetter letter = app.stores().deadLetters().recent(10).get(0);
        assertEquals("invalid-value", letter.reason());
        assertEquals("servicebus-queue", letter.source());
        assertTrue(letter.detail().contains("fabrikam") && letter.detail().contains("contoso"), letter.detail());
        assertTrue(letter.body().contains("synapselinkprofileentitystate"), letter.body());
        assertTrue(context.text().contains("Refused"), context.text());
    }

    @Test
    void aMessageWithoutAnOrganizationClaimIsRefusedWhenOneIsExpected() {
        LinkHealth app = app(Map.of(Settings.EXPECTED_ORGANIZATION, "contoso.crm4.dynamics.com"));
        queueTrigger(app, Callbacks.tableSyncFailed().build(), claims(null),
            LocalExecutionContext.recording("sb"));
        assertTrue(stored(app).isEmpty());
        assertEquals(1, app.stores().deadLetters().recent(10).size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://contoso.crm4.dynamics.com/", "https://CONTOSO.crm4.dynamics.com", "contoso.crm4.dynamics.com"})
    void aMessageFromTheExpectedOrganizationIsProcessed(String claim) {
        LinkHealth app = app(Map.of(Settings.EXPECTED_ORGANIZATION, "https://contoso.crm4.dynamics.com"));
        topicTrigger(app, Callbacks.tableSyncFailed().build(), claims(claim),
            LocalExecutionContext.recording("sb"));
        assertEquals(1, stored(app).size());
        assertTrue(app.stores().deadLetters().recent(10).isEmpty());
    }

    @Test
    void aProcessingFailureIsThrownSoServiceBusRedelivers() {
        LinkHealth app = LinkHealth.inMemory(Settings.of(Map.of()), new TestClock(NOW), event -> {
            throw new IllegalStateException("delivery queue unavailable");
        });
        RuntimeException thrown = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
            () -> queueTrigger(app, Callbacks.tableSyncFailed().build(), claims(ORG_URL),
                LocalExecutionContext.recording("sb")));
        assertEquals("delivery queue unavailable", thrown.getMessage());
    }
}
