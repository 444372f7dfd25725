package com.synapselinkhealth.config;

import java.time.Duration;

/**
 * How long the Azure Tables keep what only grows: events (and their id and by-profile copies), dead letters, and the
 * delivery ledger's records. The {@code RetentionTimer} function (hourly) removes older rows in batches; the
 * in-memory stores of {@code serve} are bounded by count instead.
 *
 * @param events {@value #EVENTS_DAYS}: 90 days by default
 * @param deadLetters {@value #DEAD_LETTERS_DAYS}: 30 days by default
 * @param deliveries {@value #DELIVERIES_DAYS}: the delivery ledger, 7 days by default (well past the last retry of the
 *     default schedule, about 21 h after the first attempt)
 * @param maxDeletesPerRun {@value #MAX_DELETES_PER_RUN}: the most rows one run removes from each table (default 20,000),
 *     so a first run over a large backlog stays short; the next run goes on
 */
public record Retention(Duration events, Duration deadLetters, Duration deliveries, int maxDeletesPerRun) {
    public static final String EVENTS_DAYS = "LINKHEALTH_RETENTION_EVENTS_DAYS";
    public static final String DEAD_LETTERS_DAYS = "LINKHEALTH_RETENTION_DEAD_LETTERS_DAYS";
    public static final String DELIVERIES_DAYS = "LINKHEALTH_RETENTION_DELIVERIES_DAYS";
    public static final String MAX_DELETES_PER_RUN = "LINKHEALTH_RETENTION_MAX_DELETES_PER_RUN";
    public static final Retention DEFAULT = new Retention(Duration.ofDays(90), Duration.ofDays(30), Duration.ofDays(7),
        20_000);

    public Retention {
        if (events.isNegative() || events.isZero() || deadLetters.isNegative() || deadLetters.isZero()
            || deliveries.isNegative() || deliveries.isZero() || maxDeletesPerRun <= 0) {
            throw new IllegalArgumentException("retention periods and the batch bound must be positive");
        }
    }

    public static Retention from(Settings s) {
        return new Retention(
            SettingValues.days(s, EVENTS_DAYS, DEFAULT.events, 1, 36_500),
            SettingValues.days(s, DEAD_LETTERS_DAYS, DEFAULT.deadLetters, 1, 36_500),
            SettingValues.days(s, DELIVERIES_DAYS, DEFAULT.deliveries, 1, 36_500),
            SettingValues.wholeInt(s, MAX_DELETES_PER_RUN, DEFAULT.maxDeletesPerRun, 1, 10_000_000));
    }
}
