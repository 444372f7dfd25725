package com.synapselinkhealth.testing;

import com.synapselinkhealth.webapi.FakeDataverse;
import java.util.UUID;

/**
 * The "Contoso Lake" Synapse Link as the Dataverse Web API returns its six tables (with the annotations the client
 * asks for), to load into a {@link FakeDataverse}. Lookups carry no display name, so a profile name in an event
 * can only come from the profile row.
 */
public final class SynapseLinkTables {
    public static final UUID PROFILE_ID = SynapseLink.PROFILE_ID;
    public static final String PROFILE_NAME = SynapseLink.PROFILE_NAME;
    public static final UUID LAKE_FOLDER_ID = SynapseLink.LAKE_FOLDER_ID;
    public static final UUID CONTACT_STATE = UUID.fromString("e3b1f2a4-5c6d-ef11-9f89-000d3a4a5b6c");
    public static final UUID ACCOUNT_STATE = UUID.fromString("e3b1f2a4-5c6d-ef11-9f89-000d3a4a5b6d");
    public static final UUID CONTACT_ENTITY = UUID.fromString("7d2e9c1a-3b4f-ef11-9f89-000d3a4a5b6c");
    public static final UUID SCHEDULE_ID = UUID.fromString("9a1b2c3d-3b4f-ef11-9f89-000d3a4a5b6c");
    public static final UUID DATABASE_ID = UUID.fromString("4b5c6d7e-3b4f-ef11-9f89-000d3a4a5b6c");
    public static final UUID CONTACT_DELTA = UUID.fromString("c1d2e3f4-3b4f-ef11-9f89-000d3a4a5b6c");

    public static final String PROFILES = "synapselinkprofiles";
    public static final String PROFILE_ENTITIES = "synapselinkprofileentities";
    public static final String STATES = "synapselinkprofileentitystates";
    public static final String EXTERNAL_STATES = "synapselinkexternaltablestates";
    public static final String SCHEDULES = "synapselinkschedules";
    public static final String DATABASES = "synapsedatabases";

    private static final String FORMATTED = "@OData.Community.Display.V1.FormattedValue";

    private SynapseLinkTables() {
    }

    /** Loads one healthy profile with a schedule, a database, the contact table and its Delta table. */
    public static FakeDataverse loadHealthy(FakeDataverse dataverse) {
        dataverse.table(PROFILES, "synapselinkprofileid", profile(1, "Active", 500));
        dataverse.table(SCHEDULES, "synapselinkscheduleid", schedule(15, 501));
        dataverse.table(DATABASES, "synapsedatabaseid", database(502));
        dataverse.table(PROFILE_ENTITIES, "synapselinkprofileentityid", profileEntity(CONTACT_ENTITY, "contact", true, 503));
        dataverse.table(STATES, "synapselinkprofileentitystateid", state(CONTACT_STATE, "contact", 4, 1000));
        dataverse.table(EXTERNAL_STATES, "synapselinkexternaltablestateid", external(CONTACT_DELTA, "contact", 1, 1100));
        return dataverse;
    }

    private static String label(String column, String text) {
        return ",\"" + column + FORMATTED + "\":\"" + text + "\"";
    }

    private static String syncLabel(int value) {
        return switch (value) {
            case 2 -> "InProgress";
            case 4 -> "Completed";
            case 8 -> "CompletedWithFailures";
            case 9 -> "Paused";
            default -> "NotStarted";
        };
    }

    public static String profile(int state, String stateLabel, long version) {
        return "{\"@odata.etag\":\"W/\\\"" + version + "\\\"\",\"synapselinkprofileid\":\"" + PROFILE_ID + "\","
            + "\"name\":\"" + PROFILE_NAME + "\",\"uniquename\":\"contosolake\",\"profilestate\":" + state
            + label("profilestate", stateLabel) + ",\"profiletype\":0,\"_datalakefolder_value\":\"" + LAKE_FOLDER_ID + "\","
            + "\"_datalakefolder_value@Microsoft.Dynamics.CRM.lookuplogicalname\":\"datalakefolder\","
            + "\"statecode\":0,\"statuscode\":1,\"versionnumber\":" + version + ",\"modifiedon\":\"2024-06-03T08:00:00Z\"}";
    }

