package com.synapselinkhealth.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.synapselinkhealth.delivery.DeliveryService.Step;
import com.synapselinkhealth.delivery.http.CallbackSender;
import com.synapselinkhealth.health.HealthEvent;
import com.synapselinkhealth.health.HealthEventName;
import com.synapselinkhealth.health.Severity;
import com.synapselinkhealth.health.cloudevents.HealthCloudEvents;
import com.synapselinkhealth.memory.InMemoryDeadLetterStore;
import com.synapselinkhealth.memory.InMemoryDeliveryLedger;
import com.synapselinkhealth.memory.InMemoryDeliveryQueue;
import com.synapselinkhealth.memory.InMemorySubscriptionStore;
import com.synapselinkhealth.store.DeadLetter;
import com.synapselinkhealth.subscriptions.CallbackUrl;
import com.synapselinkhealth.subscriptions.Subscription;
import com.synapselinkhealth.subscriptions.SubscriptionFilter;
import com.synapselinkhealth.subscriptions.TriggerKind;
import com.synapselinkhealth.testing.CallbackSink.Received;
import com.synapselinkhealth.testing.CallbackSink.Reply;
import com.synapselinkhealth.testing.CallbackSink;
import com.synapselinkhealth.testing.TestClock;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Delivery over real HTTP to a scripted sink on 127.0.0.1, with the real {@link CallbackSender} (allowing local
 * addresses, except where strict mode is the point), a 50 ms retry schedule and jitter pinned to none.
 */
