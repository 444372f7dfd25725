package com.synapselinkhealth.health;

import static com.synapselinkhealth.health.ChoiceRules.becomes;
import static com.synapselinkhealth.health.ChoiceRules.recovers;

import com.synapselinkhealth.statetables.ChoiceSet;
import com.synapselinkhealth.statetables.Choices;
import java.util.ArrayList;
import java.util.List;

/** {@code synapselinkprofileentitystate}: initial sync, sync, metadata and Synapse table creation of one table. */
final class ProfileEntityStateRules implements TableRules {
    @Override
    public List<Transition> evaluate(Observation o) {
        if (o.message().isDelete()) {
            return List.of();
        }
        List<Transition> found = new ArrayList<>();
        ChoiceSet sync = ChoiceSet.ENTITY_SYNC_STATE;
        becomes(o, "initialsyncstate", sync, Choices.SYNC_COMPLETED, HealthEventName.InitialSyncCompleted).ifPresent(found::add);
        becomes(o, "initialsyncstate", sync, Choices.SYNC_COMPLETED_WITH_FAILURES, HealthEventName.InitialSyncFailed)
            .ifPresent(found::add);
        becomes(o, "syncstate", sync, Choices.SYNC_COMPLETED_WITH_FAILURES, HealthEventName.TableSyncFailed).ifPresent(found::add);
        becomes(o, "syncstate", sync, Choices.SYNC_PAUSED, HealthEventName.TableSyncPaused).ifPresent(found::add);
        recovers(o, "syncstate", sync, List.of(Choices.SYNC_IN_PROGRESS, Choices.SYNC_COMPLETED),
            List.of(Choices.SYNC_COMPLETED_WITH_FAILURES, Choices.SYNC_PAUSED), HealthEventName.TableSyncRecovered)
            .ifPresent(found::add);
        becomes(o, "metadatastate", ChoiceSet.ENTITY_METADATA_STATE, Choices.METADATA_FAILURE, HealthEventName.MetadataFailed)
            .ifPresent(found::add);
        becomes(o, "synapsetablecreationstate", ChoiceSet.SYNAPSE_TABLE_CREATION_STATE, Choices.SYNAPSE_TABLE_FAILED,
            HealthEventName.SynapseTableCreationFailed).ifPresent(found::add);
        return found;
    }
}
