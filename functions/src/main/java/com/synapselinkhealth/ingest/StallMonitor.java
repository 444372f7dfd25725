package com.synapselinkhealth.ingest;

import com.synapselinkhealth.dataverse.EntityReference;
import com.synapselinkhealth.health.EventContext;
import com.synapselinkhealth.health.HealthEvent;
import com.synapselinkhealth.health.HealthEventFactory;
import com.synapselinkhealth.health.HealthEventName;
import com.synapselinkhealth.health.Summaries;
import com.synapselinkhealth.health.Transition;
import com.synapselinkhealth.statetables.Choice;
import com.synapselinkhealth.statetables.Choices;
import com.synapselinkhealth.statetables.Profile;
import com.synapselinkhealth.statetables.ProfileEntityState;
import com.synapselinkhealth.statetables.Schedule;
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
import java.util.UUID;

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
        List<Versioned<RowState>> schedules = rows.list(StateTable.SCHEDULE);
        List<HealthEvent> raised = new ArrayList<>();
        for (Versioned<RowState> row : rows.list(StateTable.PROFILE_ENTITY_STATE)) {
            checkRow(row, schedules, now).ifPresent(raised::add);
        }
        return raised;
    }

    private Optional<HealthEvent> checkRow(Versioned<RowState> versioned, List<Versioned<RowState>> schedules, Instant now) {
        for (int attempt = 1; attempt <= ChangeProcessor.MAX_ATTEMPTS; attempt++) {
            RowState state = versioned.value();
            ProfileEntityState table = ProfileEntityState.from(state.attributes());
            Instant lastSync = table.lastSyncedDataTime();
            if (state.deleted() || state.stalledAt() != null || lastSync == null || !isExpectedToSync(table)) {
                return Optional.empty();
            }
            Optional<Duration> interval = scheduleFor(table, schedules);
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
            HealthEvent event = factory.create(new Transition(HealthEventName.TableSyncStalled,
                sync == null ? null : sync.label(), sync == null ? null : sync.label()), context, detail);
            List<HealthEvent> outbox = new ArrayList<>(state.outbox());
            outbox.add(event);
            RowState next = state.stalled(lastSync, outbox, now);
            if (rows.saveIfUnchanged(next, versioned.version())) {
                processor.flush(next);
                return Optional.of(event);
            }
            Optional<Versioned<RowState>> reread = rows.find(state.table(), state.rowId());
            if (reread.isEmpty()) {
                return Optional.empty();
            }
            versioned = reread.get();
        }
        return Optional.empty();
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

    /** The table's own schedule when it has one, else its profile's. */
    private static Optional<Duration> scheduleFor(ProfileEntityState table, List<Versioned<RowState>> schedules) {
        UUID profileId = table.profile() == null ? null : table.profile().id();
        Optional<Duration> profileWide = Optional.empty();
        for (Versioned<RowState> row : schedules) {
            if (row.value().deleted()) {
                continue;
            }
            Schedule schedule = Schedule.from(row.value().attributes());
            EntityReference owner = schedule.profile();
            if (profileId != null && owner != null && !owner.id().equals(profileId)) {
                continue;
            }
            String entity = schedule.entityName();
            if (entity != null && !entity.isBlank()) {
                if (entity.equalsIgnoreCase(table.entityName()) && schedule.interval().isPresent()) {
                    return schedule.interval();
                }
            } else if (profileWide.isEmpty()) {
                profileWide = schedule.interval();
            }
        }
        return profileWide;
    }
}
