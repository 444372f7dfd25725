package com.synapselinkhealth.status;

import com.synapselinkhealth.statetables.Choice;

/**
 * How many tables of a profile are in one {@code syncstate}.
 *
 * @param syncState the state, or {@code null} for tables whose state the service has not seen yet
 */
public record SyncStateCount(Choice syncState, int count) {
    public SyncStateCount {
        if (count < 1) {
            throw new IllegalArgumentException("'count' must be positive.");
        }
    }
}
