package com.synapselinkhealth.subscriptions;

import com.synapselinkhealth.health.HealthEvent;
import com.synapselinkhealth.health.HealthEventName;
import com.synapselinkhealth.health.Severity;
import java.util.Set;

/**
 * Which events a subscription takes; every criterion is optional ({@code null} or empty takes everything), but for
 * the {@link HealthEventName#HealthDigest}: a digest is a summary, not a change, so only a subscription that names it
 * among its events takes it (an "every event" trigger does not get a digest each morning unless it asks), and the
 * profile and table filters do not apply to it (a digest is about a whole organization).
 *
 * @param profile a profile id or name
 * @param table a table's logical name; events without a table (profile-level) are then left out
 * @param events event names
 * @param minimumSeverity the least severity
 */
public record SubscriptionFilter(String profile, String table, Set<HealthEventName> events, Severity minimumSeverity) {
    /**
     * The longest profile filter: a profile's id (36) or name, which Dataverse holds in a column of at most 100
     * characters ({@code synapselinkprofile.name}).
     */
    public static final int MAX_PROFILE_CHARS = 100;
    /** The longest table filter: a table's logical name, at most 128 characters in Dataverse. */
    public static final int MAX_TABLE_CHARS = 128;

    /** @throws IllegalArgumentException when a filter is longer than any real profile or table name */
    public SubscriptionFilter {
        profile = blankToNull(profile);
        table = blankToNull(table);
        events = events == null ? Set.of() : Set.copyOf(events);
        if (profile != null && profile.length() > MAX_PROFILE_CHARS) {
            throw new IllegalArgumentException("profile is " + profile.length() + " characters long; a profile's id or "
                + "name has at most " + MAX_PROFILE_CHARS + ".");
        }
        if (table != null && table.length() > MAX_TABLE_CHARS) {
            throw new IllegalArgumentException("table is " + table.length() + " characters long; a table's logical "
                + "name has at most " + MAX_TABLE_CHARS + ".");
        }
    }

    public boolean matches(HealthEvent e) {
        if (e.name().equals(HealthEventName.HealthDigest)) {
            return events.contains(HealthEventName.HealthDigest)
                && (minimumSeverity == null || e.severity().isAtLeast(minimumSeverity));
        }
        if (profile != null && !profile.equalsIgnoreCase(e.profileName())
            && !(e.profileId() != null && profile.equalsIgnoreCase(e.profileId().toString()))) {
            return false;
        }
        if (table != null && !table.equalsIgnoreCase(e.table())) {
            return false;
        }
        if (!events.isEmpty() && !events.contains(e.name())) {
            return false;
        }
        return minimumSeverity == null || e.severity().isAtLeast(minimumSeverity);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
