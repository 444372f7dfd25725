package com.synapselinkhealth.statetables;

import com.synapselinkhealth.dataverse.Attributes;
import com.synapselinkhealth.dataverse.EntityReference;
import java.time.Instant;

/**
 * A {@code synapselinkprofileentitystate} row: the runtime state of one synced table (the lake/CSV side).
 * Every field is {@code null} when the row data did not carry it.
 */
public record ProfileEntityState(
    String entityName,
    EntityReference profile,
    EntityReference profileEntity,
    Choice syncState,
    Choice initialSyncState,
    Choice metadataState,
    Choice synapseTableCreationState,
    Instant lastSyncedDataTime,
    Instant initialSyncProcessCompletedTime,
    Long lakeRecordCount,
    Long crmRecordCount) {

    public static ProfileEntityState from(Attributes a) {
        return new ProfileEntityState(
            a.text("entityname"), a.reference("profile"), a.reference("profileentity"),
            choice(a, "syncstate", ChoiceSet.ENTITY_SYNC_STATE),
            choice(a, "initialsyncstate", ChoiceSet.ENTITY_SYNC_STATE),
            choice(a, "metadatastate", ChoiceSet.ENTITY_METADATA_STATE),
            choice(a, "synapsetablecreationstate", ChoiceSet.SYNAPSE_TABLE_CREATION_STATE),
            a.instant("lastsynceddatatime"), a.instant("initialsyncprocesscompletedtime"),
            a.wholeNumber("lakerecordcount"), a.wholeNumber("crmrecordcount"));
    }

    static Choice choice(Attributes a, String column, ChoiceSet set) {
        Integer value = a.option(column);
        return value == null ? null : set.of(value);
    }
}
