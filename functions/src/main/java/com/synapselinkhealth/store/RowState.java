package com.synapselinkhealth.store;

import com.synapselinkhealth.dataverse.Attributes;
import com.synapselinkhealth.health.HealthEvent;
import com.synapselinkhealth.history.RowHistory;
import com.synapselinkhealth.statetables.StateTable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The last known state of one row of a state table, as the health rules judged it.
 *
 * @param table the state table
 * @param rowId the row
 * @param organization the Dataverse organization the row belongs to, or {@code null}
 * @param attributes every column seen so far, newest value of each
 * @param deleted whether the row was deleted (kept as a tombstone so late changes count as stale)
 * @param stalledAt when the row was reported stalled: the {@code lastsynceddatatime} it was stuck at; else null
 * @param recentOperations dedupe keys of the latest operations applied, newest last, at most
 *     {@link #MAX_RECENT_OPERATIONS}
 * @param outbox events decided but not yet handed to the event store and delivery: written in the same
 *     conditional save as the state, so a crash between deciding and publishing loses nothing
 * @param updatedAt when this service last wrote the row
 * @param history the row's recent versions in Dataverse's order and the events already raised from them
 */
public record RowState(StateTable table, UUID rowId, String organization, Attributes attributes, boolean deleted, Instant stalledAt,
                       List<String> recentOperations, List<HealthEvent> outbox, Instant updatedAt, RowHistory history) {
    public static final int MAX_RECENT_OPERATIONS = 32;

    public RowState {
        Objects.requireNonNull(table, "'table' cannot be null.");
        Objects.requireNonNull(rowId, "'rowId' cannot be null.");
        Objects.requireNonNull(attributes, "'attributes' cannot be null.");
        Objects.requireNonNull(updatedAt, "'updatedAt' cannot be null.");
        Objects.requireNonNull(history, "'history' cannot be null.");
        recentOperations = List.copyOf(recentOperations);
        outbox = List.copyOf(outbox);
    }

    /** A row state with no history kept yet (a row stored before histories, or a test's fixture). */
    public RowState(StateTable table, UUID rowId, String organization, Attributes attributes, boolean deleted, Instant stalledAt,
                    List<String> recentOperations, List<HealthEvent> outbox, Instant updatedAt) {
        this(table, rowId, organization, attributes, deleted, stalledAt, recentOperations, outbox, updatedAt, RowHistory.EMPTY);
    }

    public boolean hasSeen(String dedupeKey) {
        return recentOperations.contains(dedupeKey);
    }

    /** The operations list with one more key, oldest dropped past the limit. */
    public List<String> withOperation(String dedupeKey) {
        List<String> ops = new ArrayList<>(recentOperations);
        ops.remove(dedupeKey);
        ops.add(dedupeKey);
        int extra = ops.size() - MAX_RECENT_OPERATIONS;
        return List.copyOf(extra > 0 ? ops.subList(extra, ops.size()) : ops);
    }

    public RowState withOutbox(List<HealthEvent> newOutbox, Instant now) {
        return new RowState(table, rowId, organization, attributes, deleted, stalledAt, recentOperations, newOutbox, now, history);
    }

    /** This state marked stalled at {@code lastSync}, with one more event to publish. */
    public RowState stalled(Instant lastSync, List<HealthEvent> newOutbox, Instant now) {
        return new RowState(table, rowId, organization, attributes, deleted, lastSync, recentOperations, newOutbox, now, history);
    }
}
