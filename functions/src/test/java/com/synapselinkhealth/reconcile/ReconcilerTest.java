package com.synapselinkhealth.reconcile;

import static com.synapselinkhealth.testing.SynapseLinkTables.CONTACT_DELTA;
import static com.synapselinkhealth.testing.SynapseLinkTables.CONTACT_STATE;
import static com.synapselinkhealth.testing.SynapseLinkTables.EXTERNAL_STATES;
import static com.synapselinkhealth.testing.SynapseLinkTables.PROFILES;
import static com.synapselinkhealth.testing.SynapseLinkTables.STATES;
import static com.synapselinkhealth.testing.SynapseLinkTables.external;
import static com.synapselinkhealth.testing.SynapseLinkTables.state;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.core.http.HttpClient;
import com.azure.core.http.netty.NettyAsyncHttpClientBuilder;
import com.synapselinkhealth.health.HealthEvent;
import com.synapselinkhealth.health.HealthEventName;
import com.synapselinkhealth.ingest.ProcessingResult.Outcome;
import com.synapselinkhealth.ingest.ProcessingResult;
import com.synapselinkhealth.readback.DataverseReadException;
import com.synapselinkhealth.statetables.ChoiceSet;
import com.synapselinkhealth.statetables.StateTable;
import com.synapselinkhealth.testing.CallbackBuilder;
import com.synapselinkhealth.testing.FakeTokenCredential;
import com.synapselinkhealth.testing.Pipeline;
import com.synapselinkhealth.testing.SynapseLink;
import com.synapselinkhealth.testing.SynapseLinkTables;
import com.synapselinkhealth.webapi.FakeDataverse.Answer;
import com.synapselinkhealth.webapi.FakeDataverse;
import com.synapselinkhealth.webapi.StaticTokenCredential;
import com.synapselinkhealth.webapi.WebApiDataverseRows;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Reconciliation over HTTP against the local Dataverse stand-in, judged by the same change processor as callbacks. */
public class ReconcilerTest {
    public static final HttpClient HTTP = new NettyAsyncHttpClientBuilder().build();

    private FakeDataverse dataverse;
    private final FakeTokenCredential credential = new FakeTokenCredential();
    private final Pipeline pipeline = new Pipeline();
    private Reconciler reconciler;

    @BeforeEach
    void start() throws Exception {
        dataverse = SynapseLinkTables.loadHealthy(new FakeDataverse());
        reconciler = new Reconciler(WebApiDataverseRows.connect(dataverse.url(), credential, HTTP), pipeline.processor);
    }

    @AfterEach
    void stop() {
        dataverse.close();
    }

    private static List<HealthEventName> names(List<HealthEvent> events) {
        return events.stream().map(HealthEvent::name).toList();
    }

    private static TableReport table(ReconcileReport report, StateTable table) {
        return report.tables().stream().filter(t -> t.table() == table).findFirst().orElseThrow();
    }

    @Test
    void aHealthyLinkRaisesNothingAndReadsEveryTableInOrder() {
        ReconcileReport report = reconciler.run();

        assertTrue(report.complete(), report.toString());
        assertEquals(List.of(), report.events());
        assertEquals(Reconciler.ORDER, report.tables().stream().map(TableReport::table).toList());
        report.tables().forEach(t -> assertEquals(1, t.rowsRead(), t.toString()));
        assertEquals(List.of("synapselinkprofiles", "synapselinkschedules", "synapsedatabases",
            "synapselinkprofileentities", "synapselinkprofileentitystates", "synapselinkexternaltablestates"),
            dataverse.received.stream().map(r -> r.pathAndQuery().substring("/api/data/v9.2/".length()).split("\\?")[0])
                .toList());
        FakeDataverse.Received first = dataverse.received.get(0);
        assertEquals("Bearer " + FakeTokenCredential.TOKEN, first.header("Authorization"));
        assertTrue(first.pathAndQuery().contains("$select=") || first.pathAndQuery().contains("%24select="), first.pathAndQuery());
        assertTrue(first.header("Prefer").contains("OData.Community.Display.V1.FormattedValue"), first.header("Prefer"));
        assertTrue(credential.scopes.contains(List.of(dataverse.url() + "/.default")), credential.scopes.toString());
        assertEquals("Reconciled 127.0.0.1: synapselinkprofile 1 row, synapselinkschedule 1 row, synapsedatabase 1 row, "
            + "synapselinkprofileentity 1 row, synapselinkprofileentitystate 1 row, synapselinkexternaltablestate 1 row; "
            + "0 events.", report.summary());
    }

