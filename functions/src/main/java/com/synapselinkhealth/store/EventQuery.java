package com.synapselinkhealth.store;

import com.synapselinkhealth.health.HealthEvent;
import com.synapselinkhealth.health.HealthEventName;
import com.synapselinkhealth.health.Severity;
import java.time.Instant;
import java.util.Set;

/**
 * A filter over stored events; every criterion is optional ({@code null} or empty matches all).
 *
 * @param profile a profile id or name
 * @param table logical name of the synced table
 * @param names event names
 * @param minimumSeverity the least severity
 * @param since only events at or after this time
 * @param limit at most this many, newest first
 */
public record EventQuery(String profile, String table, Set<HealthEventName> names, Severity minimumSeverity,
                         Instant since, int limit) {
    public EventQuery {
        names = names == null ? Set.of() : Set.copyOf(names);
        if (limit <= 0) {
            throw new IllegalArgumentException("'limit' must be positive.");
        }
    }

    public static EventQuery latest(int limit) {
        return new EventQuery(null, null, Set.of(), null, null, limit);
    }

    public boolean matches(HealthEvent e) {
        if (profile != null && !profile.isEmpty() && !profile.equalsIgnoreCase(e.profileName())
            && !(e.profileId() != null && profile.equalsIgnoreCase(e.profileId().toString()))) {
            return false;
        }
        if (table != null && !table.isEmpty() && !table.equalsIgnoreCase(e.table())) {
            return false;
        }
        if (!names.isEmpty() && !names.contains(e.name())) {
            return false;
        }
        if (minimumSeverity != null && !e.severity().isAtLeast(minimumSeverity)) {
            return false;
        }
        return since == null || !e.time().isBefore(since);
    }
}
