package com.synapselinkhealth.ingest;

import static com.synapselinkhealth.testing.SynapseLink.profileState;
import static com.synapselinkhealth.testing.SynapseLink.sync;
import static com.synapselinkhealth.testing.SynapseLink.tableState;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.synapselinkhealth.dataverse.AttributeValue;
import com.synapselinkhealth.dataverse.Attributes;
import com.synapselinkhealth.dataverse.MessageName;
import com.synapselinkhealth.dataverse.RowChange;
import com.synapselinkhealth.health.HealthEvent;
import com.synapselinkhealth.health.HealthEventName;
import com.synapselinkhealth.ingest.ProcessingResult.Outcome;
import com.synapselinkhealth.statetables.ChoiceSet;
import com.synapselinkhealth.statetables.StateTable;
import com.synapselinkhealth.store.EventQuery;
import com.synapselinkhealth.testing.CallbackBuilder;
import com.synapselinkhealth.testing.Pipeline;
import com.synapselinkhealth.testing.SynapseLink;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** How a change is judged against its row's last known state: transitions only, once, in order. */
class ChangeProcessorTest {
    private static final UUID ROW = UUID.fromString("e3b1f2a4-5c6d-ef11-9f89-000d3a4a5b6c");
    private static final Instant T1 = Instant.parse("2024-06-03T09:00:00Z");
    private static final Instant T2 = Instant.parse("2024-06-03T09:15:00Z");

    private final Pipeline pipeline = new Pipeline();

    private static List<HealthEventName> names(List<HealthEvent> events) {
        return events.stream().map(HealthEvent::name).toList();
    }

    private List<HealthEventName> namesOf(CallbackBuilder callback) {
        ProcessingResult result = pipeline.process(callback);
        assertEquals(Outcome.APPLIED, result.outcome());
        return names(result.events());
    }

    /** The contact table, syncing, with 100 rows in the lake. */
    private void contactIsSyncing() {
        assertEquals(List.of(), namesOf(tableState(ROW, "contact").target("syncstate", sync(2)).target("modifiedon", T1)
            .target("lakerecordcount", 100L).preImage("syncstate", sync(4)).unchanged("versionnumber", 1000L)));
    }

    @Test
    void countsAndTimestampsAloneFireNothing() {
        contactIsSyncing();
        assertEquals(List.of(), namesOf(tableState(ROW, "contact").target("lakerecordcount", 250L)
            .target("crmrecordcount", 260L).target("lastsynceddatatime", T2).target("modifiedon", T2)
            .unchanged("syncstate", sync(2)).unchanged("initialsyncstate", sync(4))));
    }

    @Test
    void firstSeenInABadStateFires() {
        List<HealthEvent> events = pipeline.events(tableState(ROW, "contact").target("syncstate", sync(8)));
        assertEquals(List.of(HealthEventName.TableSyncFailed), names(events));
        assertNull(events.get(0).previousState());
        assertEquals(List.of(HealthEventName.ProfileError), namesOf(SynapseLink.profileCreated(profileState(2))));
    }

    @Test
    void firstSeenInAGoodStateFiresNothing() {
        assertEquals(List.of(), namesOf(tableState(ROW, "contact").target("syncstate", sync(4)).target("initialsyncstate", sync(4))
            .target("metadatastate", ChoiceSet.ENTITY_METADATA_STATE.of(8))));
        assertEquals(List.of(), namesOf(SynapseLink.profileCreated(profileState(1))));
    }

    @Test
    void createFiresOnlyWhatItsRuleNames() {
        assertEquals(List.of(), namesOf(CallbackBuilder.create(StateTable.PROFILE_ENTITY_STATE, ROW).target("entityname", "contact")
            .target("syncstate", sync(2)).target("initialsyncstate", sync(2))));
        assertEquals(List.of(), namesOf(SynapseLink.scheduleCreated(UUID.randomUUID(), 15)));
    }

    @Test
    void duplicateDeliveryFiresNothingNew() {
        contactIsSyncing();
        byte[] failed = tableState(ROW, "contact").target("syncstate", sync(8)).preImage("syncstate", sync(2)).build();
        assertEquals(List.of(HealthEventName.TableSyncFailed), names(pipeline.process(failed).events()));
        ProcessingResult again = pipeline.process(failed);
        assertEquals(Outcome.DUPLICATE, again.outcome());
        assertEquals(List.of(), again.events());
        assertEquals(1, pipeline.published.size());
        assertEquals(1, pipeline.events.query(EventQuery.latest(10)).size());
    }

