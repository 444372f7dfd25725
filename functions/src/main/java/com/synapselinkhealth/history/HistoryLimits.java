package com.synapselinkhealth.history;

import java.time.Duration;
import java.util.Objects;

/**
 * How much of each row's history is kept.
 *
 * @param maxVersions versions kept per row (at least 2); the oldest go first
 * @param maxAge versions this much older than the row's newest version (by {@code modifiedon}) are let go
 */
public record HistoryLimits(int maxVersions, Duration maxAge) {
    /** 128 versions: a day of 15-minute syncs with room for the state changes between them. */
    public static final int DEFAULT_MAX_VERSIONS = 128;
    public static final Duration DEFAULT_MAX_AGE = Duration.ofHours(48);
    public static final HistoryLimits DEFAULT = new HistoryLimits(DEFAULT_MAX_VERSIONS, DEFAULT_MAX_AGE);

    public HistoryLimits {
        Objects.requireNonNull(maxAge, "'maxAge' cannot be null.");
        if (maxVersions < 2) {
            throw new IllegalArgumentException("'maxVersions' must be at least 2, not " + maxVersions + ".");
        }
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("'maxAge' must be positive.");
        }
    }
}
