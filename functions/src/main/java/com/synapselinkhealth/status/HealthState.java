package com.synapselinkhealth.status;

import com.synapselinkhealth.health.Severity;
import java.util.Locale;
import java.util.Optional;

/**
 * How a synced table is doing, worst first: {@link #FAILING} when any of its state columns is in a failure state,
 * else {@link #PAUSED} when its sync is paused, else {@link #STALLED} when it has not synced for longer than its
 * schedule allows, else {@link #HEALTHY}.
 */
public enum HealthState {
    HEALTHY(Severity.INFO), FAILING(Severity.ERROR), PAUSED(Severity.WARNING), STALLED(Severity.WARNING);

    private final Severity severity;

    HealthState(Severity severity) {
        this.severity = severity;
    }

    /** Error when failing, warning when paused or stalled, info when healthy. */
    public Severity severity() {
        return severity;
    }

    /** The wire form: {@code healthy}, {@code failing}, {@code paused}, {@code stalled}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<HealthState> fromWireName(String text) {
        for (HealthState state : values()) {
            if (state.wireName().equalsIgnoreCase(text)) {
                return Optional.of(state);
            }
        }
        return Optional.empty();
    }
}
