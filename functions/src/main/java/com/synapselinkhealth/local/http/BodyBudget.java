package com.synapselinkhealth.local.http;

/**
 * The bytes of all request bodies being received at once, against {@code HttpLimits.maxBufferedBodyBytes()}. Used by
 * the selector thread only.
 */
final class BodyBudget {
    private final long max;
    private long used;

    BodyBudget(long max) {
        this.max = max;
    }

    /** Takes {@code bytes} from the budget; false (nothing taken) when that would pass the limit. */
    boolean reserve(long bytes) {
        if (used + bytes > max) {
            return false;
        }
        used += bytes;
        return true;
    }

    void release(long bytes) {
        used -= bytes;
    }
}
