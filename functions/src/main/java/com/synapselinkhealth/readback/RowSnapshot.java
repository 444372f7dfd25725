package com.synapselinkhealth.readback;

import com.synapselinkhealth.dataverse.Attributes;
import java.util.Map;
import java.util.Objects;

/**
 * One row as Dataverse holds it now.
 *
 * @param attributes its columns
 * @param formattedValues display strings by column (choice labels)
 */
public record RowSnapshot(Attributes attributes, Map<String, String> formattedValues) {
    public RowSnapshot {
        Objects.requireNonNull(attributes, "'attributes' cannot be null.");
        formattedValues = formattedValues == null ? Map.of() : Map.copyOf(formattedValues);
    }
}
