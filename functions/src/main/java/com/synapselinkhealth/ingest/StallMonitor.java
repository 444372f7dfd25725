package com.synapselinkhealth.ingest;

import com.synapselinkhealth.health.EventContext;
import com.synapselinkhealth.health.EventDetails;
import com.synapselinkhealth.health.EventPublisher;
import com.synapselinkhealth.health.HealthEvent;
import com.synapselinkhealth.health.HealthEventFactory;
import com.synapselinkhealth.health.HealthEventName;
import com.synapselinkhealth.health.StallPolicy;
import com.synapselinkhealth.health.Summaries;
import com.synapselinkhealth.health.Transition;
import com.synapselinkhealth.statetables.Choice;
import com.synapselinkhealth.statetables.Choices;
import com.synapselinkhealth.statetables.ExternalTableState;
import com.synapselinkhealth.statetables.Profile;
import com.synapselinkhealth.statetables.ProfileEntityState;
import com.synapselinkhealth.statetables.StateTable;
import com.synapselinkhealth.store.EventStore;
import com.synapselinkhealth.store.RowState;
import com.synapselinkhealth.store.RowStateStore;
import com.synapselinkhealth.store.Versioned;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The stall timer: raises {@link HealthEventName#TableSyncStalled} for each table whose last sync is older than
 * its schedule allows. A stalled table is marked, so it is reported once; {@link ChangeProcessor} raises
 * {@link HealthEventName#TableSyncResumed} when its last sync time moves again.
 */
public final class StallMonitor {
    private final RowStateStore rows;
    private final ChangeProcessor processor;
    private final HealthEventFactory factory;
    private final StallPolicy policy;
    private final Clock clock;

    public StallMonitor(RowStateStore rows, EventStore events, EventPublisher publisher, StallPolicy policy, Clock clock) {
        this.rows = Objects.requireNonNull(rows, "'rows' cannot be null.");
        this.policy = Objects.requireNonNull(policy, "'policy' cannot be null.");
        this.clock = Objects.requireNonNull(clock, "'clock' cannot be null.");
        this.processor = new ChangeProcessor(rows, events, publisher, clock);
        this.factory = new HealthEventFactory(new StoredProfileDirectory(rows));
    }

    /** Checks every known table once; returns the stall events raised. */
    public List<HealthEvent> check() {
        Instant now = clock.instant();
        Schedules schedules = Schedules.read(rows);
        List<HealthEvent> raised = new ArrayList<>();
        for (Versioned<RowState> row : rows.list(StateTable.PROFILE_ENTITY_STATE)) {
            checkRow(row, schedules, now).ifPresent(raised::add);
        }
        List<Versioned<RowState>> profiles = rows.list(StateTable.PROFILE);
        for (Versioned<RowState> row : rows.list(StateTable.EXTERNAL_TABLE_STATE)) {
            checkDeltaRow(row, profiles, schedules, now).ifPresent(raised::add);
        }
        return raised;
    }

    /**
     * {@link HealthEventName#DeltaSyncStalled}: a Delta Lake table that is Created but whose {@code lastsynchronizedon}
     * is older than the allowance of the profile named by {@code synapseworkspacename} (else the floor): the conversion
     * stopped without failing, e.g. a paused Spark pool. {@link ChangeProcessor} raises DeltaSyncResumed when it moves.
     */
    private Optional<HealthEvent> checkDeltaRow(Versioned<RowState> versioned, List<Versioned<RowState>> profiles,
                                                Schedules schedules, Instant now) {
        return raiseOnce(versioned, state -> deltaStall(state, profiles, schedules, now), now);
    }

    private Optional<Stall> deltaStall(RowState state, List<Versioned<RowState>> profiles, Schedules schedules, Instant now) {
        ExternalTableState table = ExternalTableState.from(state.attributes());
        Instant lastSync = table.lastSynchronizedOn();
        if (state.deleted() || state.stalledAt() != null || lastSync == null
            || !Choices.EXTERNAL_CREATED.is(table.tableState())) {
            return Optional.empty();
        }
        Optional<Versioned<RowState>> profile = profileNamed(table.synapseWorkspaceName(), profiles);
        if (profile.isPresent() && !isActive(profile.get().value())) {
            return Optional.empty();
        }
        Optional<Duration> interval = profile.flatMap(p -> schedules.intervalFor(p.value().rowId(), table.entityName()));
        Duration allowance = policy.allowance(interval);
        if (Duration.between(lastSync, now).compareTo(allowance) <= 0) {
            return Optional.empty();
        }
        EventContext context = new EventContext(StateTable.EXTERNAL_TABLE_STATE, state.rowId(), state.attributes(),
            state.organization(), null, null, "deltastall:" + lastSync.toEpochMilli(), "StallCheck", now);
        Choice tableState = table.tableState();
        return Optional.of(new Stall(factory.create(new Transition(HealthEventName.DeltaSyncStalled, tableState.label(),
            tableState.label(), EventDetails.allowance(allowance.getSeconds()), null), context), lastSync));
    }

    /** What a stall check decided for one row: the event to raise, and the last sync the row is stuck at. */
    private record Stall(HealthEvent event, Instant lastSync) {
    }

    /**
     * Marks the row stalled with the event in its outbox, once: read again and decided again when another writer got
     * there first, so a row that moved meanwhile is not reported.
     */
    private Optional<HealthEvent> raiseOnce(Versioned<RowState> versioned, java.util.function.Function<RowState, Optional<Stall>> decide,
                                            Instant now) {
        for (int attempt = 1; attempt <= ChangeProcessor.MAX_ATTEMPTS; attempt++) {
            Optional<Stall> stall = decide.apply(versioned.value());
            if (stall.isEmpty()) {
                return Optional.empty();
            }
            Optional<HealthEvent> saved = saveStalled(versioned, stall.get().event(), stall.get().lastSync(), now);
            if (saved.isPresent()) {
                return saved;
            }
            Optional<Versioned<RowState>> reread = rows.find(versioned.value().table(), versioned.value().rowId());
            if (reread.isEmpty()) {
                return Optional.empty();
            }
            versioned = reread.get();
        }
        return Optional.empty();
    }

    /** The profile whose name the Delta Lake table names ({@code synapseworkspacename}), when the store knows it. */
    private static Optional<Versioned<RowState>> profileNamed(String name, List<Versioned<RowState>> profiles) {
        if (name == null || name.isBlank()) {
            return Optional.empty();
        }
        return profiles.stream().filter(p -> !p.value().deleted() && name.equalsIgnoreCase(p.value().attributes().text("name")))
            .findFirst();
    }

    private static boolean isActive(RowState profile) {
        Choice state = Profile.from(profile.attributes()).profileState();
        return state == null || state.is(Choices.PROFILE_ACTIVE);
    }

    /** Saves the row marked stalled with the event in its outbox, then publishes it; empty when another writer won. */
    private Optional<HealthEvent> saveStalled(Versioned<RowState> versioned, HealthEvent event, Instant lastSync, Instant now) {
        RowState state = versioned.value();
        List<HealthEvent> outbox = new ArrayList<>(state.outbox());
        outbox.add(event);
        RowState next = state.stalled(lastSync, outbox, now);
        if (rows.saveIfUnchanged(next, versioned.version())) {
            processor.flush(next);
            return Optional.of(event);
        }
        return Optional.empty();
    }

    private Optional<HealthEvent> checkRow(Versioned<RowState> versioned, Schedules schedules, Instant now) {
        return raiseOnce(versioned, state -> tableStall(state, schedules, now), now);
    }

    private Optional<Stall> tableStall(RowState state, Schedules schedules, Instant now) {
        ProfileEntityState table = ProfileEntityState.from(state.attributes());
        Instant lastSync = table.lastSyncedDataTime();
        if (state.deleted() || state.stalledAt() != null || lastSync == null || !isExpectedToSync(table)) {
            return Optional.empty();
        }
        Optional<Duration> interval = schedules.intervalFor(table.profile() == null ? null : table.profile().id(),
            table.entityName());
        Duration allowance = policy.allowance(interval);
        if (Duration.between(lastSync, now).compareTo(allowance) <= 0) {
            return Optional.empty();
        }
        String detail = interval.isPresent() ? "its schedule allows " + Summaries.human(allowance)
            : "the allowed gap is " + Summaries.human(allowance);
        Instant stalledSince = lastSync.plus(allowance);
        EventContext context = new EventContext(StateTable.PROFILE_ENTITY_STATE, state.rowId(), state.attributes(),
            state.organization(), null, null, "stall:" + lastSync.toEpochMilli(), "StallCheck", stalledSince);
        Choice sync = table.syncState();
        return Optional.of(new Stall(factory.create(new Transition(HealthEventName.TableSyncStalled,
            sync == null ? null : sync.label(), sync == null ? null : sync.label()), context, detail), lastSync));
    }

    /** A table that failed or was paused already has its own event; one whose profile is not active won't sync. */
    private boolean isExpectedToSync(ProfileEntityState table) {
        Choice sync = table.syncState();
        if (sync != null && (sync.is(Choices.SYNC_COMPLETED_WITH_FAILURES) || sync.is(Choices.SYNC_PAUSED))) {
            return false;
        }
        if (table.profile() == null) {
            return true;
        }
        return rows.find(StateTable.PROFILE, table.profile().id())
            .map(p -> Profile.from(p.value().attributes()).profileState())
            .map(state -> state.is(Choices.PROFILE_ACTIVE))
            .orElse(true);
    }
}
