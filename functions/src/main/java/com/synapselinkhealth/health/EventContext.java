package com.synapselinkhealth.health;

import com.synapselinkhealth.dataverse.Attributes;
import com.synapselinkhealth.statetables.StateTable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The facts every event of one observed change shares.
 *
 * @param table the state table
 * @param rowId the state table row
 * @param row the row's columns as they are now (for a deleted row: as they were last)
 * @param organization the Dataverse organization, or {@code null}
 * @param operationId Dataverse {@code OperationId}, or {@code null}
 * @param correlationId Dataverse {@code CorrelationId}, or {@code null}
 * @param operationKey what identifies the operation for event ids (see {@link EventIds})
 * @param message the Dataverse message, part of the event id
 * @param time when the change happened
 */
public record EventContext(StateTable table, UUID rowId, Attributes row, String organization, UUID operationId,
                           UUID correlationId, String operationKey, String message, Instant time) {
    public EventContext {
        Objects.requireNonNull(table, "'table' cannot be null.");
        Objects.requireNonNull(rowId, "'rowId' cannot be null.");
        Objects.requireNonNull(row, "'row' cannot be null.");
        Objects.requireNonNull(operationKey, "'operationKey' cannot be null.");
        Objects.requireNonNull(message, "'message' cannot be null.");
        Objects.requireNonNull(time, "'time' cannot be null.");
    }
}
