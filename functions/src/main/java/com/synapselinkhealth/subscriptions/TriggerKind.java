package com.synapselinkhealth.subscriptions;

import com.synapselinkhealth.health.HealthEventName;
import java.util.Set;

/** The connector's webhook triggers, named as their operationIds. */
public enum TriggerKind {
    /** "When a Synapse Link health event occurs": filters chosen by the flow maker. */
    OnHealthEvent,
    /** "When a table sync fails": every error-severity event about a table. */
    OnTableSyncFailure,
    /** "When the health digest is ready": only the {@link HealthEventName#HealthDigest}, one per organization. */
    OnHealthDigest;

    /** The events "When a table sync fails" takes. */
    public static final Set<HealthEventName> TABLE_FAILURES = Set.of(
        HealthEventName.InitialSyncFailed, HealthEventName.TableSyncFailed, HealthEventName.MetadataFailed,
        HealthEventName.SynapseTableCreationFailed, HealthEventName.DeltaTableFailed, HealthEventName.DeltaSyncFailed,
        HealthEventName.FabricShortcutFailed);
}
