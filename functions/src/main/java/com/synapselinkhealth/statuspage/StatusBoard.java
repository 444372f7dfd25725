package com.synapselinkhealth.statuspage;

import com.synapselinkhealth.health.HealthEvent;
import com.synapselinkhealth.status.ProfileHealth;
import com.synapselinkhealth.status.ProfileSummary;
import com.synapselinkhealth.status.RecentEventsRequest;
import com.synapselinkhealth.status.StatusService;
import com.synapselinkhealth.status.TableStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Everything the status page shows, read from the status read model at one moment: every profile (by name) with
 * its health roll-up and its tables, the latest events, newest first, and how many callbacks came too late to be
 * judged ({@link StatusService#changesTooOld}).
 */
public record StatusBoard(List<ProfileBoard> profiles, List<HealthEvent> recentEvents, Instant asOf, long changesTooOld) {
    /** How many of the latest events the page lists. */
    public static final int RECENT_EVENTS = 20;

    /** One profile: its roll-up and its tables, by logical name. */
    public record ProfileBoard(ProfileHealth health, List<TableStatus> tables) {
        public ProfileBoard {
            Objects.requireNonNull(health, "'health' cannot be null.");
            tables = List.copyOf(tables);
        }
    }

    public StatusBoard {
        profiles = List.copyOf(profiles);
        recentEvents = List.copyOf(recentEvents);
        Objects.requireNonNull(asOf, "'asOf' cannot be null.");
    }

    public static StatusBoard read(StatusService status, Instant asOf) {
        List<ProfileBoard> profiles = new ArrayList<>();
        for (ProfileSummary profile : status.profiles()) {
            profiles.add(new ProfileBoard(status.profileHealth(profile.id()), status.tables(profile.id(), null)));
        }
        return new StatusBoard(profiles, status.recentEvents(RecentEventsRequest.latest(RECENT_EVENTS)).events(), asOf,
            status.changesTooOld());
    }

    /** How many tables, over every profile. */
    public int tableCount() {
        return profiles.stream().mapToInt(p -> p.tables().size()).sum();
    }

    /** The profiles whose worst severity is not info. */
    public long profilesNeedingAttention() {
        return profiles.stream().filter(p -> !p.health().healthy()).count();
    }
}
