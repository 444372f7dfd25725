package com.synapselinkhealth.health;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One health event: a real transition of a Synapse Link table or profile, with everything a person or a flow
 * needs to act on it. Optional facts are {@code null} when the source did not say them; none are invented.
 * Made with {@link #builder()} (or {@link #toBuilder()} from another event), which checks the required facts:
 * {@code id}, {@code name}, {@code time}, {@code stateTable}, {@code rowId} and {@code summary}.
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

    /** A builder with nothing set; {@code details} defaults to {@link EventDetails#NONE}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding every fact of this event, to make a changed copy. */
    public Builder toBuilder() {
        return new Builder().id(id).name(name).time(time).organization(organization).profileName(profileName)
            .profileId(profileId).table(table).stateTable(stateTable).previousState(previousState)
            .currentState(currentState).lastSyncedAt(lastSyncedAt).lakeRecordCount(lakeRecordCount)
            .dataverseRecordCount(dataverseRecordCount).rowId(rowId).operationId(operationId)
            .correlationId(correlationId).summary(summary).details(details);
    }

    /** The event's severity: its name's, or for a digest the worst of its items. */
    public Severity severity() {
        return details.digest() != null ? details.digest().worstSeverity() : name.severity();
    }

    /** Collects an event's facts one by one, each named as its accessor; {@link #build()} checks them. */
    public static final class Builder {
        private String id;
        private HealthEventName name;
        private Instant time;
        private String organization;
        private String profileName;
        private UUID profileId;
        private String table;
        private String stateTable;
        private String previousState;
        private String currentState;
        private Instant lastSyncedAt;
        private Long lakeRecordCount;
        private Long dataverseRecordCount;
        private UUID rowId;
        private UUID operationId;
        private UUID correlationId;
        private String summary;
        private EventDetails details = EventDetails.NONE;

        private Builder() {
        }

        public Builder id(String id) {
            this.id = id;
            return this;
        }

        public Builder name(HealthEventName name) {
            this.name = name;
            return this;
        }

        public Builder time(Instant time) {
            this.time = time;
            return this;
        }

        public Builder organization(String organization) {
            this.organization = organization;
            return this;
        }

        public Builder profileName(String profileName) {
            this.profileName = profileName;
            return this;
        }

        public Builder profileId(UUID profileId) {
            this.profileId = profileId;
            return this;
        }

        public Builder table(String table) {
            this.table = table;
            return this;
        }

        public Builder stateTable(String stateTable) {
            this.stateTable = stateTable;
            return this;
        }

        public Builder previousState(String previousState) {
            this.previousState = previousState;
            return this;
        }

        public Builder currentState(String currentState) {
            this.currentState = currentState;
            return this;
        }

        public Builder lastSyncedAt(Instant lastSyncedAt) {
            this.lastSyncedAt = lastSyncedAt;
            return this;
        }

        public Builder lakeRecordCount(Long lakeRecordCount) {
            this.lakeRecordCount = lakeRecordCount;
            return this;
        }

        public Builder dataverseRecordCount(Long dataverseRecordCount) {
            this.dataverseRecordCount = dataverseRecordCount;
            return this;
        }

        public Builder rowId(UUID rowId) {
            this.rowId = rowId;
            return this;
        }

        public Builder operationId(UUID operationId) {
            this.operationId = operationId;
            return this;
        }

        public Builder correlationId(UUID correlationId) {
            this.correlationId = correlationId;
            return this;
        }

        public Builder summary(String summary) {
            this.summary = summary;
            return this;
        }

        /** @param details the facts only some events carry; {@code null} for {@link EventDetails#NONE} */
        public Builder details(EventDetails details) {
            this.details = details;
            return this;
        }

        /**
         * The event.
         *
         * @throws NullPointerException when {@code id}, {@code name}, {@code time}, {@code stateTable}, {@code rowId}
         *     or {@code summary} is missing
         * @throws IllegalArgumentException when {@code id} or {@code summary} is empty
         */
        public HealthEvent build() {
            return new HealthEvent(id, name, time, organization, profileName, profileId, table, stateTable, previousState,
                currentState, lastSyncedAt, lakeRecordCount, dataverseRecordCount, rowId, operationId, correlationId,
                summary, details);
        }
    }
}
