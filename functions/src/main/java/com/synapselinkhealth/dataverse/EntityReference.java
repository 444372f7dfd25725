package com.synapselinkhealth.dataverse;

import java.util.Objects;
import java.util.UUID;

/**
 * A pointer to a Dataverse row: {@code Microsoft.Xrm.Sdk.EntityReference}.
 *
 * @param logicalName the table's logical name, e.g. {@code synapselinkprofile}
 * @param id the row id
 * @param name the primary name when Dataverse sent it, else {@code null}
 */
public record EntityReference(String logicalName, UUID id, String name) {
    public EntityReference {
        Objects.requireNonNull(logicalName, "'logicalName' cannot be null.");
        Objects.requireNonNull(id, "'id' cannot be null.");
    }
}
