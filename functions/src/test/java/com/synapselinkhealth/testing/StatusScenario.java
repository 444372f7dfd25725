package com.synapselinkhealth.testing;

import static com.synapselinkhealth.testing.CallbackBuilder.ref;
import static com.synapselinkhealth.testing.SynapseLink.external;
import static com.synapselinkhealth.testing.SynapseLink.profileState;
import static com.synapselinkhealth.testing.SynapseLink.sync;

import com.synapselinkhealth.statetables.ChoiceSet;
import com.synapselinkhealth.statetables.StateTable;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * A realistic state for the read-side actions, as the callbacks that build it. "Contoso Lake"
 * ({@link SynapseLink#PROFILE_ID}; active, every 15 minutes, so a 1 h allowance under the default policy) syncs
 * six tables, one in each condition at {@link #NOW}: contact failing (sync completed with failures), incident
 * paused, account stalled (5 h without a sync), lead healthy with a healthy Delta Lake table, opportunity failing
 * on the Delta Lake side, task healthy in an undocumented sync state (128); a seventh, msdyn_removed, was taken
 * out of the profile. "Fabric Link" is known only from the lookup of its one table's row; "archive" only from its
 * own row (suspended, no tables).
 */
public final class StatusScenario {
    public static final Instant NOW = Instant.parse("2024-06-03T12:00:00Z");
    public static final UUID FABRIC_ID = UUID.fromString("9c8b7a65-4321-4fed-8cba-0987654321fe");
    public static final UUID ARCHIVE_ID = UUID.fromString("1d2e3f40-5a6b-4c7d-8e9f-a0b1c2d3e4f5");
    public static final UUID REMOVED_ENTITY = UUID.fromString("77777777-2b3d-ef11-9f89-000d3a4a5b6c");
    public static final List<String> CONTOSO_TABLES = List.of("account", "contact", "incident", "lead", "opportunity", "task");

    private StatusScenario() {
    }

    /** Hands every callback of the scenario, in order, to {@code process}. */
    public static void seed(Consumer<CallbackBuilder> process) {
        process.accept(SynapseLink.profileCreated(profileState(1)));
        process.accept(SynapseLink.scheduleCreated(UUID.fromString("3a4b5c6d-2b3d-ef11-9f89-000d3a4a5b6c"), 15));
        process.accept(table("contact", 8, NOW.minus(Duration.ofMinutes(16)))
            .preImage("syncstate", sync(2))
            .target("initialsyncstate", sync(4)).target("metadatastate", ChoiceSet.ENTITY_METADATA_STATE.of(8))
            .target("synapsetablecreationstate", ChoiceSet.SYNAPSE_TABLE_CREATION_STATE.of(2))
            .target("initialsyncprocesscompletedtime", Instant.parse("2024-05-02T14:31:07Z"))
            .target("lakerecordcount", 120345L).target("crmrecordcount", 120512L));
        process.accept(table("incident", 32, NOW.minus(Duration.ofHours(3))));
        process.accept(table("account", 2, NOW.minus(Duration.ofHours(5))));
        process.accept(table("lead", 2, NOW.minus(Duration.ofMinutes(5))));
        process.accept(table("opportunity", 2, NOW.minus(Duration.ofMinutes(5))));
        process.accept(table("task", 128, NOW.minus(Duration.ofMinutes(2))));
        process.accept(table("msdyn_removed", 2, NOW.minus(Duration.ofHours(9)))
            .target("profileentity", ref(StateTable.PROFILE_ENTITY.logicalName(), REMOVED_ENTITY)));
        process.accept(CallbackBuilder.create(StateTable.PROFILE_ENTITY, REMOVED_ENTITY)
            .target("entityname", "msdyn_removed").target("profile", SynapseLink.profileLookup()).target("enabled", false));
        process.accept(SynapseLink.externalTable(id("delta lead"), "lead")
            .target("tablestate", external(1)).target("lastsyncstate", external(1)).target("lakehouseshortcutstate", external(1))
            .target("lastsynchronizedon", NOW.minus(Duration.ofMinutes(7))).target("recordcount", 5000L)
            .target("sourcerecordcount", 5002L));
        process.accept(SynapseLink.externalTable(id("delta opportunity"), "opportunity")
            .target("tablestate", external(1)).target("lastsyncstate", external(2))
            .target("modifiedon", NOW.minus(Duration.ofMinutes(4))));
        // a Delta Lake row of another lake folder: no table of Contoso Lake
        process.accept(CallbackBuilder.update(StateTable.EXTERNAL_TABLE_STATE, id("delta elsewhere"))
            .unchanged("entityname", "account").unchanged("datalakefolder", ref("datalakefolder", id("other folder")))
            .target("tablestate", external(2)));
        process.accept(CallbackBuilder.update(StateTable.PROFILE_ENTITY_STATE, id("fabric account"))
            .unchanged("entityname", "account")
            .unchanged("profile", ref(StateTable.PROFILE.logicalName(), FABRIC_ID, "Fabric Link"))
            .target("syncstate", sync(4)).target("lastsynceddatatime", NOW.minus(Duration.ofMinutes(1))));
        process.accept(CallbackBuilder.create(StateTable.PROFILE, ARCHIVE_ID)
            .target("name", "archive").target("profilestate", profileState(6)));
    }

    /** The runtime state row of one Contoso Lake table, seen with this sync state and last sync. */
    public static CallbackBuilder table(String name, int syncState, Instant lastSync) {
        return SynapseLink.tableState(id(name), name)
            .target("syncstate", sync(syncState)).target("lastsynceddatatime", lastSync).target("modifiedon", lastSync);
    }

    /** A fixed row id per name. */
    public static UUID id(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }
}
