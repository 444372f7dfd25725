package com.synapselinkhealth.health;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How long a table may go without a sync before it counts as stalled: {@code multiplier} times its schedule's
 * interval, never less than {@code floor} (also the allowance of a table whose schedule is unknown).
 */
public record StallPolicy(double multiplier, Duration floor) {
    public static final StallPolicy DEFAULT = new StallPolicy(3.0, Duration.ofHours(1));

    public StallPolicy {
        Objects.requireNonNull(floor, "'floor' cannot be null.");
        if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
            throw new IllegalArgumentException("'multiplier' must be a finite number of at least 1, not " + multiplier);
        }
        if (floor.isNegative() || floor.isZero()) {
            throw new IllegalArgumentException("'floor' must be positive, not " + floor);
        }
    }

    public Duration allowance(Optional<Duration> scheduleInterval) {
        if (scheduleInterval.isEmpty()) {
            return floor;
        }
        long millis = (long) Math.min(Long.MAX_VALUE / 2.0, scheduleInterval.get().toMillis() * multiplier);
        Duration scaled = Duration.ofMillis(millis);
        return scaled.compareTo(floor) < 0 ? floor : scaled;
    }
}
