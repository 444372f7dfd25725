package com.synapselinkhealth.functions;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.ServiceBusQueueTrigger;
import com.microsoft.azure.functions.annotation.ServiceBusTopicTrigger;
import com.synapselinkhealth.app.EntryPoints;
import com.synapselinkhealth.app.LinkHealth;
import com.synapselinkhealth.config.Settings;
import com.synapselinkhealth.health.HealthEvent;
import com.synapselinkhealth.health.HealthEventName;
import com.synapselinkhealth.local.host.LocalExecutionContext;
import com.synapselinkhealth.store.DeadLetter;
import com.synapselinkhealth.store.EventQuery;
import com.synapselinkhealth.testing.TestClock;
import java.lang.annotation.Annotation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Service Bus functions called the way the Functions host and the Java worker really call them, with messages
 * that lack optional metadata: no ContentType, no MessageId, no application property at all.
 *
 * <ul>
 *   <li>{@link #triggerMetadata}: the Service Bus extension (5.x, {@code ServiceBusTriggerBindingStrategy}) puts each
 *       member of the received message into the binding data; the host sends the worker only the members whose value
 *       is not null ({@code ShouldSkipBindingData}), a dictionary as JSON, a number as an integer, a string as a
 *       string.</li>
 *   <li>{@link #invoke}: the worker's {@code ParameterResolver} binds the trigger parameter to the message body and
 *       each {@code @BindingName} parameter to the metadata member of that name. An absent member fails the
 *       invocation ("Cannot find matched @BindingName", {@code BindingDataStore.getTriggerMetatDataByName}) before any
 *       code runs, so Service Bus retries the message until it dead-letters it. A JSON member binds to a
 *       {@code String} (its text), an integer to a {@code String} or a number ({@code RpcJsonDataSource},
 *       {@code RpcIntegerDataSource}).</li>
 * </ul>
 */
class ServiceBusWorkerBindingTest {
    private static final Instant NOW = Instant.parse("2024-06-03T10:00:00Z");
    private static final String CLAIMS = "http://schemas.microsoft.com/xrm/2011/Claims/";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One trigger metadata value as the host sends it (the rpc {@code TypedData} cases it uses here). */
    private sealed interface Typed permits Text, JsonText, Integer64 {
    }

    private record Text(String value) implements Typed {
    }

    private record JsonText(String value) implements Typed {
    }

    private record Integer64(long value) implements Typed {
    }

    /** A received message: what the extension reads from it (null = the sender did not set it). */
    private record Message(byte[] body, String contentType, String messageId, String correlationId, String subject,
                           Map<String, Object> applicationProperties, long sequenceNumber, int deliveryCount) {
    }

    /** The trigger metadata the worker receives for a message: only the members whose value is not null. */
    private static Map<String, Typed> triggerMetadata(Message m) {
        Map<String, Object> binding = new LinkedHashMap<>();
        binding.put("DeliveryCount", m.deliveryCount());
        binding.put("DeadLetterSource", null);
        binding.put("LockToken", UUID.randomUUID().toString());
        binding.put("ExpiresAtUtc", "9999-12-31T23:59:59.9999999");
        binding.put("EnqueuedTimeUtc", NOW.toString());
        binding.put("MessageId", m.messageId());
        binding.put("ContentType", m.contentType());
        binding.put("ReplyTo", null);
        binding.put("SequenceNumber", m.sequenceNumber());
        binding.put("To", null);
        binding.put("Subject", m.subject());
        binding.put("Label", m.subject());
        binding.put("CorrelationId", m.correlationId());
        binding.put("ApplicationProperties", m.applicationProperties()); // never null: empty when the message has none
        binding.put("UserProperties", m.applicationProperties());
        binding.put("SessionId", null);
        Map<String, Typed> metadata = new LinkedHashMap<>();
        binding.forEach((name, value) -> {
            if (value == null) {
                return; // the host leaves it out
            }
            if (value instanceof String s) {
                metadata.put(name, new Text(s));
            } else if (value instanceof Number n) {
                metadata.put(name, new Integer64(n.longValue()));
            } else {
                try {
                    metadata.put(name, new JsonText(JSON.writeValueAsString(value)));
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException(e);
                }
            }
        });
        return metadata;
    }

    /** Binds and calls a function method as the Java worker does; a failure to bind throws before the method runs. */
    private static void invoke(Object function, Message message, ExecutionContext context) throws Exception {
        Method method = Arrays.stream(function.getClass().getMethods())
            .filter(m -> m.isAnnotationPresent(FunctionName.class)).findFirst().orElseThrow();
        Map<String, Typed> metadata = triggerMetadata(message);
        Class<?>[] types = method.getParameterTypes();
        Annotation[][] annotations = method.getParameterAnnotations();
        List<Object> arguments = new ArrayList<>();
        for (int i = 0; i < types.length; i++) {
            arguments.add(argument(types[i], annotations[i], message, metadata, context));
        }
        try {
            method.invoke(function, arguments.toArray());
        } catch (InvocationTargetException e) {
            throw (Exception) e.getCause();
        }
    }

    private static Object argument(Class<?> type, Annotation[] annotations, Message message, Map<String, Typed> metadata,
                                   ExecutionContext context) {
        for (Annotation a : annotations) {
            if (a instanceof ServiceBusQueueTrigger || a instanceof ServiceBusTopicTrigger) {
                if (type != byte[].class) {
                    throw new IllegalStateException("dataType binary binds to byte[], not " + type);
                }
                return message.body();
            }
            if (a instanceof BindingName name) {
                Typed value = metadata.get(name.value());
                if (value == null) {
                    throw new BindingFailure("Cannot find matched @BindingName of customer function, please check if "
                        + "customer function is defined correctly: " + name.value());
                }
                return convert(value, type, name.value());
            }
        }
        if (type == ExecutionContext.class) {
            return context;
        }
        throw new IllegalStateException("a parameter the worker cannot bind: " + type);
    }

    private static Object convert(Typed value, Class<?> type, String name) {
        if (value instanceof Text t && type == String.class) {
            return t.value();
        }
        if (value instanceof JsonText j && type == String.class) {
            return j.value();
        }
        if (value instanceof Integer64 n) {
            if (type == String.class) {
                return Long.toString(n.value());
            }
            if (type == long.class || type == Long.class) {
                return n.value();
            }
            if (type == int.class || type == java.lang.Integer.class) {
                return (int) n.value();
            }
        }
        throw new BindingFailure("the worker has no conversion of " + value.getClass().getSimpleName() + " " + name
            + " to " + type.getSimpleName());
    }

    /** The invocation failed in the worker, before the function's code. */
    private static final class BindingFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BindingFailure(String message) {
            super(message);
        }
    }

    // ------------------------------------------------------------------------------------------------------------

    private final List<HealthEvent> published = new ArrayList<>();

    private LinkHealth app(Map<String, String> settings) {
        return LinkHealth.inMemory(Settings.of(settings), new TestClock(NOW), published::add);
    }

    private static Map<String, Object> claims() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put(CLAIMS + "Organization", "https://contoso.crm4.dynamics.com/");
        properties.put(CLAIMS + "EntityLogicalName", "synapselinkprofileentitystate");
        properties.put(CLAIMS + "RequestName", "Update");
        return properties;
    }

    private static Message message(byte[] body, String contentType, String messageId, Map<String, Object> properties) {
        return new Message(body, contentType, messageId, null, null, properties, 7, 1);
    }

    private static Object function(String kind, LinkHealth app) {
        Class<?> type = kind.equals("queue") ? ServiceBusQueueFunction.class : ServiceBusTopicFunction.class;
        return EntryPoints.of(app).create(type);
    }

    private static List<HealthEventName> stored(LinkHealth app) {
        return app.stores().events().query(EventQuery.latest(100)).stream().map(HealthEvent::name).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"queue", "topic"})
    void aJsonMessageWithoutContentTypeOrMessageIdReachesTheCodeAndIsJudged(String kind) throws Exception {
        LinkHealth app = app(Map.of());
        LocalExecutionContext context = LocalExecutionContext.recording("sb");
        invoke(function(kind, app), message(Callbacks.tableSyncFailed().build(), null, null, claims()), context);
        assertEquals(List.of(HealthEventName.TableSyncFailed), stored(app), context.text());
        assertTrue(app.stores().deadLetters().recent(10).isEmpty());
        assertTrue(context.text().contains("#7"), "the log names the message by its sequence number: " + context.text());
    }

    @ParameterizedTest
    @ValueSource(strings = {"queue", "topic"})
    void aMessageWithoutAnyClaimPropertyReachesTheCodeAndIsJudgedOnItsBody(String kind) throws Exception {
        LinkHealth app = app(Map.of());
        invoke(function(kind, app), message(Callbacks.tableSyncFailed().build(), "application/json", "m-1", Map.of()),
            LocalExecutionContext.recording("sb"));
        assertEquals(List.of(HealthEventName.TableSyncFailed), stored(app));
    }

    @Test
    void withAnExpectedOrganizationAMessageWithoutClaimsIsRefusedAndKept() throws Exception {
        LinkHealth app = app(Map.of(Settings.EXPECTED_ORGANIZATION, "https://contoso.crm4.dynamics.com"));
        LocalExecutionContext context = LocalExecutionContext.recording("sb");
        assertDoesNotThrow(() -> invoke(function("queue", app),
            message(Callbacks.tableSyncFailed().build(), null, null, Map.of()), context));
        assertTrue(stored(app).isEmpty());
        DeadLetter letter = app.stores().deadLetters().recent(1).get(0);
        assertEquals("invalid-value", letter.reason());
        assertTrue(context.text().contains("Refused") && context.text().contains(letter.id()), context.text());
    }

    @ParameterizedTest
    @ValueSource(strings = {"queue", "topic"})
    void anXmlMessageWithoutContentTypeIsRefusedAndKeptNotRetried(String kind) throws Exception {
        LinkHealth app = app(Map.of());
        byte[] xml = "<RemoteExecutionContext xmlns=\"http://schemas.microsoft.com/xrm/2011/Contracts\"/>"
            .getBytes(StandardCharsets.UTF_8);
        assertDoesNotThrow(() -> invoke(function(kind, app), message(xml, null, null, claims()),
            LocalExecutionContext.recording("sb")));
        DeadLetter letter = app.stores().deadLetters().recent(1).get(0);
        assertEquals("unsupported-format", letter.reason());
        assertEquals("servicebus-" + kind, letter.source());
        assertTrue(stored(app).isEmpty());
    }

    /** What the functions looked like before: binding the optional ContentType and MessageId. */
    public static final class OptionalMetadataFunction {
        private final LinkHealth app;

        OptionalMetadataFunction(LinkHealth app) {
            this.app = app;
        }

        @FunctionName("OptionalMetadata")
        public void run(
            @ServiceBusQueueTrigger(name = "message", queueName = "q", connection = "c", dataType = "binary") byte[] message,
            @BindingName("ContentType") String contentType, @BindingName("ApplicationProperties") String properties,
            @BindingName("MessageId") String messageId, ExecutionContext context) {
            new ServiceBusCallbacks(app.intake(), app.queuedChanges(), app.settings())
                .handle("servicebus-queue", message, properties, messageId, context);
        }
    }

    @Test
    void bindingAnOptionalMemberFailsBeforeAnyCodeRunsWhenTheMessageLacksIt() throws Exception {
        LinkHealth app = app(Map.of());
        Object old = new OptionalMetadataFunction(app);
        BindingFailure failure = assertThrows(BindingFailure.class, () -> invoke(old,
            message(Callbacks.tableSyncFailed().build(), null, "m-1", claims()), LocalExecutionContext.recording("sb")));
        assertTrue(failure.getMessage().contains("ContentType"), failure.getMessage());
        assertTrue(stored(app).isEmpty(), "nothing ran");
        // with every optional member set, the same function binds: the model fails only on what is really absent
        invoke(old, message(Callbacks.tableSyncFailed().build(), "application/json", "m-1", claims()),
            LocalExecutionContext.recording("sb"));
        assertEquals(List.of(HealthEventName.TableSyncFailed), stored(app));
    }

    /** Every member the real functions bind is one the host sends for every message, whatever it lacks. */
    @Test
    void theFunctionsBindOnlyMembersEveryMessageHas() {
        Map<String, Typed> bare = triggerMetadata(new Message(new byte[0], null, null, null, null, Map.of(), 1, 1));
        for (Class<?> type : List.of(ServiceBusQueueFunction.class, ServiceBusTopicFunction.class)) {
            Method run = Arrays.stream(type.getMethods()).filter(m -> m.isAnnotationPresent(FunctionName.class))
                .findFirst().orElseThrow();
            for (Annotation[] parameter : run.getParameterAnnotations()) {
                for (Annotation a : parameter) {
                    if (a instanceof BindingName name) {
                        assertTrue(bare.containsKey(name.value()), type.getSimpleName() + " binds " + name.value()
                            + ", which a message may lack; the host sends " + bare.keySet());
                    }
                }
            }
        }
    }
}