    @Test
    void aMissedFailureIsRaisedOnceWithTheProfileNameAndNotAgain() {
        assertEquals(List.of(), reconciler.run().events());
        dataverse.put(STATES, "synapselinkprofileentitystateid", state(CONTACT_STATE, "contact", 8, 1001));

        ReconcileReport second = reconciler.run();
        assertEquals(List.of(HealthEventName.TableSyncFailed), names(second.events()));
        HealthEvent failed = second.events().get(0);
        assertEquals("contact", failed.table());
        assertEquals(SynapseLink.PROFILE_NAME, failed.profileName(), "the name comes from the profile row read first");
        assertEquals(SynapseLink.PROFILE_ID, failed.profileId());
        assertEquals("Completed", failed.previousState());
        assertEquals("CompletedWithFailures", failed.currentState());
        assertEquals("127.0.0.1", failed.organization());
        assertEquals(Instant.parse("2024-06-03T09:11:00Z"), failed.time(), "the row's modifiedon");
        assertEquals(1, table(second, StateTable.PROFILE_ENTITY_STATE).applied());

        ReconcileReport third = reconciler.run();
        assertEquals(List.of(), third.events());
        assertEquals(1, table(third, StateTable.PROFILE_ENTITY_STATE).unchanged());
        assertEquals(1, pipeline.published.size());
        assertEquals(1, pipeline.events.query(com.synapselinkhealth.store.EventQuery.latest(10)).size());
    }

    @Test
    void aRowFirstSeenFailedIsNewsAndTheDeltaTableFailureToo() {
        dataverse.put(STATES, "synapselinkprofileentitystateid", state(CONTACT_STATE, "contact", 8, 1001));
        dataverse.put(EXTERNAL_STATES, "synapselinkexternaltablestateid", external(CONTACT_DELTA, "contact", 2, 1101));

        ReconcileReport report = reconciler.run();
        assertEquals(List.of(HealthEventName.TableSyncFailed, HealthEventName.DeltaTableFailed), names(report.events()));
        assertEquals(SynapseLink.PROFILE_ID, report.events().get(1).profileId(), "found through the lake folder");
        assertEquals(List.of(), reconciler.run().events());
    }

    @Test
    void theWebhookOfAChangeReconciledFirstIsADuplicateAndAnOlderOneTakesItsPlace() {
        dataverse.put(STATES, "synapselinkprofileentitystateid", state(CONTACT_STATE, "contact", 4, 1000));
        reconciler.run();
        dataverse.put(STATES, "synapselinkprofileentitystateid", state(CONTACT_STATE, "contact", 8, 1002));
        assertEquals(List.of(HealthEventName.TableSyncFailed), names(reconciler.run().events()));

        ProcessingResult webhook = pipeline.process(CallbackBuilder.update(StateTable.PROFILE_ENTITY_STATE, CONTACT_STATE)
            .target("syncstate", ChoiceSet.ENTITY_SYNC_STATE.of(8)).preImage("syncstate", ChoiceSet.ENTITY_SYNC_STATE.of(4))
            .postImage("versionnumber", 1002L).unchanged("entityname", "contact")
            .unchanged("profile", SynapseLink.profileLookup()));
        assertEquals(Outcome.DUPLICATE, webhook.outcome());
        assertEquals(List.of(), webhook.events());

        ProcessingResult older = pipeline.process(CallbackBuilder.update(StateTable.PROFILE_ENTITY_STATE, CONTACT_STATE)
            .target("syncstate", ChoiceSet.ENTITY_SYNC_STATE.of(2)).preImage("syncstate", ChoiceSet.ENTITY_SYNC_STATE.of(4))
            .postImage("versionnumber", 1001L).unchanged("entityname", "contact"));
        assertEquals(Outcome.APPLIED, older.outcome());
        assertEquals(List.of(), older.events(), "version 1001 ran between 1000 and the failure at 1002 already reported");
        assertEquals(1, pipeline.published.size());
    }