@Timeout(30)
class DeliveryServiceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final RetrySchedule SCHEDULE = RetrySchedule.parse("50ms,50ms,50ms");
    private static final UUID PROFILE_ID = UUID.fromString("0a4c5e1f-2b3d-ef11-9f89-000d3a4a5b6c");
    private static final String PROFILE_NAME = "Contoso Lake";
    private static final Instant NOW = Instant.parse("2024-06-03T10:00:00Z");
    /** Held so the level sticks: failed deliveries are logged by design. */
    private static final Logger QUIET = Logger.getLogger("linkhealth.delivery");

    /** One call of {@link DeliveryQueue#schedule}. */
    private record Scheduled(Delivery delivery, Duration delay) {
    }

    private final TestClock clock = new TestClock(NOW);
    private final InMemorySubscriptionStore subscriptions = new InMemorySubscriptionStore();
    private final InMemoryDeadLetterStore deadLetters = new InMemoryDeadLetterStore();
    private final InMemoryDeliveryLedger ledger = new InMemoryDeliveryLedger(1000);
    private final InMemoryDeliveryQueue workers = new InMemoryDeliveryQueue(1);
    private final List<Scheduled> scheduled = new CopyOnWriteArrayList<>();
    private final List<Delivery> attempted = new CopyOnWriteArrayList<>();
    private final List<Step> steps = new CopyOnWriteArrayList<>();
    /** The subscription's bad-request count as each attempt found it. */
    private final List<Integer> badRequestsBefore = new CopyOnWriteArrayList<>();
    private DeliveryService service;
    private CallbackSink sink;

    @BeforeAll
    static void quiet() {
        QUIET.setLevel(Level.SEVERE);
    }

    @BeforeEach
    void startSink() throws IOException {
        sink = CallbackSink.start();
    }

    @AfterEach
    void stop() {
        workers.close();
        sink.close();
    }

    private DeliveryService service(CallbackSender sender) {
        DeliveryQueue queue = (delivery, delay) -> {
            scheduled.add(new Scheduled(delivery, delay));
            workers.schedule(delivery, delay);
        };
        service = new DeliveryService(subscriptions, queue, ledger, sender, deadLetters, SCHEDULE, clock, () -> 0.5);
        workers.workWith(delivery -> {
            attempted.add(delivery);
            badRequestsBefore.add(subscriptions.find(delivery.subscriptionId()).map(Subscription::badRequests).orElse(-1));
            steps.add(service.attempt(delivery));
        });
        return service;
    }

    private DeliveryService localService() {
        return service(new CallbackSender(new CallbackAddressPolicy(true)));
    }

    private Subscription subscribe(String callbackUrl, SubscriptionFilter filter) {
        Subscription s = new Subscription(UUID.randomUUID().toString(), TriggerKind.OnHealthEvent,
            CallbackUrl.parse(callbackUrl), filter, NOW, 0);
        subscriptions.save(s);
        return s;
    }

    private Subscription subscribe() {
        return subscribe(sink.callbackUrl(), everything());
    }

    private static SubscriptionFilter everything() {
        return new SubscriptionFilter(null, null, Set.of(), null);
    }

    private void settle() throws InterruptedException {
        assertTrue(workers.awaitIdle(15_000), "deliveries still pending");
    }

    static HealthEvent event(String id, HealthEventName name, String profileName, UUID profileId, String table) {
        return HealthEvent.builder().id(id).name(name).time(Instant.parse("2024-06-03T09:29:58Z"))
            .organization("unqb015df52a05fee11a382000d3a64d").profileName(profileName).profileId(profileId).table(table)
            .stateTable(name.stateTable().logicalName()).previousState("InProgress").currentState("CompletedWithFailures")
            .lastSyncedAt(Instant.parse("2024-06-03T08:00:00Z")).lakeRecordCount(1200L).dataverseRecordCount(1250L)
            .rowId(UUID.randomUUID()).operationId(UUID.randomUUID()).correlationId(UUID.randomUUID())
            .summary("The sync of " + table + " in " + profileName + " completed with failures.")
            .build();
    }

    private static HealthEvent tableSyncFailed() {
        return event("evt-" + UUID.randomUUID(), HealthEventName.TableSyncFailed, PROFILE_NAME, PROFILE_ID, "contact");
    }

    private static String ids(List<Received> received) {
        List<String> ids = new ArrayList<>();
        for (Received r : received) {
            try {
                ids.add(JSON.readTree(r.body()).path("id").asText());
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }
        Collections.sort(ids);
        return String.join(",", ids);
    }

    // ---- success -----------------------------------------------------------------------------------------

    @Test
    void a2xxIsDeliveredOnceWithTheEventIdAndTheCloudEventJson() throws Exception {
        localService();
        subscribe();
        HealthEvent event = tableSyncFailed();
        service.publish(event);
        settle();

        assertEquals(List.of(Step.DELIVERED), steps);
        List<Received> got = sink.received();
        assertEquals(1, got.size());
        Received r = got.get(0);
        assertEquals("POST", r.method());
        assertEquals(CallbackSink.FLOW_PATH, r.path());
        assertTrue(r.query().endsWith("sig=" + sink.secret()), "the callback URL's query is sent as is: " + r.query());
        assertEquals(event.id(), r.header(CallbackSender.EVENT_ID_HEADER));
        assertEquals("1", r.header("x-linkhealth-attempt"));
        assertTrue(r.header("content-type").startsWith("application/json"), r.header("content-type"));
        assertEquals(JSON.readTree(HealthCloudEvents.toJson(event)), JSON.readTree(r.body()));
        assertEquals(event, HealthCloudEvents.fromJson(r.body()));
        assertTrue(ledger.isDelivered(attempted.get(0).key()));
        assertEquals(List.of(), deadLetters.recent(10));
    }

    @ParameterizedTest
    @ValueSource(ints = {200, 201, 202, 204, 299})
    void every2xxIsSuccess(int status) throws Exception {
        localService();
        subscribe();
        sink.reply(status);
        service.publish(tableSyncFailed());
        settle();
        assertEquals(List.of(Step.DELIVERED), steps);
        assertEquals(1, sink.received().size());
    }

    @Test
    void a500ThenA200IsDeliveredOnTheSecondAttempt() throws Exception {
        localService();
        subscribe();
        sink.reply(500, 200);
        HealthEvent event = tableSyncFailed();
        service.publish(event);
        settle();

        assertEquals(List.of(Step.RETRY_SCHEDULED, Step.DELIVERED), steps);
        List<Received> got = sink.received();
        assertEquals(2, got.size());
        assertEquals(List.of("1", "2"), got.stream().map(r -> r.header("x-linkhealth-attempt")).toList());
        assertTrue(got.stream().allMatch(r -> event.id().equals(r.header(CallbackSender.EVENT_ID_HEADER))),
            "the same webhook-id on every attempt");
        assertEquals(got.get(0).body(), got.get(1).body());
        assertEquals("HTTP 500", attempted.get(1).lastOutcome());
        assertEquals(Duration.ofMillis(50), scheduled.get(1).delay());
        assertEquals(List.of(), deadLetters.recent(10));
    }

    // ---- Retry-After -------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(ints = {429, 503})
    void retryAfterOn429And503IsHonoured(int status) throws Exception {
        localService();
        subscribe();
        sink.reply(Reply.status(status).header("Retry-After", "1"), Reply.status(200));
        service.publish(tableSyncFailed());
        settle();

        assertEquals(List.of(Step.RETRY_SCHEDULED, Step.DELIVERED), steps);
        assertEquals(Duration.ofSeconds(1), scheduled.get(1).delay());
        List<Received> got = sink.received();
        assertEquals(2, got.size());
        long waitedMillis = (got.get(1).receivedNanos() - got.get(0).receivedNanos()) / 1_000_000;
        assertTrue(waitedMillis >= 1000, "the retry came after " + waitedMillis + " ms");
    }

    @Test
    void retryAfterOnOtherStatusesIsNotHonoured() throws Exception {
        localService();
        subscribe();
        sink.reply(Reply.status(500).header("Retry-After", "3600"), Reply.status(200));
        service.publish(tableSyncFailed());
        settle();
        assertEquals(List.of(Step.RETRY_SCHEDULED, Step.DELIVERED), steps);
        assertEquals(Duration.ofMillis(50), scheduled.get(1).delay());
    }

    // ---- the flow is gone --------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(ints = {404, 410})
    void notFoundAndGoneRemoveTheSubscription(int status) throws Exception {
        localService();
        try (CallbackSink otherFlow = CallbackSink.start()) {
            Subscription s = subscribe();
            Subscription other = subscribe(otherFlow.callbackUrl(), everything());
            sink.reply(status);
            service.publish(tableSyncFailed());
            settle();

            assertTrue(subscriptions.find(s.id()).isEmpty(), "the subscription answering " + status + " is removed");
            assertTrue(subscriptions.find(other.id()).isPresent(), "the other flow keeps its subscription");
            assertEquals(1, sink.received().size(), "no more attempts");
            assertEquals(1, otherFlow.received().size());
            assertTrue(steps.contains(Step.SUBSCRIPTION_REMOVED));
            assertEquals(List.of(), deadLetters.recent(10));

            service.publish(tableSyncFailed());
            settle();
            assertEquals(1, sink.received().size(), "later events are not sent to it either");
            assertEquals(2, otherFlow.received().size());
        }
    }

    @Test
    void a400TwiceInARowRemovesTheSubscription() throws Exception {
        localService();
        Subscription s = subscribe();
        sink.reply(400, 400, 200);
        service.publish(tableSyncFailed());
        settle();

        assertEquals(List.of(Step.RETRY_SCHEDULED, Step.SUBSCRIPTION_REMOVED), steps);
        assertEquals(List.of(0, 1), badRequestsBefore);
        assertEquals(2, sink.received().size());
        assertTrue(subscriptions.find(s.id()).isEmpty());
        assertEquals(List.of(), deadLetters.recent(10));
    }

    @Test
    void a400OnceThenA200KeepsTheSubscriptionAndResetsTheCount() throws Exception {
        localService();
        Subscription s = subscribe();
        sink.reply(400, 200);
        service.publish(tableSyncFailed());
        settle();

        assertEquals(List.of(Step.RETRY_SCHEDULED, Step.DELIVERED), steps);
        assertEquals(List.of(0, 1), badRequestsBefore, "the first 400 was counted");
        assertEquals(0, subscriptions.find(s.id()).orElseThrow().badRequests(), "a success resets the count");

        sink.reply(400, 200);
        service.publish(tableSyncFailed());
        settle();
        assertTrue(subscriptions.find(s.id()).isPresent(), "a later single 400 does not remove it");
        assertEquals(4, sink.received().size());
    }

    @Test
    void anUnsubscribedFlowGetsNoMoreRetries() throws Exception {
        localService();
        Subscription s = subscribe();
        sink.reply(Reply.status(500).after(200));
        service.publish(tableSyncFailed());
        assertTrue(sink.awaitCount(1, 5000));
        subscriptions.delete(s.id());
        settle();
        assertEquals(List.of(Step.RETRY_SCHEDULED, Step.SKIPPED), steps);
        assertEquals(1, sink.received().size());
        assertEquals(List.of(), deadLetters.recent(10));
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 200})
    void aFlowUnsubscribedWhileAnAttemptIsInFlightStaysUnsubscribed(int status) throws Exception {
        localService();
        // One 400 already counted: a 400 now counts it up, a 200 resets it; either writes the subscription back.
        Subscription s = new Subscription(UUID.randomUUID().toString(), TriggerKind.OnHealthEvent,
            CallbackUrl.parse(sink.callbackUrl()), everything(), NOW, status == 400 ? 0 : 1);
        subscriptions.save(s);
        sink.reply(Reply.status(status).after(300));
        service.publish(tableSyncFailed());
        assertTrue(sink.awaitCount(1, 5000));
        subscriptions.delete(s.id()); // the flow's DELETE arrives while the POST is in flight
        settle();

        assertTrue(subscriptions.find(s.id()).isEmpty(), "the unsubscribed flow's subscription came back");
        service.publish(tableSyncFailed());
        settle();
        assertEquals(1, sink.received().size(), "an unsubscribed flow got another event");
    }

    // ---- giving up ---------------------------------------------------------------------------------------

    @Test
    void alwaysFailingEndsAsADeadLetterAfterMaxAttempts() throws Exception {
        localService();
        Subscription s = subscribe();
        sink.otherwise(Reply.status(500));
        HealthEvent event = tableSyncFailed();
        service.publish(event);
        settle();

        assertEquals(SCHEDULE.maxAttempts(), sink.received().size());
        assertEquals(List.of(Step.RETRY_SCHEDULED, Step.RETRY_SCHEDULED, Step.RETRY_SCHEDULED, Step.GAVE_UP), steps);
        List<DeadLetter> dead = deadLetters.recent(10);
        assertEquals(1, dead.size());
        DeadLetter d = dead.get(0);
        assertEquals("delivery", d.source());
        assertEquals("max-attempts-exceeded", d.reason());
        assertEquals(SCHEDULE.maxAttempts(), d.attempts());
        assertEquals(NOW, d.at());
        assertEquals("HTTP 500", d.headers().get("last-outcome"));
        assertTrue(d.detail().contains("HTTP 500") && d.detail().contains("4 attempts"), d.detail());
        assertEquals(s.id(), d.headers().get("subscription-id"));
        assertEquals(event.id(), d.headers().get("event-id"));
        String callback = d.headers().get("callback");
        assertTrue(callback.startsWith("http://127.0.0.1:" + sink.port() + "/workflows"), callback);
        assertFalse(callback.contains("?") || callback.contains("sig") || callback.contains("api-version"), callback);
        assertFalse(d.toString().contains(sink.secret()), "the dead letter holds the signature");
        assertEquals(JSON.readTree(HealthCloudEvents.toJson(event)), JSON.readTree(d.body()));
        assertTrue(subscriptions.find(s.id()).isPresent(), "giving up on one event keeps the subscription");
        assertFalse(ledger.isDelivered(attempted.get(0).key()));
    }

    @ParameterizedTest
    @ValueSource(ints = {301, 302, 303, 307, 308})
    void redirectsAreNotFollowed(int status) throws Exception {
        localService();
        subscribe();
        sink.otherwise(Reply.status(status).header("Location", sink.url("/elsewhere?sig=other")));
        service.publish(tableSyncFailed());
        settle();

        assertEquals(List.of(), sink.received("/elsewhere"), "the Location target was hit");
        assertEquals(SCHEDULE.maxAttempts(), sink.received(CallbackSink.FLOW_PATH).size(), "a redirect is a failure");
        assertEquals("HTTP " + status, deadLetters.recent(1).get(0).headers().get("last-outcome"));
    }

    @Test
    void aSlowFlowTimesOutAndIsRetried() throws Exception {
        CallbackAddressPolicy local = new CallbackAddressPolicy(true);
        service(new CallbackSender(local, Duration.ofMillis(300)));
        subscribe();
        sink.reply(Reply.status(200).after(1500), Reply.status(200));
        long start = System.nanoTime();
        service.publish(tableSyncFailed());
        settle();

        assertEquals(List.of(Step.RETRY_SCHEDULED, Step.DELIVERED), steps);
        assertEquals("timed out", attempted.get(1).lastOutcome());
        assertEquals(2, sink.received().size());
        assertTrue(System.nanoTime() - start < 1_400_000_000L, "the client did not wait for the slow answer");
    }

    @Test
    void theSenderReportsATimeoutWithoutAStatus() throws Exception {
        CallbackSender sender = new CallbackSender(new CallbackAddressPolicy(true), Duration.ofMillis(200));
        sink.reply(Reply.status(200).after(1000));
        AttemptResult result = sender.send(CallbackUrl.parse(sink.callbackUrl()), "evt-1", "{}", 1);
        assertEquals(0, result.status());
        assertEquals("timed out", result.error());
        assertEquals("timed out", result.describe());
        assertFalse(result.isSuccess());
    }

    @Test
    void aClosedPortIsAFailureWithoutAStatus() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = probe.getLocalPort();
        }
        CallbackSender sender = new CallbackSender(new CallbackAddressPolicy(true), Duration.ofSeconds(2));
        AttemptResult result = sender.send(CallbackUrl.parse("http://127.0.0.1:" + port + "/x?sig=abc"), "evt-1", "{}", 1);
        assertEquals(0, result.status());
        assertFalse(result.isSuccess());
        assertFalse(result.describe().contains("sig"), result.describe());
    }

    // ---- filters -----------------------------------------------------------------------------------------

    @Test
    void eachSubscriptionGetsTheEventsItsFilterTakes() throws Exception {
        localService();
        subscribe(sink.callbackUrl("/by-id"), new SubscriptionFilter(PROFILE_ID.toString().toUpperCase(), null, Set.of(), null));
        subscribe(sink.callbackUrl("/by-name"), new SubscriptionFilter("contoso lake", null, null, null));
        subscribe(sink.callbackUrl("/other-profile"), new SubscriptionFilter("Fabrikam Lake", null, null, null));
        subscribe(sink.callbackUrl("/table"), new SubscriptionFilter(null, "CONTACT", null, null));
        subscribe(sink.callbackUrl("/events"), new SubscriptionFilter(null, null,
            Set.of(HealthEventName.TableSyncFailed, HealthEventName.TableSyncPaused), null));
        subscribe(sink.callbackUrl("/warning"), new SubscriptionFilter(null, null, null, Severity.WARNING));
        subscribe(sink.callbackUrl("/error"), new SubscriptionFilter(" ", "", Set.of(), Severity.ERROR));
        subscribe(sink.callbackUrl("/all"), everything());
        subscribe(sink.callbackUrl("/failures"),
            new SubscriptionFilter(null, null, TriggerKind.TABLE_FAILURES, Severity.ERROR));

        service.publish(event("e1", HealthEventName.TableSyncFailed, PROFILE_NAME, PROFILE_ID, "contact"));
        service.publish(event("e2", HealthEventName.InitialSyncCompleted, PROFILE_NAME, PROFILE_ID, "account"));
        service.publish(event("e3", HealthEventName.ProfileSuspended, PROFILE_NAME, PROFILE_ID, null));
        service.publish(event("e4", HealthEventName.TableSyncPaused, null, null, "contact"));
        settle();

        assertEquals("e1,e2,e3", ids(sink.received("/by-id")), "profile by id");
        assertEquals("e1,e2,e3", ids(sink.received("/by-name")), "profile by name");
        assertEquals("", ids(sink.received("/other-profile")), "another profile");
        assertEquals("e1,e4", ids(sink.received("/table")), "table (profile-level events left out)");
        assertEquals("e1,e4", ids(sink.received("/events")), "event names");
        assertEquals("e1,e3,e4", ids(sink.received("/warning")), "minimum severity warning");
        assertEquals("e1", ids(sink.received("/error")), "minimum severity error; blank filters take everything");
        assertEquals("e1,e2,e3,e4", ids(sink.received("/all")), "no filter");
        assertEquals("e1", ids(sink.received("/failures")), "the table sync failure preset");
    }

    // ---- once --------------------------------------------------------------------------------------------

    @Test
    void theSameEventPublishedTwiceIsDeliveredOnce() throws Exception {
        localService();
        subscribe();
        HealthEvent event = tableSyncFailed();
        service.publish(event);
        service.publish(event);
        settle();
        assertEquals(1, sink.received().size());
        assertEquals(List.of(Step.DELIVERED, Step.SKIPPED), steps, "the queued duplicate is skipped");

        service.publish(event);
        settle();
        assertEquals(1, sink.received().size());
        assertEquals(2, scheduled.size(), "an event already delivered is not even queued");

        HealthEvent another = tableSyncFailed();
        service.publish(another);
        settle();
        assertEquals(2, sink.received().size(), "a different event is delivered");
    }

    // ---- strict mode at send time ------------------------------------------------------------------------

    /** A listener that only counts connections: proof that none was made. */
    private static final class ConnectionCounter implements AutoCloseable {
        final ServerSocket socket;
        final AtomicInteger accepted = new AtomicInteger();

        ConnectionCounter() throws IOException {
            socket = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
            Thread t = new Thread(() -> {
                while (!socket.isClosed()) {
                    try (Socket s = socket.accept()) {
                        accepted.incrementAndGet();
                    } catch (IOException e) {
                        return;
                    }
                }
            }, "connection-counter");
            t.setDaemon(true);
            t.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    @Test
    void strictModeRefusesAnHttpLoopbackCallbackAtSendTimeWithoutConnecting() throws Exception {
        service(new CallbackSender(CallbackAddressPolicy.strict()));
        // Stored behind the subscribe-time check's back (e.g. made while local callbacks were allowed).
        subscribe();
        service.publish(tableSyncFailed());
        settle();

        assertEquals(List.of(), sink.received(), "the sink was called");
        assertTrue(attempted.get(1).lastOutcome().startsWith("refused"), attempted.get(1).lastOutcome());
        DeadLetter d = deadLetters.recent(1).get(0);
        assertTrue(d.headers().get("last-outcome").startsWith("refused"), d.headers().toString());
        assertFalse(d.toString().contains(sink.secret()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://127.0.0.1:%d/x?sig=s", "https://localhost:%d/x?sig=s", "https://[::ffff:127.0.0.1]:%d/x"})
    void strictModeRefusesALoopbackHttpsCallbackAtConnectTime(String template) throws Exception {
        try (ConnectionCounter counter = new ConnectionCounter()) {
            CallbackSender sender = new CallbackSender(CallbackAddressPolicy.strict(), Duration.ofSeconds(2));
            AttemptResult result = sender.send(CallbackUrl.parse(template.formatted(counter.port())), "evt-1", "{}", 1);
            Thread.sleep(50);
            assertEquals(0, counter.accepted.get(), "a connection was made to a refused address (" + result.describe() + ")");
            assertEquals(0, result.status());
            assertTrue(result.describe().startsWith("refused"), result.describe());
        }
    }

    @Test
    void theSameCallbackIsAllowedWhenLocalCallbacksAre() throws Exception {
        CallbackSender sender = new CallbackSender(new CallbackAddressPolicy(true), Duration.ofSeconds(2));
        AttemptResult result = sender.send(CallbackUrl.parse(sink.callbackUrl()), "evt-1", "{}", 1);
        assertEquals(202, result.status());
        assertNull(result.error());
    }
}
