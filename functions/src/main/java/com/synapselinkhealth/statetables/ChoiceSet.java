package com.synapselinkhealth.statetables;

import java.util.Map;
import java.util.TreeMap;

/**
 * The Dataverse global choices (option sets) the six state tables use, with every value the platform documents.
 * Values Microsoft adds later are still accepted: see {@link Choice#isKnown()}.
 */
public enum ChoiceSet {
    ENTITY_SYNC_STATE("synapselinkentitysyncstate", Map.of(0, "None", 1, "NotStarted", 2, "InProgress", 4, "Completed",
        8, "CompletedWithFailures", 16, "RequestedInitialData", 32, "Paused", 64, "PostProcessing")),
    ENTITY_METADATA_STATE("synapselinkentitymetadatastate", Map.of(0, "None", 1, "NotCreated", 2, "MetadataCreating",
        4, "RelationshipCreating", 8, "Created", 16, "Failure")),
    SYNAPSE_TABLE_CREATION_STATE("synapselinksynapsetablecreationstate",
        Map.of(0, "NotStarted", 1, "InProgress", 2, "Completed", 3, "Failed")),
    EXTERNAL_TABLE_STATE("synapselinkexternaltablestate",
        Map.of(0, "Not Created", 1, "Created", 2, "Failed", 3, "Deleted", 4, "In Progress")),
    ENTITY_SOURCE("synapselinkentitysource", Map.of(0, "Dataverse", 1, "FnOTables")),
    PROFILE_ENTITY_TYPE("synapselinkprofileentitytype", Map.of(0, "Requested")),
    PROFILE_STATE("synapselinkprofilestate", Map.of(0, "Inactive", 1, "Active", 2, "Error", 3, "Deleted", 4, "Aborting",
        5, "Aborted", 6, "Suspended", 7, "Suspending", 8, "Deactivated")),
    PROFILE_TYPE("synapselinkprofiletype", Map.of(0, "SynapseLink", 1, "EventAnalytics")),
    DESTINATION_SYNC_STATE("synapselinkdestinationsyncstate", Map.of(0, "None", 1, "NotCompleted", 2, "Completed")),
    PARTITION_STRATEGY("synapselinkentitypartitionstrategy", Map.of(0, "Year", 1, "Month", 2, "HalfMonth", 3, "FiveDay")),
    SCHEDULE_RECURRENCE_UNIT("synapselinkschedulerecurrenceunit", Map.of(0, "None", 1, "Minute", 2, "Hour", 3, "Day",
        4, "Week", 5, "Month", 6, "Year")),
    SCHEDULE_TYPE("synapselinkscheduletype", Map.of(0, "Snapshot", 1, "IncrementalUpdate")),
    STATE_CODE("statecode", Map.of(0, "Active", 1, "Inactive")),
    STATUS_CODE("statuscode", Map.of(1, "Active", 2, "Inactive")),
    COMPONENT_STATE("componentstate", Map.of(0, "Published", 1, "Unpublished", 2, "Deleted", 3, "Deleted Unpublished"));

    private final String optionSetName;
    private final Map<Integer, String> labels;

    ChoiceSet(String optionSetName, Map<Integer, String> labels) {
        this.optionSetName = optionSetName;
        this.labels = Map.copyOf(labels);
    }

    /** The Dataverse global option set name, e.g. {@code synapselinkentitysyncstate}. */
    public String optionSetName() {
        return optionSetName;
    }

    /** Every documented value and its label, in value order. */
    public Map<Integer, String> labels() {
        return new TreeMap<>(labels);
    }

    public Choice of(int value) {
        return new Choice(this, value);
    }

    String labelOf(int value) {
        return labels.get(value);
    }
}
