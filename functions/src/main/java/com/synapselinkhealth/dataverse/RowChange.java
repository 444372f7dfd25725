package com.synapselinkhealth.dataverse;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One row change as Dataverse reported it, whatever the transport (webhook, Service Bus, reconciliation read).
 *
 * @param organization the organization's unique name ({@code OrganizationName}), else its domain from the
 *     {@code x-ms-dynamics-organization} header or Service Bus claim, else its id; {@code null} when unknown
 * @param organizationId {@code OrganizationId}, or {@code null}
 * @param message the message the step ran for
 * @param table logical name of the changed table ({@code PrimaryEntityName})
 * @param rowId the changed row ({@code PrimaryEntityId})
 * @param attributes the row after the change: Target, filled in by the post image and then the pre image
 * @param before the row before the change (the pre image), empty when not registered or not possible
 * @param formattedValues display strings by column, merged the same way as the attributes
 * @param operationId {@code OperationId}, or {@code null} when the sender gave none
 * @param operationKey what makes this operation unique for deduplication: the operation id, or a digest of
 *     the body when there is none
 * @param correlationId {@code CorrelationId}, or {@code null}
 * @param requestId {@code RequestId}, or {@code null}
 * @param depth {@code Depth}
 * @param stage {@code Stage} (40 = PostOperation)
 * @param mode {@code Mode} (0 synchronous, 1 asynchronous)
 * @param operationCreatedOn {@code OperationCreatedOn}, or {@code null}
 * @param sizeExceeded whether Dataverse dropped the row data because the message was too large
 */
public record RowChange(
    String organization,
    UUID organizationId,
    MessageName message,
    String table,
    UUID rowId,
    Attributes attributes,
    Attributes before,
    Map<String, String> formattedValues,
    UUID operationId,
    String operationKey,
    UUID correlationId,
    UUID requestId,
    int depth,
    int stage,
    int mode,
    Instant operationCreatedOn,
    boolean sizeExceeded) {

    public RowChange {
        Objects.requireNonNull(message, "'message' cannot be null.");
        Objects.requireNonNull(table, "'table' cannot be null.");
        Objects.requireNonNull(rowId, "'rowId' cannot be null.");
        Objects.requireNonNull(attributes, "'attributes' cannot be null.");
        Objects.requireNonNull(before, "'before' cannot be null.");
        Objects.requireNonNull(operationKey, "'operationKey' cannot be null.");
        formattedValues = Map.copyOf(formattedValues);
        if (table.isBlank()) {
            throw new IllegalArgumentException("'table' cannot be blank.");
        }
    }

    /** The key that makes a delivery of this change a duplicate: operation, row and message. */
    public String dedupeKey() {
        return operationKey + "|" + rowId + "|" + message.value();
    }
}
