package com.synapselinkhealth.readback;

import static com.synapselinkhealth.testing.SynapseLinkTables.CONTACT_STATE;
import static com.synapselinkhealth.testing.SynapseLinkTables.STATES;
import static com.synapselinkhealth.testing.SynapseLinkTables.state;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.synapselinkhealth.app.EntryPoints;
import com.synapselinkhealth.app.LinkHealth;
import com.synapselinkhealth.config.Settings;
import com.synapselinkhealth.dataverse.TransportHints;
import com.synapselinkhealth.functions.IngestQueueFunction;
import com.synapselinkhealth.health.EventPublisher;
import com.synapselinkhealth.health.HealthEvent;
import com.synapselinkhealth.health.HealthEventName;
import com.synapselinkhealth.ingest.IntakeResult;
import com.synapselinkhealth.local.host.LocalExecutionContext;
import com.synapselinkhealth.reconcile.ReconcilerTest;
import com.synapselinkhealth.statetables.ChoiceSet;
import com.synapselinkhealth.statetables.StateTable;
import com.synapselinkhealth.store.EventQuery;
import com.synapselinkhealth.testing.CallbackBuilder;
import com.synapselinkhealth.testing.FakeTokenCredential;
import com.synapselinkhealth.testing.SynapseLink;
import com.synapselinkhealth.testing.SynapseLinkTables;
import com.synapselinkhealth.testing.TestClock;
import com.synapselinkhealth.webapi.FakeDataverse.Answer;
import com.synapselinkhealth.webapi.FakeDataverse;
import com.synapselinkhealth.webapi.WebApiDataverseRows;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A callback without its row data is completed by reading the row back before the rules run, in the ingest queue's
 * processing step; without a Web API, or for a row that is gone, it is judged with what it has.
 */
class RowRefetchTest {
    private static final Instant NOW = Instant.parse("2024-06-03T10:00:00Z");
    private static final UUID OPERATION = UUID.fromString("0f2d7b7e-1a4c-4c4e-9a5b-2f7f0e6f3a99");

    private FakeDataverse dataverse;
    private LinkHealth app;
    private final FakeTokenCredential credential = new FakeTokenCredential();

    @BeforeEach
    void start() throws Exception {
        dataverse = SynapseLinkTables.loadHealthy(new FakeDataverse());
        app = LinkHealth.inMemory(Settings.of(Map.of()), new TestClock(NOW), EventPublisher.NONE)
            .useDataverse(WebApiDataverseRows.connect(dataverse.url(), credential, ReconcilerTest.HTTP));
    }

    @AfterEach
    void stop() {
        app.close();
        dataverse.close();
    }

    /** The Update Dataverse sends past 256 KB: no Target, no images; only the header says so. */
    private static CallbackBuilder sizeExceededUpdate() {
        return CallbackBuilder.update(StateTable.PROFILE_ENTITY_STATE, CONTACT_STATE).operationId(OPERATION)
            .target("syncstate", ChoiceSet.ENTITY_SYNC_STATE.of(8)).sizeExceeded();
    }

    private String queued(CallbackBuilder callback, boolean sizeExceeded) {
        IntakeResult result = app.intake().accept("webhook", callback.build(), "application/json", Map.of(),
            new TransportHints(null, sizeExceeded));
        return ((IntakeResult.Accepted) result).queueMessage();
    }

    private List<HealthEvent> stored() {
        return app.stores().events().query(EventQuery.latest(100));
    }

    private static String logText(LocalExecutionContext context) {
        StringBuilder out = new StringBuilder();
        for (LogRecord r : context.records()) {
            out.append(r.getLevel()).append(' ').append(r.getMessage()).append('\n');
        }
        return out.toString();
    }