    @Test
    void sameOperationOnAnotherRowIsNotADuplicate() {
        UUID operation = UUID.randomUUID();
        assertEquals(List.of(HealthEventName.TableSyncFailed), namesOf(tableState(ROW, "contact").operationId(operation)
            .target("syncstate", sync(8)).preImage("syncstate", sync(2))));
        assertEquals(List.of(HealthEventName.TableSyncFailed), namesOf(tableState(UUID.randomUUID(), "account")
            .operationId(operation).target("syncstate", sync(8)).preImage("syncstate", sync(2))));
    }

    @Test
    void anOlderVersionNumberIsPutInItsPlace() {
        contactIsSyncing();
        // version 999 failed and 1000 (already judged, pre image Completed) runs again: both are news, late
        ProcessingResult late = pipeline.process(tableState(ROW, "contact").target("syncstate", sync(8))
            .preImage("syncstate", sync(2)).unchanged("versionnumber", 999L));
        assertEquals(Outcome.APPLIED, late.outcome());
        assertEquals(List.of(HealthEventName.TableSyncFailed, HealthEventName.TableSyncRecovered), names(late.events()));
        assertEquals(List.of(HealthEventName.TableSyncFailed), namesOf(tableState(ROW, "contact")
            .target("syncstate", sync(8)).preImage("syncstate", sync(2)).postImage("versionnumber", 1001L)));
    }

    @Test
    void anOlderModifiedOnIsPutInItsPlaceWhenThereIsNoVersionNumber() {
        assertEquals(List.of(), namesOf(tableState(ROW, "contact").target("syncstate", sync(2)).target("modifiedon", T2)));
        ProcessingResult late = pipeline.process(tableState(ROW, "contact").target("syncstate", sync(8)).target("modifiedon", T1));
        assertEquals(Outcome.APPLIED, late.outcome());
        assertEquals(List.of(HealthEventName.TableSyncFailed, HealthEventName.TableSyncRecovered), names(late.events()));
        assertEquals(T1, late.events().get(0).time());
        assertEquals(T2, late.events().get(1).time());
    }

    @Test
    void aChangeThatArrivesAfterItsRowsDeleteIsJudgedBeforeTheDelete() {
        contactIsSyncing();
        assertEquals(List.of(), namesOf(CallbackBuilder.delete(StateTable.PROFILE_ENTITY_STATE, ROW).preImage("syncstate", sync(2))));
        ProcessingResult late = pipeline.process(tableState(ROW, "contact").target("syncstate", sync(8)));
        assertEquals(Outcome.APPLIED, late.outcome());
        // the Delete's pre image says the table ran again before it was deleted
        assertEquals(List.of(HealthEventName.TableSyncFailed, HealthEventName.TableSyncRecovered), names(late.events()));
        assertTrue(pipeline.rows.find(StateTable.PROFILE_ENTITY_STATE, ROW).orElseThrow().value().deleted(),
            "the row stays deleted");
    }

    @Test
    void updateWithOnlyTheChangedColumnIsJudgedAgainstTheStoredState() {
        contactIsSyncing();
        HealthEvent e = pipeline.events(CallbackBuilder.update(StateTable.PROFILE_ENTITY_STATE, ROW)
            .target("syncstate", sync(8)).target("modifiedon", T2)).get(0);
        assertEquals(HealthEventName.TableSyncFailed, e.name());
        assertEquals("InProgress", e.previousState());
        assertEquals("contact", e.table());
        assertEquals(100L, e.lakeRecordCount());
        assertEquals(SynapseLink.PROFILE_ID, e.profileId());
    }

    @Test
    void thePreImageOverridesAStoredStateThatMissedADelivery() {
        contactIsSyncing();
        assertEquals(List.of(HealthEventName.TableSyncFailed), namesOf(tableState(ROW, "contact").target("syncstate", sync(8))
            .target("modifiedon", T1.plusSeconds(60)).preImage("syncstate", sync(2))));
        // The recovery to InProgress never arrived (Dataverse does not retry a 500); this change fails again, and its
        // pre image shows the recovery in between.
        List<HealthEvent> events = pipeline.events(tableState(ROW, "contact").target("syncstate", sync(8))
            .target("modifiedon", T2).preImage("syncstate", sync(2)));
        assertEquals(List.of(HealthEventName.TableSyncRecovered, HealthEventName.TableSyncFailed), names(events));
        assertEquals("InProgress", events.get(1).previousState());
    }

