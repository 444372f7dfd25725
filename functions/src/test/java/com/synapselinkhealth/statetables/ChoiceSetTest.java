package com.synapselinkhealth.statetables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The option sets against the values Microsoft documents for the six state tables (facts/dataverse.md §3). */
class ChoiceSetTest {
    private static final Map<ChoiceSet, Map<Integer, String>> DOCUMENTED = Map.ofEntries(
        Map.entry(ChoiceSet.ENTITY_SYNC_STATE, Map.of(0, "None", 1, "NotStarted", 2, "InProgress", 4, "Completed",
            8, "CompletedWithFailures", 16, "RequestedInitialData", 32, "Paused", 64, "PostProcessing")),
        Map.entry(ChoiceSet.ENTITY_METADATA_STATE, Map.of(0, "None", 1, "NotCreated", 2, "MetadataCreating",
            4, "RelationshipCreating", 8, "Created", 16, "Failure")),
        Map.entry(ChoiceSet.SYNAPSE_TABLE_CREATION_STATE, Map.of(0, "NotStarted", 1, "InProgress", 2, "Completed", 3, "Failed")),
        Map.entry(ChoiceSet.EXTERNAL_TABLE_STATE,
            Map.of(0, "Not Created", 1, "Created", 2, "Failed", 3, "Deleted", 4, "In Progress")),
        Map.entry(ChoiceSet.ENTITY_SOURCE, Map.of(0, "Dataverse", 1, "FnOTables")),
        Map.entry(ChoiceSet.PROFILE_ENTITY_TYPE, Map.of(0, "Requested")),
        Map.entry(ChoiceSet.PROFILE_STATE, Map.of(0, "Inactive", 1, "Active", 2, "Error", 3, "Deleted", 4, "Aborting",
            5, "Aborted", 6, "Suspended", 7, "Suspending", 8, "Deactivated")),
        Map.entry(ChoiceSet.PROFILE_TYPE, Map.of(0, "SynapseLink", 1, "EventAnalytics")),
        Map.entry(ChoiceSet.DESTINATION_SYNC_STATE, Map.of(0, "None", 1, "NotCompleted", 2, "Completed")),
        Map.entry(ChoiceSet.PARTITION_STRATEGY, Map.of(0, "Year", 1, "Month", 2, "HalfMonth", 3, "FiveDay")),
        Map.entry(ChoiceSet.SCHEDULE_RECURRENCE_UNIT, Map.of(0, "None", 1, "Minute", 2, "Hour", 3, "Day", 4, "Week",
            5, "Month", 6, "Year")),
        Map.entry(ChoiceSet.SCHEDULE_TYPE, Map.of(0, "Snapshot", 1, "IncrementalUpdate")),
        Map.entry(ChoiceSet.STATE_CODE, Map.of(0, "Active", 1, "Inactive")),
        Map.entry(ChoiceSet.STATUS_CODE, Map.of(1, "Active", 2, "Inactive")),
        Map.entry(ChoiceSet.COMPONENT_STATE, Map.of(0, "Published", 1, "Unpublished", 2, "Deleted", 3, "Deleted Unpublished")));

    @ParameterizedTest
    @EnumSource(ChoiceSet.class)
    void everyDocumentedValueHasItsLabel(ChoiceSet set) {
        assertEquals(new TreeMap<>(DOCUMENTED.get(set)), set.labels());
        DOCUMENTED.get(set).forEach((value, label) -> {
            Choice choice = set.of(value);
            assertTrue(choice.isKnown(), set + " " + value);
            assertEquals(label, choice.label());
        });
    }

    @ParameterizedTest
    @EnumSource(ChoiceSet.class)
    void undocumentedValuesAreKeptNotRejected(ChoiceSet set) {
        for (int value : new int[] {128, -1, Integer.MAX_VALUE, Integer.MIN_VALUE}) {
            Choice choice = set.of(value);
            assertFalse(choice.isKnown());
            assertEquals("Unknown (" + value + ")", choice.label());
            assertEquals(value, choice.value());
            assertEquals(choice.label(), choice.toString());
        }
    }

    @Test
    void optionSetNamesAreTheDataverseGlobalChoices() {
        assertEquals("synapselinkentitysyncstate", ChoiceSet.ENTITY_SYNC_STATE.optionSetName());
        assertEquals("synapselinkexternaltablestate", ChoiceSet.EXTERNAL_TABLE_STATE.optionSetName());
        assertEquals("synapselinkprofilestate", ChoiceSet.PROFILE_STATE.optionSetName());
    }

    @Test
    void sameValueOfAnotherSetIsNotTheSameChoice() {
        assertTrue(ChoiceSet.ENTITY_SYNC_STATE.of(8).is(Choices.SYNC_COMPLETED_WITH_FAILURES));
        assertFalse(ChoiceSet.ENTITY_METADATA_STATE.of(8).is(Choices.SYNC_COMPLETED_WITH_FAILURES));
        assertFalse(Choices.SYNC_COMPLETED.is(null));
    }

    @Test
    void namedChoicesCarryTheDocumentedLabels() {
        assertEquals("CompletedWithFailures", Choices.SYNC_COMPLETED_WITH_FAILURES.label());
        assertEquals("Paused", Choices.SYNC_PAUSED.label());
        assertEquals("Failure", Choices.METADATA_FAILURE.label());
        assertEquals("Failed", Choices.SYNAPSE_TABLE_FAILED.label());
        assertEquals("Failed", Choices.EXTERNAL_FAILED.label());
        assertEquals("Deleted", Choices.EXTERNAL_DELETED.label());
        assertEquals("Error", Choices.PROFILE_ERROR.label());
        assertEquals("Deactivated", Choices.PROFILE_DEACTIVATED.label());
        assertEquals("Suspended", Choices.PROFILE_SUSPENDED.label());
    }
}
