package com.synapselinkhealth.history;

import com.synapselinkhealth.dataverse.AttributeValue;
import com.synapselinkhealth.dataverse.Attributes;
import com.synapselinkhealth.dataverse.MessageName;
import com.synapselinkhealth.dataverse.RowChange;
import com.synapselinkhealth.statetables.Columns;
import com.synapselinkhealth.statetables.StateTable;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One version of a row, as one change reported it: the columns this service reads (the callback's Target merged
 * over its images), the pre image, and what orders it among the row's other versions.
 *
 * @param message Create, Update, Delete (or another message, kept as sent)
 * @param dedupeKey operation, row and message: what makes a delivery a duplicate, and this version's identity
 * @param operationKey what identifies the operation in event ids
 * @param operationId Dataverse {@code OperationId}, or null
 * @param correlationId Dataverse {@code CorrelationId}, or null
 * @param organization the organization the change named, or null
 * @param versionNumber the row's {@code versionnumber} after the change, or null
 * @param modifiedOn the row's {@code modifiedon} after the change, or null
 * @param occurredAt when the change happened: {@code modifiedon}, else when the operation ran, else when it was first
 *     seen (a Delete: when it ran)
 * @param carried the row's columns after the change, as far as the change carried them
 * @param preImage the row's columns just before the change (empty when no pre image was registered)
 * @param formattedValues display labels the change carried, by column
 */
public record ChangeVersion(MessageName message, String dedupeKey, String operationKey, UUID operationId,
                            UUID correlationId, String organization, Long versionNumber, Instant modifiedOn,
                            Instant occurredAt, Attributes carried, Attributes preImage,
                            Map<String, String> formattedValues) {
    public ChangeVersion {
        Objects.requireNonNull(message, "'message' cannot be null.");
        Objects.requireNonNull(dedupeKey, "'dedupeKey' cannot be null.");
        Objects.requireNonNull(operationKey, "'operationKey' cannot be null.");
        Objects.requireNonNull(occurredAt, "'occurredAt' cannot be null.");
        Objects.requireNonNull(carried, "'carried' cannot be null.");
        Objects.requireNonNull(preImage, "'preImage' cannot be null.");
        formattedValues = Map.copyOf(formattedValues);
    }

    /**
     * The version a change makes, keeping only the columns this service reads ({@link Columns}), so that a long
     * history stays small.
     *
     * @param now when the change is judged: its time when it carries none
     */
    public static ChangeVersion of(StateTable table, RowChange change, Instant now) {
        Attributes carried = project(table, change.attributes());
        Attributes pre = project(table, change.before());
        Map<String, String> formatted = new LinkedHashMap<>();
        Map<String, ?> known = Columns.of(table);
        change.formattedValues().forEach((column, label) -> {
            if (known.containsKey(column)) {
                formatted.put(column, label);
            }
        });
        boolean delete = change.message().isDelete();
        Long version = delete ? null : change.attributes().wholeNumber("versionnumber");
        Instant modified = delete ? null : change.attributes().instant("modifiedon");
        Instant occurred = modified != null ? modified
            : change.operationCreatedOn() != null ? change.operationCreatedOn() : now;
        return new ChangeVersion(change.message(), change.dedupeKey(), change.operationKey(), change.operationId(),
            change.correlationId(), change.organization(), version, modified, occurred, carried, pre, formatted);
    }

    static Attributes project(StateTable table, Attributes row) {
        if (row.isEmpty()) {
            return row;
        }
        Map<String, ?> known = Columns.of(table);
        Attributes.Builder kept = Attributes.builder();
        for (Map.Entry<String, AttributeValue> e : row.asMap().entrySet()) {
            if (known.containsKey(e.getKey())) {
                kept.put(e.getKey(), e.getValue());
            }
        }
        return kept.build();
    }

    public boolean isDelete() {
        return message.isDelete();
    }

    /** This version with another message and more columns: a Create that names a version already read. */
    ChangeVersion asCreate(ChangeVersion create) {
        return new ChangeVersion(MessageName.CREATE, dedupeKey, operationKey, operationId != null ? operationId : create.operationId,
            correlationId != null ? correlationId : create.correlationId, organization != null ? organization : create.organization,
            versionNumber, modifiedOn, occurredAt, carried.overlaidWith(create.carried), preImage, merged(create.formattedValues));
    }

    /** This version standing in for every older one that was let go: its columns are the whole row as it was then. */
    ChangeVersion asBaseline(Attributes wholeRow) {
        return new ChangeVersion(message, dedupeKey, operationKey, operationId, correlationId, organization, versionNumber,
            modifiedOn, occurredAt, wholeRow, Attributes.empty(), formattedValues);
    }

    private Map<String, String> merged(Map<String, String> more) {
        Map<String, String> all = new LinkedHashMap<>(more);
        all.putAll(formattedValues);
        return all;
    }
}