    @Test
    void aFailureWhoseCallbackWasLostIsReportedWithTheNextChange() {
        contactIsSyncing();
        // The change to CompletedWithFailures was lost; the next one only moves a count, its pre image already failed.
        List<HealthEvent> events = pipeline.events(tableState(ROW, "contact").target("lakerecordcount", 42)
            .target("modifiedon", T2).preImage("syncstate", sync(8)).postImage("syncstate", sync(8)));
        assertEquals(List.of(HealthEventName.TableSyncFailed), names(events));
        assertEquals("InProgress", events.get(0).previousState());
        // Once reported, the same failed state raises nothing more.
        assertEquals(List.of(), namesOf(tableState(ROW, "contact").target("lakerecordcount", 43)
            .target("modifiedon", T2.plusSeconds(60)).preImage("syncstate", sync(8)).postImage("syncstate", sync(8))));
    }

    @Test
    void unknownChoiceValueIsKeptAndLabelled() {
        assertEquals(List.of(), namesOf(tableState(ROW, "contact").target("syncstate", sync(128)).preImage("syncstate", sync(2))));
        List<HealthEvent> events = pipeline.events(tableState(ROW, "contact").target("syncstate", sync(8)));
        assertEquals(List.of(HealthEventName.TableSyncFailed), names(events));
        assertEquals("Unknown (128)", events.get(0).previousState());
    }

    @Test
    void aScheduleReadFromTheWebApiAndThenCalledBackIsTheSameSchedule() {
        UUID schedule = UUID.randomUUID();
        // The reconciliation read (Web API) gives choices as plain numbers, callbacks as OptionSetValues.
        pipeline.processor.process(new RowChange(CallbackBuilder.ORGANIZATION_NAME, CallbackBuilder.ORGANIZATION_ID,
            MessageName.UPDATE, StateTable.SCHEDULE.logicalName(), schedule, Attributes.of(Map.of(
                "type", new AttributeValue.WholeNumber(1), "recurrenceunit", new AttributeValue.WholeNumber(1),
                "recurrenceinterval", new AttributeValue.WholeNumber(15))),
            Attributes.empty(), Map.of(), null, "webapi:" + schedule, null, null, 1, 40, 1, null, false));
        assertEquals(List.of(), namesOf(CallbackBuilder.update(StateTable.SCHEDULE, schedule).target("name", "renamed")
            .postImage("type", CallbackBuilder.option(1)).postImage("recurrenceunit", CallbackBuilder.option(1))
            .postImage("recurrenceinterval", 15)));
        assertEquals(List.of(HealthEventName.ScheduleChanged), namesOf(CallbackBuilder.update(StateTable.SCHEDULE, schedule)
            .target("recurrenceunit", CallbackBuilder.option(2)).preImage("recurrenceunit", CallbackBuilder.option(1))));
    }

    @Test
    void otherTablesAreIgnored() {
        ProcessingResult result = pipeline.process(CallbackBuilder.of("Update", "account", ROW).target("name", "Fourth Coffee"));
        assertEquals(Outcome.IGNORED, result.outcome());
        assertTrue(pipeline.rows.find(StateTable.PROFILE, ROW).isEmpty());
    }

    @Test
    void eventIdsAreTheSameForTheSameCallbackAndDifferentPerEvent() {
        byte[] body = tableState(ROW, "contact").target("syncstate", sync(8)).target("metadatastate", ChoiceSet.ENTITY_METADATA_STATE.of(16))
            .preImage("syncstate", sync(2)).preImage("metadatastate", ChoiceSet.ENTITY_METADATA_STATE.of(8)).build();
        List<HealthEvent> first = new Pipeline().process(body).events();
        List<HealthEvent> second = new Pipeline().process(body).events();
        assertEquals(List.of(HealthEventName.TableSyncFailed, HealthEventName.MetadataFailed), names(first));
        assertEquals(first.stream().map(HealthEvent::id).toList(), second.stream().map(HealthEvent::id).toList());
        assertNotEquals(first.get(0).id(), first.get(1).id());
        UUID.fromString(first.get(0).id());
        List<HealthEvent> otherOperation = new Pipeline().process(tableState(ROW, "contact").target("syncstate", sync(8))
            .preImage("syncstate", sync(2))).events();
        assertNotEquals(first.get(0).id(), otherOperation.get(0).id());
    }

    @Test
    void eventsAreStoredAndPublishedOnceInOrder() {
        List<HealthEvent> events = pipeline.events(tableState(ROW, "contact").target("syncstate", sync(8))
            .target("synapsetablecreationstate", ChoiceSet.SYNAPSE_TABLE_CREATION_STATE.of(3)));
        assertEquals(events, pipeline.published);
        assertEquals(2, pipeline.events.query(EventQuery.latest(10)).size());
        assertTrue(pipeline.rows.find(StateTable.PROFILE_ENTITY_STATE, ROW).orElseThrow().value().outbox().isEmpty(),
            "published events leave the row's outbox");
    }
}
