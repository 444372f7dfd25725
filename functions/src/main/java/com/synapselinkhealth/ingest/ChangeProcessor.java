package com.synapselinkhealth.ingest;

import com.synapselinkhealth.dataverse.Attributes;
import com.synapselinkhealth.dataverse.RowChange;
import com.synapselinkhealth.health.EventContext;
import com.synapselinkhealth.health.HealthEvent;
import com.synapselinkhealth.health.HealthEventFactory;
import com.synapselinkhealth.health.HealthEventName;
import com.synapselinkhealth.health.HealthRules;
import com.synapselinkhealth.health.Observation;
import com.synapselinkhealth.health.Transition;
import com.synapselinkhealth.statetables.ProfileEntityState;
import com.synapselinkhealth.statetables.RowVersion;
import com.synapselinkhealth.statetables.StateTable;
import com.synapselinkhealth.store.EventStore;
import com.synapselinkhealth.store.RowState;
import com.synapselinkhealth.store.RowStateStore;
import com.synapselinkhealth.store.Versioned;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Applies one row change: judges it against the row's last known state (duplicate? stale?), runs the health
 * rules, saves the new state together with the events it raised (one conditional save, retried on conflict),
 * then hands the events to the event store and the publisher. Safe to run on many instances at once and to
 * run again after a crash: the state save is conditional, the events ride in the row's outbox until published,
 * and event ids are deterministic.
 */
public final class ChangeProcessor {
    static final int MAX_ATTEMPTS = 20;

    private final RowStateStore rows;
    private final EventStore events;
    private final EventPublisher publisher;
    private final HealthRules rules = new HealthRules();
    private final HealthEventFactory factory;
    private final Clock clock;

    public ChangeProcessor(RowStateStore rows, EventStore events, EventPublisher publisher, Clock clock) {
        this.rows = Objects.requireNonNull(rows, "'rows' cannot be null.");
        this.events = Objects.requireNonNull(events, "'events' cannot be null.");
        this.publisher = Objects.requireNonNull(publisher, "'publisher' cannot be null.");
        this.clock = Objects.requireNonNull(clock, "'clock' cannot be null.");
        this.factory = new HealthEventFactory(new StoredProfileDirectory(rows));
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
                flush(decision.state);
                return new ProcessingResult(decision.outcome, decision.events);
            }
        }
        throw new ConcurrentModificationException(change.table() + " row " + change.rowId()
            + " kept changing under " + MAX_ATTEMPTS + " attempts to save it");
    }

    private record Decision(ProcessingResult.Outcome outcome, RowState state, List<HealthEvent> events) {
    }

    private Decision decide(StateTable table, RowChange change, Optional<RowState> stored) {
        String key = change.dedupeKey();
        if (stored.isPresent() && stored.get().hasSeen(key)) {
            return new Decision(ProcessingResult.Outcome.DUPLICATE, null, List.of());
        }
        if (stored.isPresent() && isStale(change, stored.get())) {
            return new Decision(ProcessingResult.Outcome.STALE, null, List.of());
        }
        if (stored.isPresent() && isSameVersion(change, stored.get())) {
            return new Decision(ProcessingResult.Outcome.DUPLICATE, null, List.of());
        }
        Attributes known = stored.filter(s -> !s.deleted()).map(RowState::attributes).orElse(Attributes.empty());
        // The pre image is what the row held just before this operation; the stored state may miss deliveries
        // Dataverse never retried, so the pre image wins where it says something.
        Attributes before = known.overlaidWith(change.before());
        boolean delete = change.message().isDelete();
        Attributes after = delete ? before : change.attributes();
        Instant now = clock.instant();

        List<Transition> transitions = new ArrayList<>(
            rules.evaluate(table, new Observation(change.message(), before, known, after, change.formattedValues())));
        Instant stalledAt = stored.map(RowState::stalledAt).orElse(null);
        if (stalledAt != null && !delete && table == StateTable.PROFILE_ENTITY_STATE) {
            Instant lastSync = after.instant("lastsynceddatatime");
            if (lastSync != null && lastSync.isAfter(stalledAt)) {
                ProfileEntityState s = ProfileEntityState.from(known.overlaidWith(after));
                transitions.add(new Transition(HealthEventName.TableSyncResumed, null,
                    s.syncState() == null ? null : s.syncState().label()));
                stalledAt = null;
            }
        }
        Attributes row = delete ? before : known.overlaidWith(change.attributes());
        Instant time = eventTime(change, delete ? null : after, now);
        EventContext context = new EventContext(table, change.rowId(), row, change.organization(), change.operationId(),
            change.correlationId(), change.operationKey(), change.message().value(), time);
        List<HealthEvent> raised = new ArrayList<>(transitions.size());
        for (Transition t : transitions) {
            raised.add(factory.create(t, context));
        }
        List<HealthEvent> outbox = new ArrayList<>(stored.map(RowState::outbox).orElse(List.of()));
        outbox.addAll(raised);
        List<String> operations = stored.map(s -> s.withOperation(key)).orElse(List.of(key));
        String organization = change.organization() != null ? change.organization()
            : stored.map(RowState::organization).orElse(null);
        RowState next = new RowState(table, change.rowId(), organization, row, delete, stalledAt, operations, outbox, now);
        return new Decision(ProcessingResult.Outcome.APPLIED, next, raised);
    }

    private static boolean isStale(RowChange change, RowState stored) {
        if (stored.deleted()) {
            return !change.message().isCreate();
        }
        return RowVersion.of(change.attributes()).isOlderThan(RowVersion.of(stored.attributes()));
    }

    /**
     * An Update of the very row version already judged (same {@code versionnumber}), e.g. the webhook of a change the
     * reconciliation read first: its pre image is older than what was judged, so running the rules on it again would
     * raise the same transition twice. A Create still runs (its rules name the message, which a read never has).
     */
    private static boolean isSameVersion(RowChange change, RowState stored) {
        if (stored.deleted() || change.message().isCreate() || change.message().isDelete()) {
            return false;
        }
        Long version = change.attributes().wholeNumber("versionnumber");
        return version != null && version.equals(stored.attributes().wholeNumber("versionnumber"));
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
