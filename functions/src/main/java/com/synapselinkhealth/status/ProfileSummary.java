package com.synapselinkhealth.status;

import com.synapselinkhealth.statetables.Choice;
import java.util.Objects;
import java.util.UUID;

/**
 * A profile the service knows, from the callbacks of its {@code synapselinkprofile} row or of its tables' rows.
 *
 * @param id the profile row's id
 * @param name the profile's name, or {@code null} until the service has seen it
 * @param organization the Dataverse organization, or {@code null}
 * @param state the {@code profilestate}, or {@code null} when not known
 * @param tableCount how many tables the profile currently syncs, as far as the service knows
 */
public record ProfileSummary(UUID id, String name, String organization, Choice state, int tableCount) {
    public ProfileSummary {
        Objects.requireNonNull(id, "'id' cannot be null.");
        if (tableCount < 0) {
            throw new IllegalArgumentException("'tableCount' cannot be negative.");
        }
    }
}