    @Test
    void aSizeExceededCallbackIsCompletedByReadingTheRowAndRaisesTheRightEvent() {
        app.stores().rowStates(); // fresh state: the row is first seen through this callback
        dataverse.put(STATES, "synapselinkprofileentitystateid", state(CONTACT_STATE, "contact", 8, 1001));
        LocalExecutionContext context = LocalExecutionContext.recording("ProcessIngestQueue");

        EntryPoints.of(app).create(IngestQueueFunction.class).run(queued(sizeExceededUpdate(), true), 1, context);

        List<HealthEvent> events = stored();
        assertEquals(List.of(HealthEventName.TableSyncFailed), events.stream().map(HealthEvent::name).toList());
        HealthEvent failed = events.get(0);
        assertEquals("contact", failed.table());
        assertEquals(SynapseLink.PROFILE_ID, failed.profileId());
        assertEquals("CompletedWithFailures", failed.currentState());
        assertEquals(OPERATION, failed.operationId(), "still the callback's operation");
        assertEquals(260L, failed.dataverseRecordCount());
        List<FakeDataverse.Received> reads = dataverse.requestsOf(STATES);
        assertEquals(1, reads.size());
        String read = reads.get(0).pathAndQuery();
        assertTrue(read.startsWith("/api/data/v9.2/synapselinkprofileentitystates(" + CONTACT_STATE + ")?"), read);
        assertTrue(read.contains("select=") && read.contains("syncstate") && read.contains("_profile_value"), read);
        assertTrue(reads.get(0).header("Prefer").contains("OData.Community.Display.V1.FormattedValue"));
        assertTrue(logText(context).contains("size exceeded"), logText(context));
        assertTrue(logText(context).contains("read the row back from 127.0.0.1"), logText(context));
        assertFalse(logText(context).contains(FakeTokenCredential.TOKEN));
    }

    @Test
    void theRefetchHappensInTheQueueStepNotWhenTheWebhookIsAccepted() {
        queued(sizeExceededUpdate(), true);
        assertEquals(List.of(), dataverse.received);
    }

    @Test
    void aCallbackWithoutImagesLackingTheContextColumnsIsCompletedToo() {
        CallbackBuilder bare = CallbackBuilder.update(StateTable.PROFILE_ENTITY_STATE, CONTACT_STATE)
            .target("syncstate", ChoiceSet.ENTITY_SYNC_STATE.of(8)).target("versionnumber", 1001L);
        dataverse.put(STATES, "synapselinkprofileentitystateid", state(CONTACT_STATE, "contact", 4, 1005));

        EntryPoints.of(app).create(IngestQueueFunction.class)
            .run(queued(bare, false), 1, LocalExecutionContext.recording("ProcessIngestQueue"));

        HealthEvent failed = stored().get(0);
        assertEquals(HealthEventName.TableSyncFailed, failed.name());
        assertEquals("contact", failed.table(), "entityname read back");
        assertEquals("CompletedWithFailures", failed.currentState(), "the callback's own value wins over the read");
        assertEquals(1001L, app.stores().rowStates().find(StateTable.PROFILE_ENTITY_STATE, CONTACT_STATE).orElseThrow().value()
            .attributes().wholeNumber("versionnumber"), "the read's newer version is not taken over the callback's data");
    }

    @Test
    void aCallbackWithItsImagesIsNotReadBackNorOneWhoseRowIsKnown() {
        EntryPoints.of(app).create(IngestQueueFunction.class).run(queued(SynapseLink.tableState(CONTACT_STATE, "contact")
                .target("syncstate", ChoiceSet.ENTITY_SYNC_STATE.of(8)).preImage("syncstate", ChoiceSet.ENTITY_SYNC_STATE.of(2)),
            false), 1, LocalExecutionContext.recording("ProcessIngestQueue"));
        assertEquals(1, stored().size());
        EntryPoints.of(app).create(IngestQueueFunction.class).run(queued(CallbackBuilder.update(StateTable.PROFILE_ENTITY_STATE, CONTACT_STATE)
                .target("syncstate", ChoiceSet.ENTITY_SYNC_STATE.of(4)), false), 1,
            LocalExecutionContext.recording("ProcessIngestQueue"));
        assertEquals(java.util.Set.of(HealthEventName.TableSyncRecovered, HealthEventName.TableSyncFailed),
            stored().stream().map(HealthEvent::name).collect(java.util.stream.Collectors.toSet()));
        assertTrue(stored().stream().allMatch(e -> "contact".equals(e.table())), "the stored state holds the context columns");
        assertEquals(List.of(), dataverse.requestsOf(STATES), "the row itself is never read back");
        assertEquals(1, dataverse.requestsOf(SynapseLinkTables.PROFILES).size(), "only the unseen profile's name, once");
    }

    @Test
    void aRowThatIsGoneIsJudgedWithWhatItHas() {
        UUID gone = new UUID(9, 9);
        CallbackBuilder update = CallbackBuilder.update(StateTable.PROFILE_ENTITY_STATE, gone).operationId(OPERATION)
            .target("syncstate", ChoiceSet.ENTITY_SYNC_STATE.of(8)).sizeExceeded();
        LocalExecutionContext context = LocalExecutionContext.recording("ProcessIngestQueue");

        EntryPoints.of(app).create(IngestQueueFunction.class).run(queued(update, true), 1, context);

        assertEquals(1, dataverse.requestsOf(STATES).size());
        assertEquals(List.of(), stored(), "no row data: no transition to judge");
        assertTrue(logText(context).contains("no longer exists"), logText(context));
        assertTrue(app.stores().rowStates().find(StateTable.PROFILE_ENTITY_STATE, gone).isPresent(), "processed, not retried");
    }

