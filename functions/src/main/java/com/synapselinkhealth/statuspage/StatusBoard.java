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
 * judged ({@link StatusService#changesTooOld}). A page holds at most {@value #DEFAULT_MAX_TABLES} tables (or the
 * {@code LINKHEALTH_STATUS_PAGE_MAX_TABLES} setting) over all its profiles, those needing attention first; a profile
 * with more says how many are left out and links to the rest (the same page for that profile alone, from the first
 * table not shown).
 */
public record StatusBoard(List<ProfileBoard> profiles, List<HealthEvent> recentEvents, Instant asOf, long changesTooOld) {
    /** How many of the latest events the page lists. */
    public static final int RECENT_EVENTS = 20;
    /** How many tables one page shows, over all its profiles. */
    public static final int DEFAULT_MAX_TABLES = 500;
    public static final String MAX_TABLES_SETTING = "LINKHEALTH_STATUS_PAGE_MAX_TABLES";

    /**
     * One profile: its roll-up and the tables shown, by logical name.
     *
     * @param totalTables how many tables the profile has
     * @param firstTable the position (in logical-name order) this page starts at, for a page of one profile; else 0
     * @param alone whether the page shows this profile alone (its tables a slice in logical-name order, from
     *     {@code firstTable}); else the page shows every profile, and a truncated one the tables needing attention first
     */
    public record ProfileBoard(ProfileHealth health, List<TableStatus> tables, int totalTables, int firstTable,
                               boolean alone) {
        public ProfileBoard {
            Objects.requireNonNull(health, "'health' cannot be null.");
            tables = List.copyOf(tables);
        }

        public ProfileBoard(ProfileHealth health, List<TableStatus> tables) {
            this(health, tables, tables.size(), 0, false);
        }

        /** Whether some of the profile's tables are not on this page. */
        public boolean truncated() {
            return tables.size() < totalTables;
        }

        /** Where the rest starts: the first table after this page's ones (for a page of this profile alone). */
        public int nextTable() {
            return firstTable + tables.size();
        }
    }

    /**
     * Which part of the board a page shows: every profile, or one profile from its {@code from}-th table.
     *
     * @param profile the one profile to show, or {@code null} for all
     * @param from the first table (in logical-name order) of that profile to show
     * @param maxTables the most tables on the page
     */
    public record Selection(java.util.UUID profile, int from, int maxTables) {
        public static Selection all(int maxTables) {
            return new Selection(null, 0, maxTables);
        }
    }

    public StatusBoard {
        profiles = List.copyOf(profiles);
        recentEvents = List.copyOf(recentEvents);
        Objects.requireNonNull(asOf, "'asOf' cannot be null.");
    }

    public static StatusBoard read(StatusService status, Instant asOf) {
        return read(status, asOf, Selection.all(DEFAULT_MAX_TABLES));
    }

    public static StatusBoard read(StatusService status, Instant asOf, Selection selection) {
        List<ProfileBoard> profiles = new ArrayList<>();
        int budget = selection.maxTables();
        List<ProfileSummary> all = status.profiles();
        // profiles needing attention get the page's room first; the page still lists them in their own order
        List<ProfileHealth> healths = new ArrayList<>();
        for (ProfileSummary profile : all) {
            if (selection.profile() == null || selection.profile().equals(profile.id())) {
                healths.add(status.profileHealth(profile.id()));
            }
        }
        java.util.Map<java.util.UUID, ProfileBoard> boards = new java.util.HashMap<>();
        List<ProfileHealth> byNeed = new ArrayList<>(healths);
        byNeed.sort(java.util.Comparator.comparing(ProfileHealth::healthy));
        for (ProfileHealth health : byNeed) {
            List<TableStatus> tables = status.tables(health.profile().id(), null);
            int from = selection.profile() == null ? 0 : Math.min(selection.from(), tables.size());
            List<TableStatus> candidates = tables.subList(from, tables.size());
            List<TableStatus> shown = selection.profile() != null
                ? candidates.subList(0, Math.min(candidates.size(), Math.max(0, budget)))
                : pick(candidates, Math.max(0, budget));
            budget -= shown.size();
            boards.put(health.profile().id(), new ProfileBoard(health, shown, tables.size(), from,
                selection.profile() != null));
        }
        for (ProfileHealth health : healths) {
            profiles.add(boards.get(health.profile().id()));
        }
        return new StatusBoard(profiles, status.recentEvents(RecentEventsRequest.latest(RECENT_EVENTS)).events(), asOf,
            status.changesTooOld());
    }

    /** At most {@code max} of the tables: those not healthy first, then the rest; in their own order. */
    private static List<TableStatus> pick(List<TableStatus> tables, int max) {
        if (tables.size() <= max) {
            return tables;
        }
        java.util.Set<TableStatus> chosen = new java.util.LinkedHashSet<>();
        for (TableStatus t : tables) {
            if (chosen.size() < max && t.healthState() != com.synapselinkhealth.status.HealthState.HEALTHY) {
                chosen.add(t);
            }
        }
        for (TableStatus t : tables) {
            if (chosen.size() < max) {
                chosen.add(t);
            }
        }
        List<TableStatus> inOrder = new ArrayList<>();
        for (TableStatus t : tables) {
            if (chosen.contains(t)) {
                inOrder.add(t);
            }
        }
        return inOrder;
    }

    /** How many tables, over every profile (shown or not). */
    public int tableCount() {
        return profiles.stream().mapToInt(ProfileBoard::totalTables).sum();
    }

    /** The profiles whose worst severity is not info. */
    public long profilesNeedingAttention() {
        return profiles.stream().filter(p -> !p.health().healthy()).count();
    }
}
