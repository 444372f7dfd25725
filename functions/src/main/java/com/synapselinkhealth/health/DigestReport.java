package com.synapselinkhealth.health;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link HealthEventName#HealthDigest} says about one organization: per profile, how many tables are in each
 * state, and the worst items by name.
 *
 * @param organization the Dataverse organization, or null when the profiles name none
 * @param asOf when the digest was made
 * @param profiles every profile, worst first
 */
public record DigestReport(String organization, Instant asOf, List<ProfileDigest> profiles) {
    public DigestReport {
        Objects.requireNonNull(asOf, "'asOf' cannot be null.");
        profiles = List.copyOf(profiles);
    }

    /** The worst severity of any item, {@link Severity#INFO} when all is well. */
    public Severity worstSeverity() {
        return profiles.stream().map(ProfileDigest::worstSeverity).max(Severity::compareTo).orElse(Severity.INFO);
    }

    /** Every profile's counts added up (no profile named, no items): the organization's totals. */
    public ProfileDigest totals() {
        return new ProfileDigest(null, null, sum(ProfileDigest::tables), sum(ProfileDigest::healthy), sum(ProfileDigest::failing),
            sum(ProfileDigest::paused), sum(ProfileDigest::stalled), sum(ProfileDigest::drifting),
            sum(ProfileDigest::fallingBehind), sum(ProfileDigest::initialSyncInProgress), List.of());
    }

    private int sum(java.util.function.ToIntFunction<ProfileDigest> count) {
        return profiles.stream().mapToInt(count).sum();
    }

    /**
     * One profile's tables, counted by state. A table counts once in {@code healthy}, {@code failing}, {@code paused}
     * or {@code stalled}; {@code drifting}, {@code fallingBehind} and {@code initialSyncInProgress} count warnings
     * beside that.
     *
     * @param worst the worst items, by name, worst first (at most {@link #MAX_ITEMS})
     */
    public record ProfileDigest(java.util.UUID profileId, String profileName, int tables, int healthy, int failing,
                                int paused, int stalled, int drifting, int fallingBehind, int initialSyncInProgress,
                                List<DigestItem> worst) {
        public static final int MAX_ITEMS = 5;

        public ProfileDigest {
            worst = List.copyOf(worst);
        }

        public Severity worstSeverity() {
            return worst.stream().map(DigestItem::severity).max(Severity::compareTo).orElse(Severity.INFO);
        }
    }

    /**
     * One table that needs attention.
     *
     * @param table the synced table's logical name
     * @param state what is wrong, in words: {@code failing}, {@code paused}, {@code stalled}, {@code drifting},
     *     {@code falling behind}, {@code initial sync 40 %}
     * @param severity how bad
     * @param detail one short sentence
     */
    public record DigestItem(String table, String state, Severity severity, String detail) {
        public DigestItem {
            Objects.requireNonNull(state, "'state' cannot be null.");
            Objects.requireNonNull(severity, "'severity' cannot be null.");
        }
    }
}