    @Test
    void throttlingLetsTheQueueRetryAndTheLastTryUsesWhatItHas() {
        dataverse.first(STATES, Answer.throttled(0), Answer.throttled(0), Answer.throttled(0), Answer.throttled(0));
        String message = queued(sizeExceededUpdate(), true);
        IngestQueueFunction function = EntryPoints.of(app).create(IngestQueueFunction.class);

        DataverseReadException e = assertThrows(DataverseReadException.class,
            () -> function.run(message, 1, LocalExecutionContext.recording("ProcessIngestQueue")));
        assertEquals(DataverseReadException.Kind.THROTTLED, e.kind());
        assertTrue(e.kind().isTransient());
        assertTrue(app.stores().rowStates().find(StateTable.PROFILE_ENTITY_STATE, CONTACT_STATE).isEmpty(), "nothing judged yet");

        dataverse.first(STATES, Answer.throttled(0), Answer.throttled(0), Answer.throttled(0), Answer.throttled(0));
        LocalExecutionContext last = LocalExecutionContext.recording("ProcessIngestQueue");
        function.run(message, app.settings().maxDequeueCount(), last);
        assertTrue(app.stores().rowStates().find(StateTable.PROFILE_ENTITY_STATE, CONTACT_STATE).isPresent());
        assertTrue(logText(last).contains("could not be read back"), logText(last));
        assertTrue(app.stores().deadLetters().recent(10).isEmpty(), "not poison");
    }

    @Test
    void aServerErrorIsRetriedByTheQueueToo() {
        dataverse.first(STATES, new Answer(500, Map.of(), "{\"error\":{\"code\":\"0x80040216\",\"message\":\"Generic SQL error.\"}}"),
            new Answer(500, Map.of(), ""), new Answer(500, Map.of(), ""), new Answer(500, Map.of(), ""));
        DataverseReadException e = assertThrows(DataverseReadException.class, () -> EntryPoints.of(app).create(IngestQueueFunction.class)
            .run(queued(sizeExceededUpdate(), true), 1, LocalExecutionContext.recording("ProcessIngestQueue")));
        assertEquals(DataverseReadException.Kind.UNAVAILABLE, e.kind());
    }

    @Test
    void aForbiddenReadIsJudgedWithWhatItHasAndSaysWhy() {
        dataverse.forbid(STATES);
        LocalExecutionContext context = LocalExecutionContext.recording("ProcessIngestQueue");
        EntryPoints.of(app).create(IngestQueueFunction.class).run(queued(sizeExceededUpdate(), true), 1, context);
        assertTrue(logText(context).contains("lacks the privilege"), logText(context));
        assertTrue(app.stores().rowStates().find(StateTable.PROFILE_ENTITY_STATE, CONTACT_STATE).isPresent());
    }

    @Test
    void withoutWebApiSettingsItIsJudgedWithWhatItHasAndSaidOnce() {
        LinkHealth plain = LinkHealth.inMemory(Settings.of(Map.of()), new TestClock(NOW), EventPublisher.NONE);
        IngestQueueFunction function = EntryPoints.of(plain).create(IngestQueueFunction.class);
        LocalExecutionContext first = LocalExecutionContext.recording("ProcessIngestQueue");
        LocalExecutionContext second = LocalExecutionContext.recording("ProcessIngestQueue");
        String message = queued(sizeExceededUpdate(), true);

        function.run(message, 1, first);
        function.run(queued(CallbackBuilder.update(StateTable.PROFILE_ENTITY_STATE, new UUID(5, 5))
            .target("syncstate", ChoiceSet.ENTITY_SYNC_STATE.of(8)).sizeExceeded(), true), 1, second);

        List<LogRecord> warnings = first.records().stream().filter(r -> r.getLevel() == Level.WARNING).toList();
        assertEquals(1, warnings.size(), logText(first));
        assertTrue(warnings.get(0).getMessage().contains("DATAVERSE_ENVIRONMENT_URL is not set"));
        assertTrue(second.records().stream().noneMatch(r -> r.getLevel() == Level.WARNING), logText(second));
        assertTrue(plain.stores().rowStates().find(StateTable.PROFILE_ENTITY_STATE, CONTACT_STATE).isPresent(), "processed");
        assertEquals(List.of(), dataverse.received);
    }

