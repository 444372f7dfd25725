package com.synapselinkhealth.ingest;

import com.synapselinkhealth.dataverse.AttributeValue;
import com.synapselinkhealth.dataverse.Attributes;
import com.synapselinkhealth.dataverse.EntityReference;
import com.synapselinkhealth.dataverse.RowChange;
import com.synapselinkhealth.health.DriftPolicy;
import com.synapselinkhealth.health.EarlyWarnings;
import com.synapselinkhealth.health.EventContext;
import com.synapselinkhealth.health.EventPublisher;
import com.synapselinkhealth.health.HealthEvent;
import com.synapselinkhealth.health.HealthEventFactory;
import com.synapselinkhealth.health.HealthEventName;
import com.synapselinkhealth.health.HealthRules;
import com.synapselinkhealth.health.StallPolicy;
import com.synapselinkhealth.health.Transition;
import com.synapselinkhealth.history.ChangeVersion;
import com.synapselinkhealth.history.HistoryJudge;
import com.synapselinkhealth.history.HistoryLimits;
import com.synapselinkhealth.history.RowHistory;
import com.synapselinkhealth.statetables.Choice;
import com.synapselinkhealth.statetables.ExternalTableState;
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
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Applies one row change: puts it in its place in the row's history (duplicate? too old?), takes the events the
 * history now holds that were not raised yet ({@link HistoryJudge}), saves the new state together with those events
 * (one conditional save, retried on conflict), then hands the events to the event store and the publisher. The
 * events of a row depend on the set of its changes, not on the order their callbacks arrive in. Safe to run on many
 * instances at once and to run again after a crash: the state save is conditional, the events ride in the row's
 * outbox until published, and event ids are deterministic.
 */
public final class ChangeProcessor {
    static final int MAX_ATTEMPTS = 20;
    /** Columns that name a table or profile: an event from a version that lacks them takes them from the newest row. */
    private static final List<String> NAME_COLUMNS =
        List.of("entityname", "name", "synapseworkspacename", "workspacename", "profile", "datalakefolder");

    private final RowStateStore rows;
    private final EventStore events;
    private final EventPublisher publisher;
    private final Map<StateTable, HistoryJudge> judges = new EnumMap<>(StateTable.class);
    private final HealthEventFactory factory;
    private final Clock clock;
    private final StallPolicy stallPolicy;
    private final DriftPolicy drift;
    /** The schedules as last read, and when (System.nanoTime): one partition query per {@link #SCHEDULES_FOR} at most. */
    private volatile CachedSchedules schedules;

    /** How long the schedules read for the early warnings are used before they are read again (a schedule change this
     *  processor judges drops them at once). */
    static final long SCHEDULES_FOR = java.util.concurrent.TimeUnit.SECONDS.toNanos(30);

    private record CachedSchedules(Schedules schedules, long readAt) {
    }

    public ChangeProcessor(RowStateStore rows, EventStore events, EventPublisher publisher, Clock clock) {
        this(rows, events, publisher, clock, HistoryLimits.DEFAULT);
    }

    public ChangeProcessor(RowStateStore rows, EventStore events, EventPublisher publisher, Clock clock, HistoryLimits limits) {
        this(rows, events, publisher, clock, limits, StallPolicy.DEFAULT, DriftPolicy.DEFAULT);
    }

    /**
     * @param stallPolicy the allowance of a table, which "falling behind" is measured against
     * @param drift when a lake's row count counts as drifting
     */
    public ChangeProcessor(RowStateStore rows, EventStore events, EventPublisher publisher, Clock clock, HistoryLimits limits,
                           StallPolicy stallPolicy, DriftPolicy drift) {
        this.stallPolicy = Objects.requireNonNull(stallPolicy, "'stallPolicy' cannot be null.");
        this.drift = Objects.requireNonNull(drift, "'drift' cannot be null.");
        this.rows = Objects.requireNonNull(rows, "'rows' cannot be null.");
        this.events = Objects.requireNonNull(events, "'events' cannot be null.");
        this.publisher = Objects.requireNonNull(publisher, "'publisher' cannot be null.");
        this.clock = Objects.requireNonNull(clock, "'clock' cannot be null.");
        this.factory = new HealthEventFactory(new StoredProfileDirectory(rows));
        HealthRules rules = new HealthRules();
        for (StateTable table : StateTable.values()) {
            judges.put(table, new HistoryJudge(table, rules, Objects.requireNonNull(limits, "'limits' cannot be null.")));
        }
    }

