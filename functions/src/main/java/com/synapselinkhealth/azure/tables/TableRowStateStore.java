package com.synapselinkhealth.azure.tables;

import com.azure.core.util.Context;
import com.azure.data.tables.TableClient;
import com.azure.data.tables.TableServiceClient;
import com.azure.data.tables.models.ListEntitiesOptions;
import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableEntityUpdateMode;
import com.azure.data.tables.models.TableServiceException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.synapselinkhealth.dataverse.json.AttributesJson;
import com.synapselinkhealth.health.HealthEvent;
import com.synapselinkhealth.health.cloudevents.HealthCloudEvents;
import com.synapselinkhealth.history.RowHistory;
import com.synapselinkhealth.statetables.StateTable;
import com.synapselinkhealth.store.RowState;
import com.synapselinkhealth.store.RowStateStore;
import com.synapselinkhealth.store.Versioned;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Row state in one Azure Table: PartitionKey the state table's logical name, RowKey the row id, so
 * {@link #list} is one partition query and a save is one conditional write. The version is the entity's ETag:
 * {@link #saveIfUnchanged} with a version is a replace with {@code If-Match: <etag>}, without one an insert,
 * and the service answers 412 or 409 when another writer got there first.
 *
 * <p>Attributes ({@link AttributesJson}), the recent operations and the outbox (CloudEvents JSON,
 * {@link HealthCloudEvents}) and the row's history ({@link HistoryJson}) are JSON text, sent as ASCII and split over
 * several properties past 64 KiB. A whole row over 1 MiB cannot be stored: the save fails with
 * {@link IllegalStateException}. A full history of 128 versions of the columns this service reads is some 100-200 KB;
 * the longest text columns Dataverse allows keep it under the limit (docs/storage.md).
 */
public final class TableRowStateStore implements RowStateStore {
    static final int SCHEMA = 1;
    private static final ObjectMapper JSON = TableJson.MAPPER;

    private final TableClient table;

    /** Uses (and creates when missing) the table {@link TableNames#rowState()}. */
    public TableRowStateStore(TableServiceClient service, TableNames names) {
        this.table = TableKeys.open(service, names.rowState());
    }

    @Override
    public Optional<Versioned<RowState>> find(StateTable stateTable, UUID rowId) {
        TableEntity entity;
        try {
            entity = table.getEntityWithResponse(stateTable.logicalName(), rowKey(rowId), null, null, Context.NONE).getValue();
        } catch (TableServiceException e) {
            if (TableKeys.isMissingEntity(e)) {
                return Optional.empty();
            }
            throw e;
        }
        return Optional.of(new Versioned<>(read(entity), entity.getETag()));
    }

    @Override
    public boolean saveIfUnchanged(RowState state, String expectedVersion) {
        TableEntity entity = write(state);
        LargeText.checkSize(entity, state.table().logicalName() + " row " + state.rowId());
        try {
            if (expectedVersion == null) {
                table.createEntityWithResponse(entity, null, Context.NONE);
            } else {
                // TableEntity has no ETag setter; the SDK reads the If-Match value from this property
                entity.addProperty("odata.etag", expectedVersion);
                table.updateEntityWithResponse(entity, TableEntityUpdateMode.REPLACE, true, null, Context.NONE);
            }
            return true;
        } catch (TableServiceException e) {
            if (TableKeys.hasStatus(e, 409) || TableKeys.hasStatus(e, 412) || TableKeys.isMissingEntity(e)) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public List<Versioned<RowState>> list(StateTable stateTable) {
        ListEntitiesOptions options = new ListEntitiesOptions()
            .setFilter("PartitionKey eq " + TableKeys.literal(stateTable.logicalName()));
        List<Versioned<RowState>> result = new ArrayList<>();
        for (TableEntity entity : table.listEntities(options, null, Context.NONE)) {
            result.add(new Versioned<>(read(entity), entity.getETag()));
        }
        return result;
    }

    private static String rowKey(UUID rowId) {
        return rowId.toString();
    }

    static TableEntity write(RowState state) {
        TableEntity e = new TableEntity(state.table().logicalName(), rowKey(state.rowId()));
        e.addProperty("Schema", SCHEMA);
        LargeText.putText(e, "Organization", state.organization());
        LargeText.putJson(e, "Attributes", AttributesJson.write(state.attributes()).toString());
        e.addProperty("Deleted", state.deleted());
        if (state.stalledAt() != null) {
            e.addProperty("StalledAt", state.stalledAt().toString());
        }
        ArrayNode operations = JSON.createArrayNode();
        state.recentOperations().forEach(operations::add);
        LargeText.putJson(e, "RecentOperations", operations.toString());
        LargeText.putJson(e, "Outbox", eventsJson(state.outbox()));
        if (!state.history().isEmpty() || state.history().tooOld() > 0) {
            LargeText.putJson(e, "History", HistoryJson.write(state.history()).toString());
        }
        e.addProperty("UpdatedAt", state.updatedAt().toString());
        return e;
    }

    static RowState read(TableEntity e) {
        StateTable stateTable = StateTable.fromLogicalName(e.getPartitionKey())
            .orElseThrow(() -> new IllegalStateException("unknown state table '" + e.getPartitionKey() + "' in row state"));
        try {
            JsonNode attributes = JSON.readTree(Objects.requireNonNullElse(LargeText.getJson(e, "Attributes"), "{}"));
            List<String> operations = new ArrayList<>();
            JSON.readTree(Objects.requireNonNullElse(LargeText.getJson(e, "RecentOperations"), "[]"))
                .forEach(op -> operations.add(op.asText()));
            Object stalledAt = e.getProperty("StalledAt");
            return new RowState(stateTable, UUID.fromString(e.getRowKey()), LargeText.getText(e, "Organization"),
                AttributesJson.read(attributes), Boolean.TRUE.equals(e.getProperty("Deleted")),
                stalledAt == null ? null : Instant.parse(stalledAt.toString()), operations,
                events(LargeText.getJson(e, "Outbox")), Instant.parse(e.getProperty("UpdatedAt").toString()),
                history(LargeText.getJson(e, "History")));
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("row state " + e.getPartitionKey() + "/" + e.getRowKey() + " is not readable", ex);
        }
    }

    private static RowHistory history(String json) throws JsonProcessingException {
        return json == null ? RowHistory.EMPTY : HistoryJson.read(JSON.readTree(json));
    }

    /** A JSON array of CloudEvents (structured mode). */
    static String eventsJson(List<HealthEvent> events) {
        StringBuilder json = new StringBuilder(events.size() * 1024 + 2).append('[');
        for (int i = 0; i < events.size(); i++) {
            json.append(i == 0 ? "" : ",").append(HealthCloudEvents.toJson(events.get(i)));
        }
        return json.append(']').toString();
    }

    static List<HealthEvent> events(String json) throws JsonProcessingException {
        if (json == null) {
            return List.of();
        }
        List<HealthEvent> events = new ArrayList<>();
        for (JsonNode node : JSON.readTree(json)) {
            events.add(HealthCloudEvents.fromJson(node.toString()));
        }
        return events;
    }
}