    @Test
    void aDeleteIsNeverReadBack() {
        List<RowRefetch.Result> results = new ArrayList<>();
        app.queuedChanges().process(new com.synapselinkhealth.dataverse.json.RemoteExecutionContextParser()
            .parse(CallbackBuilder.delete(StateTable.PROFILE_ENTITY_STATE, CONTACT_STATE).sizeExceeded().build(),
                new TransportHints(null, true)), false, results::add);
        RowRefetch.Result result = results.get(0);
        assertEquals(RowRefetch.Status.NOT_NEEDED, result.status());
        assertNull(result.note());
        assertEquals(List.of(), dataverse.received);
    }

    /** A table of the profile failing, with full images, before this service saw the profile's own row. */
    private static CallbackBuilder failingBeforeTheProfile(UUID row, String table) {
        return SynapseLink.tableState(row, table).target("syncstate", ChoiceSet.ENTITY_SYNC_STATE.of(8))
            .preImage("syncstate", ChoiceSet.ENTITY_SYNC_STATE.of(4));
    }

    @Test
    void aChangeThatComesBeforeItsProfileNamesTheProfileReadOnceFromDataverse() {
        IngestQueueFunction queue = EntryPoints.of(app).create(IngestQueueFunction.class);
        queue.run(queued(failingBeforeTheProfile(CONTACT_STATE, "contact"), false), 1,
            LocalExecutionContext.recording("ProcessIngestQueue"));
        queue.run(queued(failingBeforeTheProfile(SynapseLinkTables.ACCOUNT_STATE, "account"), false), 1,
            LocalExecutionContext.recording("ProcessIngestQueue"));

        List<HealthEvent> events = stored();
        assertEquals(2, events.size());
        for (HealthEvent event : events) {
            assertEquals(SynapseLink.PROFILE_NAME, event.profileName(), event.summary());
            assertTrue(event.summary().contains("in profile " + SynapseLink.PROFILE_NAME), event.summary());
        }
        assertEquals(1, dataverse.requestsOf(SynapseLinkTables.PROFILES).size(), "read once, then remembered");
        assertEquals(0, dataverse.requestsOf(STATES).size(), "the callbacks had their row data");
    }

    @Test
    void aProfileDataverseDoesNotKnowIsAskedForAgainOnlyAfterAFewMinutes() {
        UUID unknown = UUID.fromString("0a4c5e1f-2b3d-ef11-9f89-00000000dead");
        IngestQueueFunction queue = EntryPoints.of(app).create(IngestQueueFunction.class);
        for (int i = 0; i < 5; i++) {
            queue.run(queued(failingBeforeTheProfile(new UUID(5, i), "t" + i)
                .unchanged("profile", CallbackBuilder.ref(StateTable.PROFILE.logicalName(), unknown)), false), 1,
                LocalExecutionContext.recording("ProcessIngestQueue"));
        }
        assertEquals(1, dataverse.requestsOf(SynapseLinkTables.PROFILES).size(), "a miss is remembered");
        ((TestClock) app.clock()).advance(RowRefetch.DEFAULT_MISS_TTL.plusSeconds(1));
        queue.run(queued(failingBeforeTheProfile(new UUID(5, 99), "t99")
            .unchanged("profile", CallbackBuilder.ref(StateTable.PROFILE.logicalName(), unknown)), false), 1,
            LocalExecutionContext.recording("ProcessIngestQueue"));
        assertEquals(2, dataverse.requestsOf(SynapseLinkTables.PROFILES).size(), "asked again after the miss expired");
    }

    @Test
    void withoutTheWebApiTheProfileIsNamedByItsIdAndNothingIsRead() {
        try (LinkHealth plain = LinkHealth.inMemory(Settings.of(Map.of()), new TestClock(NOW), EventPublisher.NONE)) {
            IntakeResult accepted = plain.intake().accept("webhook", failingBeforeTheProfile(CONTACT_STATE, "contact")
                .build(), "application/json", Map.of(), TransportHints.NONE);
            EntryPoints.of(plain).create(IngestQueueFunction.class).run(((IntakeResult.Accepted) accepted).queueMessage(), 1,
                LocalExecutionContext.recording("ProcessIngestQueue"));
            HealthEvent event = plain.stores().events().query(EventQuery.latest(10)).get(0);
            assertNull(event.profileName());
            assertEquals(SynapseLink.PROFILE_ID, event.profileId());
        }
        assertEquals(0, dataverse.received.size());
    }
}