    public ProcessingResult process(RowChange change) {
        Optional<StateTable> table = StateTable.fromLogicalName(change.table());
        if (table.isEmpty()) {
            return new ProcessingResult(ProcessingResult.Outcome.IGNORED, List.of());
        }
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Optional<Versioned<RowState>> stored = rows.find(table.get(), change.rowId());
            Decision decision = decide(table.get(), change, stored.map(Versioned::value));
            if (decision.state == null) {
                stored.ifPresent(s -> flush(s.value()));
                return new ProcessingResult(decision.outcome, List.of());
            }
            if (rows.saveIfUnchanged(decision.state, stored.map(Versioned::version).orElse(null))) {
                if (table.get() == StateTable.SCHEDULE) {
                    schedules = null;
                }
                flush(decision.state);
                return new ProcessingResult(decision.outcome, decision.events);
            }
            backOff(attempt);
        }
        throw new ConcurrentModificationException(change.table() + " row " + change.rowId()
            + " kept changing under " + MAX_ATTEMPTS + " attempts to save it");
    }

    /**
     * After the second lost save of a row, waits a random few milliseconds (growing with the attempts, at most 50) so
     * that workers racing on one busy row stop colliding in lockstep.
     */
    private static void backOff(int attempt) {
        if (attempt < 2) {
            return;
        }
        try {
            Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(1, 1 + Math.min(50, 5L * attempt)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConcurrentModificationException("interrupted while waiting to save a busy row");
        }
    }

    private record Decision(ProcessingResult.Outcome outcome, RowState state, List<HealthEvent> events) {
    }

    private Decision decide(StateTable table, RowChange change, Optional<RowState> stored) {
        String key = change.dedupeKey();
        if (stored.isPresent() && stored.get().hasSeen(key)) {
            return new Decision(ProcessingResult.Outcome.DUPLICATE, null, List.of());
        }
        Instant now = clock.instant();
        Attributes known = stored.map(RowState::attributes).orElse(Attributes.empty());
        EarlyWarnings.Context warnings = table == StateTable.PROFILE_ENTITY_STATE
            ? warningContext(known.overlaidWith(change.attributes())) : null;
        HistoryJudge.Judgement judged = judges.get(table).judge(stored.map(RowState::history).orElse(RowHistory.EMPTY), known,
            stored.map(RowState::deleted).orElse(false), ChangeVersion.of(table, change, now), now, warnings);
        List<String> operations = stored.map(s -> s.withOperation(key)).orElse(List.of(key));
        String organization = change.organization() != null ? change.organization()
            : stored.map(RowState::organization).orElse(null);
        List<HealthEvent> outbox = new ArrayList<>(stored.map(RowState::outbox).orElse(List.of()));
        Instant stalledAt = stored.map(RowState::stalledAt).orElse(null);
        switch (judged.outcome()) {
            case DUPLICATE -> {
                return new Decision(ProcessingResult.Outcome.DUPLICATE, null, List.of());
            }
            case TOO_OLD -> {
                RowState counted = new RowState(table, change.rowId(), organization, known, stored.get().deleted(), stalledAt,
                    operations, outbox, now, judged.history());
                return new Decision(ProcessingResult.Outcome.STALE, counted, List.of());
            }
            default -> {
            }
        }
        boolean delete = change.message().isDelete();
        Attributes row = !judged.appended() ? known.overlaidWith(judged.newestRow())
            : known.overlaidWith(delete ? change.before() : change.attributes());
        List<HealthEvent> raised = new ArrayList<>(judged.found().size() + 1);
        for (HistoryJudge.Found found : judged.found()) {
            ChangeVersion version = found.version();
            EventContext context = new EventContext(table, change.rowId(), withNames(found.row(), row),
                version.organization() != null ? version.organization() : organization, version.operationId(),
                version.correlationId(), found.eventKey(), version.message().value(), found.time());
            raised.add(factory.create(found.transition(), context));
        }
        if (stalledAt != null && !judged.deleted()
            && (table == StateTable.PROFILE_ENTITY_STATE || table == StateTable.EXTERNAL_TABLE_STATE)) {
            boolean delta = table == StateTable.EXTERNAL_TABLE_STATE;
            Instant lastSync = row.instant(delta ? "lastsynchronizedon" : "lastsynceddatatime");
            if (lastSync != null && lastSync.isAfter(stalledAt)) {
                Choice state = delta ? ExternalTableState.from(row).tableState() : ProfileEntityState.from(row).syncState();
                EventContext context = new EventContext(table, change.rowId(), row, organization, change.operationId(),
                    change.correlationId(), change.operationKey(), change.message().value(), eventTime(change, row, now));
                raised.add(factory.create(new Transition(delta ? HealthEventName.DeltaSyncResumed : HealthEventName.TableSyncResumed,
                    null, state == null ? null : state.label()), context));
                stalledAt = null;
            }
        }
        outbox.addAll(raised);
        RowState next = new RowState(table, change.rowId(), organization, row, judged.deleted(), stalledAt, operations, outbox,
            now, judged.history());
        return new Decision(ProcessingResult.Outcome.APPLIED, next, raised);
    }

    /**
     * What the early warnings of a table need besides its own versions: its allowance (its schedule, else its
     * profile's, with the policy's floor) and, asked only when its lake has more rows than Dataverse, whether it is
     * append-only ({@code synapselinkprofileentity.appendonlymode}).
     */
    private EarlyWarnings.Context warningContext(Attributes row) {
        ProfileEntityState table = ProfileEntityState.from(row);
        UUID profileId = table.profile() == null ? null : table.profile().id();
        Duration allowance = stallPolicy.allowance(schedules().intervalFor(profileId, table.entityName()));
        return new EarlyWarnings.Context(allowance, () -> appendOnly(table, profileId), drift);
    }

    private Schedules schedules() {
        CachedSchedules cached = schedules;
        long now = System.nanoTime();
        if (cached != null && now - cached.readAt() < SCHEDULES_FOR) {
            return cached.schedules();
        }
        Schedules read = Schedules.read(rows);
        schedules = new CachedSchedules(read, now);
        return read;
    }

    private Boolean appendOnly(ProfileEntityState table, UUID profileId) {
        if (table.profileEntity() != null) {
            return rows.find(StateTable.PROFILE_ENTITY, table.profileEntity().id())
                .map(v -> v.value().attributes().bool("appendonlymode")).orElse(null);
        }
        for (Versioned<RowState> entity : rows.list(StateTable.PROFILE_ENTITY)) {
            Attributes a = entity.value().attributes();
            EntityReference profile = a.reference("profile");
            if (!entity.value().deleted() && table.entityName() != null && table.entityName().equalsIgnoreCase(a.text("entityname"))
                && (profileId == null || profile == null || profile.id().equals(profileId))) {
                return a.bool("appendonlymode");
            }
        }
        return null;
    }

    /**
     * The row at an event's version, with the table and profile names it lacks taken from the row's newest state
     * (which holds what any version, its images, the refetch or the row's Create said).
     */
    private static Attributes withNames(Attributes atVersion, Attributes newest) {
        Attributes.Builder names = null;
        for (String column : NAME_COLUMNS) {
            AttributeValue mine = atVersion.get(column).orElse(null);
            AttributeValue theirs = newest.get(column).orElse(null);
            if (theirs == null || theirs instanceof AttributeValue.Null) {
                continue;
            }
            boolean missing = mine == null || mine instanceof AttributeValue.Null
                || mine instanceof AttributeValue.Reference ref && ref.value().name() == null
                    && theirs instanceof AttributeValue.Reference other && other.value().id().equals(ref.value().id());
            if (missing) {
                names = names == null ? Attributes.builder() : names;
                names.put(column, theirs);
            }
        }
        return names == null ? atVersion : atVersion.overlaidWith(names.build());
    }

    /** The row's {@code modifiedon}, else when Dataverse ran the operation, else now. */
    private static Instant eventTime(RowChange change, Attributes after, Instant now) {
        Instant modified = after == null ? null : after.instant("modifiedon");
        if (modified != null) {
            return modified;
        }
        return change.operationCreatedOn() != null ? change.operationCreatedOn() : now;
    }

    /**
     * Moves the row's outbox to the event store and the publisher, then clears what was published. Runs again on
     * the next change or retry of the row if this process dies half way; the event store ignores ids it has.
     */
    void flush(RowState state) {
        if (state.outbox().isEmpty()) {
            return;
        }
        for (HealthEvent event : state.outbox()) {
            events.append(event);
            publisher.publish(event);
        }
        Set<String> published = state.outbox().stream().map(HealthEvent::id).collect(Collectors.toSet());
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Optional<Versioned<RowState>> current = rows.find(state.table(), state.rowId());
            if (current.isEmpty()) {
                return;
            }
            RowState now = current.get().value();
            List<HealthEvent> left = now.outbox().stream().filter(e -> !published.contains(e.id())).toList();
            if (left.size() == now.outbox().size()
                || rows.saveIfUnchanged(now.withOutbox(left, clock.instant()), current.get().version())) {
                return;
            }
        }
    }

    /** A row that kept changing faster than it could be saved. */
    public static final class ConcurrentModificationException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ConcurrentModificationException(String message) {
            super(message);
        }
    }
}
