package com.synapselinkhealth.testing;

import static com.synapselinkhealth.testing.CallbackBuilder.ref;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.synapselinkhealth.statetables.Choice;
import com.synapselinkhealth.statetables.ChoiceSet;
import com.synapselinkhealth.statetables.StateTable;
import java.time.Instant;
import java.util.UUID;

/**
 * One Synapse Link ("Contoso Lake") and the callbacks its state tables send, with the context columns every
 * registered image carries (table name, profile lookup), so a test only says what changed.
 */
public final class SynapseLink {
    public static final UUID PROFILE_ID = UUID.fromString("0a4c5e1f-2b3d-ef11-9f89-000d3a4a5b6c");
    public static final String PROFILE_NAME = "Contoso Lake";
    public static final UUID LAKE_FOLDER_ID = UUID.fromString("5f2e8d71-2b3d-ef11-9f89-000d3a4a5b6c");
    /** When the profile was created; every later change is after it. */
    public static final Instant CREATED = Instant.parse("2024-06-03T08:00:00Z");

    private SynapseLink() {
    }

    /** The profile lookup as state tables carry it: without a name, as Dataverse mostly sends it. */
    public static ObjectNode profileLookup() {
        return ref(StateTable.PROFILE.logicalName(), PROFILE_ID);
    }

    public static ObjectNode lakeFolder() {
        return ref("datalakefolder", LAKE_FOLDER_ID);
    }

    public static Choice sync(int value) {
        return ChoiceSet.ENTITY_SYNC_STATE.of(value);
    }

    public static Choice profileState(int value) {
        return ChoiceSet.PROFILE_STATE.of(value);
    }

    public static Choice external(int value) {
        return ChoiceSet.EXTERNAL_TABLE_STATE.of(value);
    }

    /** The profile row created in {@code state}. */
    public static CallbackBuilder profileCreated(Choice state) {
        return CallbackBuilder.create(StateTable.PROFILE, PROFILE_ID)
            .target("name", PROFILE_NAME).target("uniquename", "contosolake")
            .target("profilestate", state).target("profiletype", ChoiceSet.PROFILE_TYPE.of(0))
            .target("datalakefolder", lakeFolder()).target("statecode", ChoiceSet.STATE_CODE.of(0))
            .target("createdon", CREATED).target("modifiedon", CREATED);
    }

    /** The profile's {@code profilestate} moving from one value to another. */
    public static CallbackBuilder profileState(Choice from, Choice to, Instant at) {
        return CallbackBuilder.update(StateTable.PROFILE, PROFILE_ID)
            .target("profilestate", to).target("modifiedon", at)
            .preImage("profilestate", from).unchanged("name", PROFILE_NAME).unchanged("datalakefolder", lakeFolder());
    }

    /** An Update of the runtime state of one synced table; say what changed with target/preImage. */
    public static CallbackBuilder tableState(UUID rowId, String table) {
        return CallbackBuilder.update(StateTable.PROFILE_ENTITY_STATE, rowId)
            .unchanged("entityname", table).unchanged("profile", profileLookup());
    }

    /** An Update of the Delta Lake state of one synced table. */
    public static CallbackBuilder externalTable(UUID rowId, String table) {
        return CallbackBuilder.update(StateTable.EXTERNAL_TABLE_STATE, rowId)
            .unchanged("entityname", table).unchanged("synapseworkspacename", PROFILE_NAME)
            .unchanged("synapsedatabasename", "dataverse_contosolake_unqb015df52a05fee11a382000d3a64d")
            .unchanged("datalakefolder", lakeFolder());
    }

    /** A profile-wide schedule created with an interval of {@code minutes}. */
    public static CallbackBuilder scheduleCreated(UUID rowId, int minutes) {
        return CallbackBuilder.create(StateTable.SCHEDULE, rowId)
            .target("name", "contosolake-incremental").target("profile", profileLookup())
            .target("type", ChoiceSet.SCHEDULE_TYPE.of(1)).target("recurrenceunit", ChoiceSet.SCHEDULE_RECURRENCE_UNIT.of(1))
            .target("recurrenceinterval", minutes).target("modifiedon", CREATED);
    }
}
