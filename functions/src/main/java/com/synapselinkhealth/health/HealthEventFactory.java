package com.synapselinkhealth.health;

import com.synapselinkhealth.dataverse.Attributes;
import com.synapselinkhealth.dataverse.EntityReference;
import com.synapselinkhealth.statetables.ExternalTableState;
import com.synapselinkhealth.statetables.ProfileEntityState;
import com.synapselinkhealth.statetables.SynapseDatabase;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Turns a transition into a full {@link HealthEvent}: resolves the profile, picks the table, last sync and counts
 * out of the row, and writes the summary.
 */
public final class HealthEventFactory {
    private final ProfileDirectory profiles;

    public HealthEventFactory(ProfileDirectory profiles) {
        this.profiles = Objects.requireNonNull(profiles, "'profiles' cannot be null.");
    }

    public HealthEvent create(Transition transition, EventContext context) {
        return create(transition, context, null);
    }

    /** @param detail text the rule adds to the summary (see {@link Summaries#of}), or {@code null} */
    public HealthEvent create(Transition transition, EventContext context, String detail) {
        Attributes row = context.row();
        UUID profileId = null;
        String profileName = null;
        String table = null;
        Instant lastSyncedAt = null;
        Long lake = null;
        Long dataverse = null;
        String summaryDetail = detail;
        switch (context.table()) {
            case PROFILE_ENTITY_STATE -> {
                ProfileEntityState s = ProfileEntityState.from(row);
                table = s.entityName();
                profileId = id(s.profile());
                profileName = nameOf(s.profile());
                lastSyncedAt = s.lastSyncedDataTime();
                lake = s.lakeRecordCount();
                dataverse = s.crmRecordCount();
            }
            case EXTERNAL_TABLE_STATE -> {
                ExternalTableState s = ExternalTableState.from(row);
                table = s.entityName();
                profileName = s.synapseWorkspaceName();
                profileId = folderProfile(s.dataLakeFolder());
                lastSyncedAt = s.lastSynchronizedOn();
                lake = s.recordCount();
                dataverse = s.sourceRecordCount();
            }
            case PROFILE -> {
                profileId = context.rowId();
                profileName = row.text("name");
                if (profileName == null) {
                    profileName = profiles.nameOf(profileId).orElse(null);
                }
            }
            case PROFILE_ENTITY, SCHEDULE -> {
                EntityReference profile = row.reference("profile");
                table = row.text("entityname");
                profileId = id(profile);
                profileName = nameOf(profile);
            }
            case DATABASE -> {
                SynapseDatabase db = SynapseDatabase.from(row);
                profileId = folderProfile(db.dataLakeFolder());
                profileName = profileId == null ? null : profiles.nameOf(profileId).orElse(null);
                if (summaryDetail == null) {
                    summaryDetail = db.workspaceName() != null ? db.workspaceName() : db.name();
                }
            }
            default -> throw new IllegalStateException("no event data for " + context.table());
        }
        HealthEventName name = transition.name();
        String summary = Summaries.of(name, table, profileName, profileId, transition.previousState(),
            transition.currentState(), context.time(), lastSyncedAt, lake, dataverse, summaryDetail, transition.details());
        String operationKey = transition.qualifier() == null ? context.operationKey()
            : context.operationKey() + "#" + transition.qualifier();
        return HealthEvent.builder()
            .id(EventIds.of(context.table().logicalName(), context.rowId(), operationKey, context.message(), name))
            .name(name).time(context.time()).organization(context.organization())
            .profileName(profileName).profileId(profileId).table(table).stateTable(context.table().logicalName())
            .previousState(transition.previousState()).currentState(transition.currentState())
            .lastSyncedAt(lastSyncedAt).lakeRecordCount(lake).dataverseRecordCount(dataverse)
            .rowId(context.rowId()).operationId(context.operationId()).correlationId(context.correlationId())
            .summary(summary).details(transition.details())
            .build();
    }

    private static UUID id(EntityReference ref) {
        return ref == null ? null : ref.id();
    }

    /** The profile row's own name, else the name the lookup carried, else nothing. */
    private String nameOf(EntityReference profile) {
        if (profile == null) {
            return null;
        }
        return profiles.nameOf(profile.id()).orElse(profile.name());
    }

    private UUID folderProfile(EntityReference folder) {
        return folder == null ? null : profiles.profileForDataLakeFolder(folder.id()).orElse(null);
    }

}
