package com.synapselinkhealth.health;

import com.synapselinkhealth.dataverse.Attributes;
import com.synapselinkhealth.statetables.Choice;
import com.synapselinkhealth.statetables.ChoiceSet;
import com.synapselinkhealth.statetables.Choices;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The early warnings of one {@code synapselinkprofileentitystate} row, read from its versions in Dataverse's order
 * (oldest first): record-count drift, a sync falling behind, and the progress of an initial sync. A version
 * <em>advances</em> when its {@code lastsynceddatatime} is later than the version's before it (the first version
 * advances); the <em>lag</em> of a version is {@code modifiedon} minus {@code lastsynceddatatime}.
 *
 * <ul>
 *   <li>{@link HealthEventName#RecordCountDrift}: the initial sync is Completed and, in each of the last
 *       {@link DriftPolicy#syncs()} advancing versions, the lake has fewer rows than Dataverse by more than the bound,
 *       or more rows by more than the bound where the table is known not to be append-only.
 *       {@link HealthEventName#RecordCountDriftCleared}: a drifting table's next advancing version is within it.</li>
 *   <li>{@link HealthEventName#SyncFallingBehind}: the lags of the last 4 advancing versions strictly increase and the
 *       latest exceeds half the allowance. {@link HealthEventName#SyncCaughtUp}: then a lag under a quarter of it.</li>
 *   <li>{@link HealthEventName#InitialSyncProgress}: while the initial sync is InProgress, the lake first reaches 25,
 *       50 and 75 % of Dataverse's rows; the estimate draws a straight line from the first version of the initial
 *       sync through this one (when that first version already has rows in the lake, from the row's {@code createdon}
 *       with an empty lake).</li>
 * </ul>
 *
 * The scan is a function of the versions alone, so the events are the same whatever order the callbacks came in.
 */
public final class EarlyWarnings {
    /** Lags compared for "falling behind". */
    static final int LAG_WINDOW = 4;
    private static final int[] THRESHOLDS = {25, 50, 75};

    private EarlyWarnings() {
    }

    /**
     * What the rules need beyond the row itself.
     *
     * @param allowance the table's stall allowance (its schedule, with the floor), or null when unknown
     * @param appendOnly the table's {@code synapselinkprofileentity.appendonlymode} (null when unknown), asked only
     *     when the lake has more rows than Dataverse
     * @param drift when counts drift
     */
    public record Context(Duration allowance, Supplier<Boolean> appendOnly, DriftPolicy drift) {
        public Context {
            Objects.requireNonNull(drift, "'drift' cannot be null.");
            appendOnly = appendOnly == null ? () -> null : appendOnly;
        }

        public Context(Duration allowance, Boolean appendOnly, DriftPolicy drift) {
            this(allowance, () -> appendOnly, drift);
        }
    }

    /** An early warning found at version {@code version} (an index into the rows scanned). */
    public record Found(int version, Transition transition) {
    }

    /**
     * Where the scan stands after a version: what a history let go of must remember so that its first kept version is
     * judged as it was (see {@link #scan}).
     *
     * @param drifting whether the table counts as drifting
     * @param offStreak advancing versions in a row that were off
     * @param behind whether the table counts as falling behind
     * @param lags the lags (seconds) of the latest advancing versions, oldest first, at most {@link #LAG_WINDOW}
     * @param lastSync the latest {@code lastsynceddatatime} seen
     * @param initialStart when the current initial sync's first version was, or null outside one
     * @param initialStartLake its lake row count then
     * @param reached the progress thresholds already reported in the current initial sync (bit 0: 25 %, ...)
     * @param difference lake minus Dataverse rows at the latest advancing version with both known, or null
     * @param lagSeconds the latest lag, or null
     * @param progressPercent the current initial sync's progress, or null outside one
     * @param estimatedCompletionAt its estimated end, or null
     * @param started whether any version was scanned (the first version always advances)
     */
    public record State(boolean drifting, int offStreak, boolean behind, List<Long> lags, Instant lastSync,
                        Instant initialStart, Long initialStartLake, int reached, Long difference, Long lagSeconds,
                        Integer progressPercent, Instant estimatedCompletionAt, boolean started) {
        public static final State START = new State(false, 0, false, List.of(), null, null, null, 0, null, null, null, null,
            false);

        public State {
            lags = List.copyOf(lags);
        }
    }

    /** What a scan found, and where it stands after each version. */
    public record Scan(List<Found> found, List<State> states) {
        public State last() {
            return states.isEmpty() ? State.START : states.get(states.size() - 1);
        }
    }

    /**
     * @param rows the whole row at each version, oldest first
     * @param start where the scan stands before the first row: {@link State#START} for a whole history, else what the
     *     versions let go of left (the first row is then judged already and raises nothing)
     */
    public static Scan scan(List<Attributes> rows, State start, boolean firstJudged, Context context) {
        List<Found> found = new ArrayList<>();
        List<State> states = new ArrayList<>(rows.size());
        Scanner s = new Scanner(start, context);
        for (int i = 0; i < rows.size(); i++) {
            List<Transition> at = s.step(rows.get(i), i == 0 && !firstJudged);
            if (!(i == 0 && firstJudged)) {
                for (Transition t : at) {
                    found.add(new Found(i, t));
                }
            }
            states.add(s.state());
        }
        return new Scan(found, states);
    }

    private static final class Scanner {
        private final Context context;
        private boolean drifting;
        private int offStreak;
        private boolean behind;
        private final Deque<Long> lags = new ArrayDeque<>();
        private Instant lastSync;
        private Instant initialStart;
        private Long initialStartLake;
        private int reached;
        private Long difference;
        private Long lagSeconds;
        private Integer progressPercent;
        private Instant eta;
        private boolean first = true;

        Scanner(State start, Context context) {
            this.context = context;
            drifting = start.drifting();
            offStreak = start.offStreak();
            behind = start.behind();
            lags.addAll(start.lags());
            lastSync = start.lastSync();
            initialStart = start.initialStart();
            initialStartLake = start.initialStartLake();
            reached = start.reached();
            difference = start.difference();
            lagSeconds = start.lagSeconds();
            progressPercent = start.progressPercent();
            eta = start.estimatedCompletionAt();
            first = !start.started();
        }

        State state() {
            return new State(drifting, offStreak, behind, List.copyOf(lags), lastSync, initialStart, initialStartLake, reached,
                difference, lagSeconds, progressPercent, eta, !first);
        }

        List<Transition> step(Attributes row, boolean firstVersion) {
            List<Transition> found = new ArrayList<>(1);
            Instant sync = row.instant("lastsynceddatatime");
            Instant modified = row.instant("modifiedon");
            boolean advances = first || sync != null && (lastSync == null || sync.isAfter(lastSync));
            first = false;
            if (sync != null && (lastSync == null || sync.isAfter(lastSync))) {
                lastSync = sync;
            }
            Choice initial = choice(row, "initialsyncstate");
            Long lake = row.wholeNumber("lakerecordcount");
            Long crm = row.wholeNumber("crmrecordcount");
            progress(row, initial, lake, crm, modified != null ? modified : sync, found);
            if (advances) {
                drift(initial, lake, crm, found);
                lag(sync, modified, found);
            }
            return found;
        }

        private void drift(Choice initial, Long lake, Long crm, List<Transition> found) {
            if (!Choices.SYNC_COMPLETED.is(initial) || lake == null || crm == null) {
                // counts that move while the initial sync runs (or unknown counts) are not drift
                offStreak = 0;
                return;
            }
            long diff = lake - crm;
            difference = diff;
            long bound = context.drift().bound(crm);
            // more lake rows is normal in append-only mode (a row per change): drift only where it is known to be off
            boolean off = diff < -bound || diff > bound && Boolean.FALSE.equals(context.appendOnly().get());
            if (off) {
                offStreak++;
                if (!drifting && offStreak >= context.drift().syncs()) {
                    drifting = true;
                    found.add(new Transition(HealthEventName.RecordCountDrift, null, null, EventDetails.drift(diff), null));
                }
            } else {
                offStreak = 0;
                if (drifting) {
                    drifting = false;
                    found.add(new Transition(HealthEventName.RecordCountDriftCleared, null, null, EventDetails.drift(diff), null));
                }
            }
        }

        private void lag(Instant sync, Instant modified, List<Transition> found) {
            if (sync == null || modified == null) {
                return;
            }
            long lag = Math.max(0, Duration.between(sync, modified).getSeconds());
            lagSeconds = lag;
            lags.addLast(lag);
            while (lags.size() > LAG_WINDOW) {
                lags.removeFirst();
            }
            Duration allowance = context.allowance();
            if (allowance == null) {
                return;
            }
            long allowed = allowance.getSeconds();
            if (!behind && lags.size() == LAG_WINDOW && strictlyIncreasing(lags) && lag * 2 > allowed) {
                behind = true;
                found.add(new Transition(HealthEventName.SyncFallingBehind, null, null, EventDetails.lag(lag, allowed), null));
            } else if (behind && lag * 4 < allowed) {
                behind = false;
                found.add(new Transition(HealthEventName.SyncCaughtUp, null, null, EventDetails.lag(lag, allowed), null));
            }
        }

        private void progress(Attributes row, Choice initial, Long lake, Long crm, Instant time, List<Transition> found) {
            if (!Choices.SYNC_IN_PROGRESS.is(initial)) {
                initialStart = null;
                initialStartLake = null;
                reached = 0;
                progressPercent = null;
                eta = null;
                return;
            }
            if (initialStart == null && initialStartLake == null) {
                Instant created = row.instant("createdon");
                if (created != null && time != null && created.isBefore(time) && lake != null && lake > 0) {
                    // the first version known is already under way: the row was created, with an empty lake, when the
                    // table was added, which is where its initial sync started
                    initialStart = created;
                    initialStartLake = 0L;
                } else {
                    initialStart = time;
                    initialStartLake = lake == null ? 0L : lake;
                }
            }
            if (lake == null || crm == null || crm <= 0) {
                return;
            }
            int percent = (int) Math.min(100, lake * 100 / crm);
            progressPercent = percent;
            eta = estimate(time, lake, crm);
            for (int t = 0; t < THRESHOLDS.length; t++) {
                int bit = 1 << t;
                if (percent >= THRESHOLDS[t] && (reached & bit) == 0) {
                    reached |= bit;
                    found.add(new Transition(HealthEventName.InitialSyncProgress, null, label(row),
                        EventDetails.progress(THRESHOLDS[t], eta), Integer.toString(THRESHOLDS[t])));
                }
            }
        }

        /** A straight line from the initial sync's first version through this one; null without a rate. */
        private Instant estimate(Instant now, long lake, long crm) {
            if (initialStart == null || now == null || !now.isAfter(initialStart) || initialStartLake == null
                || lake <= initialStartLake) {
                return null;
            }
            double perSecond = (lake - initialStartLake) / (double) Duration.between(initialStart, now).getSeconds();
            if (!(perSecond > 0)) {
                return null;
            }
            long remaining = Math.max(0, crm - lake);
            return now.plusSeconds((long) Math.ceil(remaining / perSecond));
        }

        private static String label(Attributes row) {
            Choice c = choice(row, "initialsyncstate");
            return c == null ? null : c.label();
        }
    }

    private static boolean strictlyIncreasing(Deque<Long> values) {
        Long previous = null;
        for (Long v : values) {
            if (previous != null && v <= previous) {
                return false;
            }
            previous = v;
        }
        return true;
    }

    private static Choice choice(Attributes row, String column) {
        Integer value = row.option(column);
        return value == null ? null : ChoiceSet.ENTITY_SYNC_STATE.of(value);
    }
}
