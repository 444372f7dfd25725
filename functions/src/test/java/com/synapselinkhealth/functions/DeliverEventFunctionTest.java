package com.synapselinkhealth.functions;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.synapselinkhealth.app.EntryPoints;
import com.synapselinkhealth.app.LinkHealth;
import com.synapselinkhealth.config.Settings;
import com.synapselinkhealth.delivery.Delivery;
import com.synapselinkhealth.delivery.json.DeliveryJson;
import com.synapselinkhealth.health.EventPublisher;
import com.synapselinkhealth.local.host.LocalExecutionContext;
import com.synapselinkhealth.store.DeadLetter;
import com.synapselinkhealth.subscriptions.CallbackUrl;
import com.synapselinkhealth.subscriptions.Subscription;
import com.synapselinkhealth.subscriptions.SubscriptionFilter;
import com.synapselinkhealth.subscriptions.TriggerKind;
import com.synapselinkhealth.testing.CallbackSink;
import com.synapselinkhealth.testing.TestClock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The delivery queue trigger called directly, as the host would with a {@code linkhealth-delivery} message. */
class DeliverEventFunctionTest {
    private static final Instant NOW = Instant.parse("2024-06-03T10:00:00Z");
    private static final String EVENT = "{\"specversion\":\"1.0\",\"id\":\"evt-1\",\"type\":\"t\",\"source\":\"/s\"}";
    /** Held so the level sticks: failed deliveries are logged by design. */
    private static final Logger QUIET = Logger.getLogger("linkhealth.delivery");

    private CallbackSink sink;
    private LinkHealth app;
    private DeliverEventFunction function;

    @BeforeAll
    static void quiet() {
        QUIET.setLevel(Level.SEVERE);
    }

    @BeforeEach
    void start() throws Exception {
        sink = CallbackSink.start();
        app = LinkHealth.inMemory(Settings.of(Map.of("LINKHEALTH_DELIVERY_RETRY_SCHEDULE", "1h")), new TestClock(NOW),
            EventPublisher.NONE, true);
        app.subscriptions().save(new Subscription("sub-1", TriggerKind.OnHealthEvent, CallbackUrl.parse(sink.callbackUrl()),
            new SubscriptionFilter(null, null, Set.of(), null), NOW, 0));
        function = EntryPoints.of(app).create(DeliverEventFunction.class);
    }

    @AfterEach
    void stop() {
        app.close();
        sink.close();
    }

    private void run(String message) {
        function.run(message, 1, LocalExecutionContext.recording("DeliverEvent"));
    }

    @Test
    void postsTheEventOnceEvenWhenTheMessageComesTwice() {
        String message = DeliveryJson.write(Delivery.first("sub-1", "evt-1", EVENT));
        run(message);
        run(message);
        assertEquals(1, sink.received().size());
        assertEquals("evt-1", sink.received().get(0).header("webhook-id"));
        assertEquals(EVENT, sink.received().get(0).body());
    }

    @Test
    void aFailedAttemptDoesNotThrowSoTheHostDoesNotRetryAgainstTheSchedule() {
        sink.reply(500);
        assertDoesNotThrow(() -> run(DeliveryJson.write(Delivery.first("sub-1", "evt-1", EVENT))));
        assertEquals(1, sink.received().size());
    }

    @Test
    void aMessageThatIsNotADeliveryIsKeptAsADeadLetter() {
        assertDoesNotThrow(() -> run("{\"hello\":1}"));
        List<DeadLetter> kept = app.stores().deadLetters().recent(10);
        assertEquals(1, kept.size());
        assertEquals("delivery-queue", kept.get(0).source());
        assertEquals("unreadable-message", kept.get(0).reason());
        assertTrue(sink.received().isEmpty());
    }

    @Test
    void theMessageFormatRoundTrips() {
        Delivery retry = new Delivery("sub-1", "evt-1", EVENT, 2, "HTTP 503");
        assertEquals(retry, DeliveryJson.read(DeliveryJson.write(retry)));
    }
}
