package com.synapselinkhealth.health;

import java.time.Instant;

/**
 * The facts only some events carry, beyond those every event has. Each is {@code null} unless its event says it:
 *
 * @param recordCountDifference lake rows minus Dataverse rows ({@link HealthEventName#RecordCountDrift} and
 *     {@link HealthEventName#RecordCountDriftCleared})
 * @param lagSeconds how far the table's last synced data lags behind the version's time
 *     ({@link HealthEventName#SyncFallingBehind}, {@link HealthEventName#SyncCaughtUp})
 * @param allowanceSeconds the table's stall allowance (the same events, and {@link HealthEventName#DeltaSyncStalled})
 * @param progressPercent 25, 50 or 75 ({@link HealthEventName#InitialSyncProgress})
 * @param estimatedCompletionAt when the initial sync will finish at the rate seen so far, or null when no rate is known
 * @param digest the digest ({@link HealthEventName#HealthDigest})
 */
public record EventDetails(Long recordCountDifference, Long lagSeconds, Long allowanceSeconds, Integer progressPercent,
                           Instant estimatedCompletionAt, DigestReport digest) {
    public static final EventDetails NONE = new EventDetails(null, null, null, null, null, null);

    public static EventDetails drift(long difference) {
        return new EventDetails(difference, null, null, null, null, null);
    }

    public static EventDetails lag(long lagSeconds, long allowanceSeconds) {
        return new EventDetails(null, lagSeconds, allowanceSeconds, null, null, null);
    }

    public static EventDetails allowance(long allowanceSeconds) {
        return new EventDetails(null, null, allowanceSeconds, null, null, null);
    }

    public static EventDetails progress(int percent, Instant estimatedCompletionAt) {
        return new EventDetails(null, null, null, percent, estimatedCompletionAt, null);
    }

    public static EventDetails of(DigestReport digest) {
        return new EventDetails(null, null, null, null, null, digest);
    }

    public boolean isEmpty() {
        return equals(NONE);
    }
}
