package com.synapselinkhealth.status;

import com.synapselinkhealth.health.DriftPolicy;
import com.synapselinkhealth.health.EarlyWarnings;
import com.synapselinkhealth.health.HealthEvent;
import com.synapselinkhealth.health.Severity;
import com.synapselinkhealth.health.StallPolicy;
import com.synapselinkhealth.statetables.Choice;
import com.synapselinkhealth.statetables.Choices;
import com.synapselinkhealth.statetables.ExternalTableState;
import com.synapselinkhealth.statetables.ProfileEntityState;
import com.synapselinkhealth.statetables.Schedule;
import com.synapselinkhealth.statetables.StateTable;
import com.synapselinkhealth.store.EventQuery;
import com.synapselinkhealth.store.EventStore;
import com.synapselinkhealth.store.RowState;
import com.synapselinkhealth.store.RowStateStore;
import com.synapselinkhealth.store.Versioned;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The read side of the service: the profiles it knows, each profile's health, its tables' status, and the recent
 * health events a page at a time. Answers from the last known row state of the six state tables and the event
 * store; "now" comes from the injected clock.
 */
public final class StatusService {
    private static final Comparator<ProfileSummary> BY_NAME = Comparator
        .comparing((ProfileSummary p) -> p.name() == null ? 1 : 0)
        .thenComparing(p -> p.name() == null ? "" : p.name(), String.CASE_INSENSITIVE_ORDER)
        .thenComparing(p -> p.name() == null ? "" : p.name())
        .thenComparing(ProfileSummary::id);

    private final RowStateStore rows;
    private final EventStore events;
    private final DriftPolicy drift;
    private final StallPolicy stallPolicy;
    private final Clock clock;

    public StatusService(RowStateStore rows, EventStore events, StallPolicy stallPolicy, Clock clock) {
        this(rows, events, stallPolicy, DriftPolicy.DEFAULT, clock);
    }

    public StatusService(RowStateStore rows, EventStore events, StallPolicy stallPolicy, DriftPolicy drift, Clock clock) {
        this.drift = java.util.Objects.requireNonNull(drift, "'drift' cannot be null.");
        this.rows = Objects.requireNonNull(rows, "'rows' cannot be null.");
        this.events = Objects.requireNonNull(events, "'events' cannot be null.");
        this.stallPolicy = Objects.requireNonNull(stallPolicy, "'stallPolicy' cannot be null.");
        this.clock = Objects.requireNonNull(clock, "'clock' cannot be null.");
    }

    /**
     * How many callbacks, over every row, came older than the oldest version its history keeps, and so were judged
     * as stale (see {@code LINKHEALTH_ROW_HISTORY}). Zero unless callbacks are delayed for longer than the history
     * reaches.
     */
    public long changesTooOld() {
        long total = 0;
        for (StateTable table : StateTable.values()) {
            for (Versioned<RowState> row : rows.list(table)) {
                total += row.value().history().tooOld();
            }
        }
        return total;
    }

    /** Every profile the service knows, ordered by name (profiles without a name last). */
    public List<ProfileSummary> profiles() {
        List<ProfileSummary> profiles = new ArrayList<>();
        for (StateSnapshot.KnownProfile profile : StateSnapshot.read(rows).profiles()) {
            profiles.add(summary(profile));
        }
        profiles.sort(BY_NAME);
        return profiles;
    }

    /** @throws StatusException when no profile has this id */
    public ProfileHealth profileHealth(UUID profileId) {
        StateSnapshot snapshot = StateSnapshot.read(rows);
        StateSnapshot.KnownProfile profile = known(snapshot, profileId);
        Instant asOf = now();
        List<TableStatus> tables = statuses(snapshot, profile, asOf);
        List<String> failing = new ArrayList<>();
        List<String> paused = new ArrayList<>();
        List<String> stalled = new ArrayList<>();
        Map<Integer, Integer> bySyncState = new TreeMap<>(Comparator.nullsLast(Comparator.naturalOrder()));
        Map<Integer, Choice> syncStates = new TreeMap<>();
        Instant newest = null;
        Instant oldest = null;
        for (TableStatus table : tables) {
            switch (table.healthState()) {
                case FAILING -> failing.add(table.table());
                case PAUSED -> paused.add(table.table());
                case STALLED -> stalled.add(table.table());
                case HEALTHY -> { }
                default -> throw new IllegalStateException("unknown health state " + table.healthState());
            }
            Integer value = table.syncState() == null ? null : table.syncState().value();
            bySyncState.merge(value, 1, Integer::sum);
            if (value != null) {
                syncStates.put(value, table.syncState());
            }
            Instant last = table.lastSyncedAt();
            if (last != null) {
                newest = newest == null || last.isAfter(newest) ? last : newest;
                oldest = oldest == null || last.isBefore(oldest) ? last : oldest;
            }
        }
        List<SyncStateCount> counts = new ArrayList<>();
        bySyncState.forEach((value, count) -> counts.add(new SyncStateCount(value == null ? null : syncStates.get(value), count)));
        int total = tables.size();
        ProfileHealth.TableCounts tableCounts = new ProfileHealth.TableCounts(total,
            total - failing.size() - paused.size() - stalled.size(), failing.size(), paused.size(), stalled.size());
        return new ProfileHealth(summary(profile), worstSeverity(profile.state(), tableCounts), tableCounts, counts,
            failing, paused, stalled, newest, oldest, asOf);
    }