    public static String schedule(int minutes, long version) {
        return "{\"synapselinkscheduleid\":\"" + SCHEDULE_ID + "\",\"name\":\"contosolake-incremental\",\"uniquename\":"
            + "\"contosolake-incremental\",\"_profile_value\":\"" + PROFILE_ID + "\",\"type\":1" + label("type", "IncrementalUpdate")
            + ",\"recurrenceunit\":1,\"recurrenceinterval\":" + minutes + ",\"versionnumber\":" + version
            + ",\"modifiedon\":\"2024-06-03T08:00:00Z\"}";
    }

    public static String database(long version) {
        return "{\"synapsedatabaseid\":\"" + DATABASE_ID + "\",\"name\":\"contosolake\",\"databasename\":\"dataverse_contosolake\","
            + "\"workspacename\":\"contoso-synapse\",\"_datalakefolder_value\":\"" + LAKE_FOLDER_ID + "\",\"versionnumber\":"
            + version + ",\"modifiedon\":\"2024-06-03T08:00:00Z\"}";
    }

    public static String profileEntity(UUID id, String table, boolean enabled, long version) {
        return "{\"synapselinkprofileentityid\":\"" + id + "\",\"name\":\"" + table + "\",\"entityname\":\"" + table + "\","
            + "\"_profile_value\":\"" + PROFILE_ID + "\",\"enabled\":" + enabled + ",\"versionnumber\":" + version
            + ",\"modifiedon\":\"2024-06-03T08:00:00Z\"}";
    }

    /** A table's runtime state with {@code syncstate} = {@code sync} (2 InProgress, 4 Completed, 8 failed). */
    public static String state(UUID id, String table, int sync, long version) {
        return "{\"@odata.etag\":\"W/\\\"" + version + "\\\"\",\"synapselinkprofileentitystateid\":\"" + id + "\","
            + "\"name\":\"" + table + "\",\"entityname\":\"" + table + "\",\"syncstate\":" + sync + label("syncstate", syncLabel(sync))
            + ",\"initialsyncstate\":4" + label("initialsyncstate", "Completed") + ",\"metadatastate\":8,"
            + "\"synapsetablecreationstate\":2,\"lastsynceddatatime\":\"2024-06-03T09:26:41Z\",\"crmrecordcount\":260,"
            + "\"lakerecordcount\":250,\"versionnumber\":" + version + ",\"modifiedon\":\"2024-06-03T09:" + (10 + version % 50)
            + ":00Z\",\"statecode\":0,\"statuscode\":1,\"_profile_value\":\"" + PROFILE_ID + "\","
            + "\"_profile_value@Microsoft.Dynamics.CRM.lookuplogicalname\":\"synapselinkprofile\","
            + "\"_profileentity_value\":\"" + CONTACT_ENTITY + "\"}";
    }

    /** A table's Delta Lake state with {@code tablestate} = {@code state} (1 Created, 2 Failed). */
    public static String external(UUID id, String table, int state, long version) {
        return "{\"synapselinkexternaltablestateid\":\"" + id + "\",\"name\":\"" + table + "\",\"entityname\":\"" + table
            + "\",\"synapseworkspacename\":\"" + PROFILE_NAME + "\",\"synapsedatabasename\":\"dataverse_contosolake\","
            + "\"_datalakefolder_value\":\"" + LAKE_FOLDER_ID + "\",\"tablestate\":" + state + ",\"lastsyncstate\":1,"
            + "\"versionnumber\":" + version + ",\"modifiedon\":\"2024-06-03T09:00:00Z\"}";
    }
}
