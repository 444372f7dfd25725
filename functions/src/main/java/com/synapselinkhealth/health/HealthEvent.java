package com.synapselinkhealth.health;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One health event: a real transition of a Synapse Link table or profile, with everything a person or a flow
 * needs to act on it. Optional facts are {@code null} when the source did not say them; none are invented.
 *
 * @param id deterministic id: the same callback always yields the same id
 * @param name what happened
 * @param time when the change happened (the row's {@code modifiedon}, else when the operation ran)
 * @param organization the Dataverse organization
 * @param profileName the Synapse Link profile's name
 * @param profileId the profile's row id
 * @param table logical name of the synced Dataverse table
 * @param stateTable which of the six state tables the change came from
 * @param previousState label of the state before
 * @param currentState label of the state now
 * @param lastSyncedAt the table's last successful sync
 * @param lakeRecordCount rows in the lake
 * @param dataverseRecordCount rows in Dataverse
 * @param rowId the state table row
 * @param operationId Dataverse {@code OperationId}
 * @param correlationId Dataverse {@code CorrelationId}
 * @param summary one sentence a person can read
 * @param details the facts only some events carry (never null; {@link EventDetails#NONE} for most)
 */
public record HealthEvent(
    String id,
    HealthEventName name,
    Instant time,
    String organization,
    String profileName,
    UUID profileId,
    String table,
    String stateTable,
    String previousState,
    String currentState,
    Instant lastSyncedAt,
    Long lakeRecordCount,
    Long dataverseRecordCount,
    UUID rowId,
    UUID operationId,
    UUID correlationId,
    String summary,
    EventDetails details) {

    /** An event with no details beyond the facts every event has. */
    public HealthEvent(String id, HealthEventName name, Instant time, String organization, String profileName, UUID profileId,
                       String table, String stateTable, String previousState, String currentState, Instant lastSyncedAt,
                       Long lakeRecordCount, Long dataverseRecordCount, UUID rowId, UUID operationId, UUID correlationId,
                       String summary) {
        this(id, name, time, organization, profileName, profileId, table, stateTable, previousState, currentState,
            lastSyncedAt, lakeRecordCount, dataverseRecordCount, rowId, operationId, correlationId, summary, EventDetails.NONE);
    }

    public HealthEvent {
        Objects.requireNonNull(id, "'id' cannot be null.");
        Objects.requireNonNull(name, "'name' cannot be null.");
        Objects.requireNonNull(time, "'time' cannot be null.");
        Objects.requireNonNull(stateTable, "'stateTable' cannot be null.");
        Objects.requireNonNull(rowId, "'rowId' cannot be null.");
        Objects.requireNonNull(summary, "'summary' cannot be null.");
        details = details == null ? EventDetails.NONE : details;
        if (id.isEmpty() || summary.isBlank()) {
            throw new IllegalArgumentException("'id' and 'summary' cannot be empty.");
        }
    }

    /** The event's severity: its name's, or for a digest the worst of its items. */
    public Severity severity() {
        return details.digest() != null ? details.digest().worstSeverity() : name.severity();
    }
}