    @Test
    void aWebhookFirstThenTheReconciliationOfTheSameVersionRaisesNothingMore() {
        reconciler.run();
        List<HealthEvent> fromWebhook = pipeline.process(CallbackBuilder.update(StateTable.PROFILE_ENTITY_STATE,
                CONTACT_STATE).target("syncstate", ChoiceSet.ENTITY_SYNC_STATE.of(8))
            .preImage("syncstate", ChoiceSet.ENTITY_SYNC_STATE.of(4)).postImage("versionnumber", 1001L)
            .unchanged("entityname", "contact").unchanged("profile", SynapseLink.profileLookup())).events();
        assertEquals(List.of(HealthEventName.TableSyncFailed), names(fromWebhook));

        dataverse.put(STATES, "synapselinkprofileentitystateid", state(CONTACT_STATE, "contact", 8, 1001));
        assertEquals(List.of(), reconciler.run().events());
        assertEquals(1, pipeline.published.size());
    }

    @Test
    void pagesThroughEveryRowFollowingNextLinks() {
        dataverse.pageSize(2);
        for (int i = 0; i < 5; i++) {
            UUID id = new UUID(0x1234L, i);
            dataverse.put(STATES, "synapselinkprofileentitystateid", state(id, "table" + i, i == 3 ? 8 : 4, 2000 + i));
        }

        ReconcileReport report = reconciler.run();

        assertEquals(6, table(report, StateTable.PROFILE_ENTITY_STATE).rowsRead(), "the contact row and five more");
        assertEquals(List.of("table3"), report.events().stream().map(HealthEvent::table).toList());
        List<FakeDataverse.Received> pages = dataverse.requestsOf(STATES);
        assertEquals(3, pages.size(), pages.toString());
        assertTrue(pages.get(1).pathAndQuery().contains("skiptoken"), pages.get(1).pathAndQuery());
        assertTrue(pages.get(2).pathAndQuery().contains("pagenumber%3D%223%22"), pages.get(2).pathAndQuery());
        pages.forEach(p -> assertEquals("Bearer " + FakeTokenCredential.TOKEN, p.header("Authorization")));
    }

    @Test
    void aForbiddenTableIsReportedAndTheOthersStillRead() {
        dataverse.forbid(EXTERNAL_STATES);
        dataverse.put(STATES, "synapselinkprofileentitystateid", state(CONTACT_STATE, "contact", 8, 1001));

        ReconcileReport report = reconciler.run();

        assertFalse(report.complete());
        assertTrue(report.stoppedBy().isEmpty());
        TableReport forbidden = table(report, StateTable.EXTERNAL_TABLE_STATE);
        assertEquals(DataverseReadException.Kind.FORBIDDEN, forbidden.failure());
        assertTrue(forbidden.error().contains("lacks the privilege to read synapselinkexternaltablestates"), forbidden.error());
        assertEquals(List.of(HealthEventName.TableSyncFailed), names(report.events()));
        report.tables().stream().filter(t -> t.table() != StateTable.EXTERNAL_TABLE_STATE)
            .forEach(t -> assertTrue(t.isRead(), t.toString()));
        assertTrue(report.summary().contains("synapselinkexternaltablestate not read"), report.summary());
    }

    @Test
    void aMissingTableIsReportedAndTheOthersStillRead() {
        dataverse.first("synapselinkschedules", Answer.error(404, "0x8006088a",
            "Resource not found for the segment 'synapselinkschedules'."));
        ReconcileReport report = reconciler.run();
        assertEquals(DataverseReadException.Kind.TABLE_MISSING, table(report, StateTable.SCHEDULE).failure());
        assertTrue(table(report, StateTable.SCHEDULE).error().contains("has no synapselinkschedules"));
        assertEquals(5, report.tables().stream().filter(TableReport::isRead).count());
    }

