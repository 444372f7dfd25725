package com.synapselinkhealth.subscriptions;

import com.synapselinkhealth.health.HealthEvent;
import com.synapselinkhealth.health.HealthEventName;
import com.synapselinkhealth.health.Severity;
import java.util.Set;

/**
 * Which events a subscription takes; every criterion is optional ({@code null} or empty takes everything).
 *
 * @param profile a profile id or name
 * @param table a table's logical name; events without a table (profile-level) are then left out
 * @param events event names
 * @param minimumSeverity the least severity
 */
public record SubscriptionFilter(String profile, String table, Set<HealthEventName> events, Severity minimumSeverity) {
    public SubscriptionFilter {
        profile = blankToNull(profile);
        table = blankToNull(table);
        events = events == null ? Set.of() : Set.copyOf(events);
    }

    public boolean matches(HealthEvent e) {
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