    /**
     * The tables a profile currently syncs, ordered by logical name.
     *
     * @param state only tables in this health state, or {@code null} for every table
     * @throws StatusException when no profile has this id
     */
    public List<TableStatus> tables(UUID profileId, HealthState state) {
        StateSnapshot snapshot = StateSnapshot.read(rows);
        List<TableStatus> tables = statuses(snapshot, known(snapshot, profileId), now());
        return state == null ? tables : tables.stream().filter(t -> t.healthState() == state).toList();
    }

    /** @throws StatusException when no profile has this id or the profile does not sync this table */
    public TableStatus table(UUID profileId, String table) {
        StateSnapshot snapshot = StateSnapshot.read(rows);
        StateSnapshot.KnownProfile profile = known(snapshot, profileId);
        StateSnapshot.TableRow row = profile.tables().get(StateSnapshot.key(table));
        if (row == null) {
            throw StatusException.unknownTable(profileId, table);
        }
        return status(snapshot, profile, row, now());
    }

    /** One page of the matching events, newest first. */
    public EventPage recentEvents(RecentEventsRequest request) {
        return new EventPager(events).page(request);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static StateSnapshot.KnownProfile known(StateSnapshot snapshot, UUID profileId) {
        return snapshot.profile(profileId).orElseThrow(() -> StatusException.unknownProfile(profileId));
    }

    private static ProfileSummary summary(StateSnapshot.KnownProfile profile) {
        return new ProfileSummary(profile.id(), profile.name(), profile.organization(), profile.state(),
            profile.tables().size());
    }

    /** Error when the profile is in Error or a table fails; warning when it is suspended, deactivated or deleted or a
     *  table is paused or stalled; else info. */
    static Severity worstSeverity(Choice profileState, ProfileHealth.TableCounts tables) {
        if (tables.failing() > 0 || Choices.PROFILE_ERROR.is(profileState)) {
            return Severity.ERROR;
        }
        if (tables.paused() > 0 || tables.stalled() > 0 || Choices.PROFILE_SUSPENDED.is(profileState)
            || Choices.PROFILE_DEACTIVATED.is(profileState) || Choices.PROFILE_DELETED.is(profileState)) {
            return Severity.WARNING;
        }
        return Severity.INFO;
    }

    private List<TableStatus> statuses(StateSnapshot snapshot, StateSnapshot.KnownProfile profile, Instant asOf) {
        List<TableStatus> statuses = new ArrayList<>();
        for (StateSnapshot.TableRow row : profile.tables().values()) {
            statuses.add(status(snapshot, profile, row, asOf));
        }
        return statuses;
    }

    private TableStatus status(StateSnapshot snapshot, StateSnapshot.KnownProfile profile, StateSnapshot.TableRow row,
                               Instant asOf) {
        ProfileEntityState s = row.state();
        Optional<ExternalTableState> delta = snapshot.external(profile, s.entityName());
        Optional<Schedule> schedule = snapshot.scheduleOf(profile, s.entityName());
        Duration allowance = stallPolicy.allowance(schedule.flatMap(Schedule::interval));
        Instant lastSync = s.lastSyncedDataTime();
        Duration lag = lastSync == null ? null
            : lastSync.isAfter(asOf) ? Duration.ZERO : Duration.between(lastSync, asOf);
        boolean stalled = lag != null && lag.compareTo(allowance) > 0 && isExpectedToSync(profile);
        HealthState health = isFailing(s, delta) ? HealthState.FAILING
            : Choices.SYNC_PAUSED.is(s.syncState()) ? HealthState.PAUSED
            : stalled ? HealthState.STALLED : HealthState.HEALTHY;
        return new TableStatus(profile.id(), profile.name(), profile.organization(), s.entityName(), health,
            s.syncState(), s.initialSyncState(), s.metadataState(), s.synapseTableCreationState(),
            delta.map(ExternalTableState::tableState).orElse(null),
            delta.map(ExternalTableState::lastSyncState).orElse(null),
            delta.map(ExternalTableState::lakehouseShortcutState).orElse(null),
            lastSync, s.initialSyncProcessCompletedTime(), delta.map(ExternalTableState::lastSynchronizedOn).orElse(null),
            s.lakeRecordCount(), s.crmRecordCount(), delta.map(ExternalTableState::recordCount).orElse(null),
            delta.map(ExternalTableState::sourceRecordCount).orElse(null),
            lag, stalled, allowance,
            schedule.map(Schedule::describe).orElse(null), asOf, warnings(row.row(), s, allowance));
    }

    /** Where the table's early warnings stand after its newest version. */
    private TableStatus.Warnings warnings(RowState row, ProfileEntityState s, Duration allowance) {
        if (row.history().isEmpty()) {
            return TableStatus.Warnings.NONE;
        }
        Boolean appendOnly = s.profileEntity() == null ? null : rows.find(StateTable.PROFILE_ENTITY, s.profileEntity().id())
            .map(v -> v.value().attributes().bool("appendonlymode")).orElse(null);
        EarlyWarnings.State state = row.history().warningsAfter() != null ? row.history().warningsAfter()
            : EarlyWarnings.scan(row.history().rows(), row.history().warningsBefore(), row.history().baselined(),
                new EarlyWarnings.Context(allowance, appendOnly, drift)).last();
        return new TableStatus.Warnings(state.drifting(), state.behind(), state.progressPercent(),
            state.estimatedCompletionAt());
    }

    /** Any state column in a failure state, on the lake side or the Delta Lake side. */
    private static boolean isFailing(ProfileEntityState s, Optional<ExternalTableState> delta) {
        if (Choices.SYNC_COMPLETED_WITH_FAILURES.is(s.syncState())
            || Choices.SYNC_COMPLETED_WITH_FAILURES.is(s.initialSyncState())
            || Choices.METADATA_FAILURE.is(s.metadataState())
            || Choices.SYNAPSE_TABLE_FAILED.is(s.synapseTableCreationState())) {
            return true;
        }
        return delta.isPresent() && (Choices.EXTERNAL_FAILED.is(delta.get().tableState())
            || Choices.EXTERNAL_FAILED.is(delta.get().lastSyncState())
            || Choices.EXTERNAL_FAILED.is(delta.get().lakehouseShortcutState()));
    }

    /** As the stall check: a table of a profile known not to be active is not expected to sync. */
    private static boolean isExpectedToSync(StateSnapshot.KnownProfile profile) {
        return profile.state() == null || Choices.PROFILE_ACTIVE.is(profile.state());
    }

    /** Reads pages of events from a store that only knows "newest first, at most n". */
    private static final class EventPager {
        private static final int FIRST_BATCH = 64;
        private final EventStore events;

        EventPager(EventStore events) {
            this.events = events;
        }

        EventPage page(RecentEventsRequest request) {
            int wanted = request.top() + 1;
            int limit = Math.max(FIRST_BATCH, wanted);
            while (true) {
                List<HealthEvent> fetched = new ArrayList<>(events.query(new EventQuery(request.profile(), request.table(),
                    request.names(), request.minimumSeverity(), request.since(), limit)));
                fetched.sort(EventCursor.ORDER);
                boolean complete = fetched.size() < limit || limit == Integer.MAX_VALUE;
                // when the store cut the list, events of its oldest time may be missing: count only newer ones
                Instant cut = complete || fetched.isEmpty() ? null : fetched.get(fetched.size() - 1).time();
                List<HealthEvent> after = new ArrayList<>();
                for (HealthEvent e : fetched) {
                    if ((request.after() == null || request.after().precedes(e)) && (cut == null || e.time().isAfter(cut))) {
                        after.add(e);
                    }
                }
                if (complete || after.size() >= wanted) {
                    List<HealthEvent> page = after.subList(0, Math.min(request.top(), after.size()));
                    EventCursor next = after.size() > request.top() ? EventCursor.after(page.get(page.size() - 1)) : null;
                    return new EventPage(page, next);
                }
                limit = limit > Integer.MAX_VALUE / 2 ? Integer.MAX_VALUE : limit * 2;
            }
        }
    }
}