    @Test
    void throttlingIsWaitedOutWithRetryAfter() {
        dataverse.first(STATES, Answer.throttled(1));
        long started = System.nanoTime();
        ReconcileReport report = reconciler.run();
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(report.complete(), report.toString());
        assertEquals(2, dataverse.requestsOf(STATES).size());
        assertTrue(millis >= 900, "waited only " + millis + " ms");
    }

    @Test
    void aRefusedTokenStopsTheRunWithAPlainMessage() {
        dataverse.first(PROFILES, Answer.error(401, "0x80072560", "ExpiredAuthTicket"));
        Reconciler withToken = new Reconciler(WebApiDataverseRows.connect(dataverse.url(),
            new StaticTokenCredential("secret-token-value"), HTTP), pipeline.processor);

        ReconcileReport report = withToken.run();

        TableReport stop = report.stoppedBy().orElseThrow();
        assertEquals(StateTable.PROFILE, stop.table());
        assertEquals(DataverseReadException.Kind.UNAUTHORIZED, stop.failure());
        assertTrue(stop.error().contains("expired or invalid"), stop.error());
        assertFalse(stop.error().contains("secret-token-value"));
        assertEquals(1, dataverse.received.size(), "no other table is tried");
        report.tables().forEach(t -> assertFalse(t.isRead()));
    }

    @Test
    void serverErrorsThatOutlastTheRetriesStopTheRun() {
        Answer down = new Answer(503, java.util.Map.of("Retry-After", "0"), "");
        dataverse.first(PROFILES, down, down, down, down);
        ReconcileReport report = reconciler.run();
        assertEquals(DataverseReadException.Kind.UNAVAILABLE, report.stoppedBy().orElseThrow().failure());
        assertTrue(report.stoppedBy().get().error().contains("HTTP 503"), report.stoppedBy().get().error());
        assertEquals(4, dataverse.received.size(), "one request and three retries, then no other table");
    }

    @Test
    void aTableWithoutOneOfTheSelectedColumnsIsReadWithAllColumns() {
        dataverse.columns(EXTERNAL_STATES, Set.of("name", "entityname", "synapseworkspacename", "synapsedatabasename",
            "_datalakefolder_value", "tablestate", "lastsyncstate", "versionnumber", "modifiedon"));
        dataverse.put(EXTERNAL_STATES, "synapselinkexternaltablestateid", external(CONTACT_DELTA, "contact", 2, 1101));

        ReconcileReport report = reconciler.run();

        assertEquals(List.of(HealthEventName.DeltaTableFailed), names(report.events()));
        List<FakeDataverse.Received> reads = dataverse.requestsOf(EXTERNAL_STATES);
        assertEquals(2, reads.size());
        assertTrue(reads.get(0).pathAndQuery().contains("select"));
        assertEquals("/api/data/v9.2/synapselinkexternaltablestates", reads.get(1).pathAndQuery());
        reconciler.run();
        assertEquals(3, dataverse.requestsOf(EXTERNAL_STATES).size(), "remembered: no second 400");
    }

    @Test
    void aRowOfTheWrongShapeIsSkippedAndNamed() {
        dataverse.put(STATES, "synapselinkprofileentitystateid",
            "{\"synapselinkprofileentitystateid\":\"" + new UUID(7, 7) + "\",\"syncstate\":\"eight\"}");
        ReconcileReport report = reconciler.run();
        TableReport states = table(report, StateTable.PROFILE_ENTITY_STATE);
        assertTrue(states.isRead());
        assertEquals(2, states.rowsRead());
        assertEquals(1, states.skipped().size());
        assertNotNull(states.skipped().get(0));
        assertTrue(states.skipped().get(0).contains("'syncstate'"), states.skipped().get(0));
    }
}
