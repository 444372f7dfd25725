package com.synapselinkhealth.history;

import com.synapselinkhealth.dataverse.Attributes;
import com.synapselinkhealth.dataverse.MessageName;
import com.synapselinkhealth.health.EarlyWarnings;
import com.synapselinkhealth.health.HealthRules;
import com.synapselinkhealth.health.Observation;
import com.synapselinkhealth.health.Transition;
import com.synapselinkhealth.history.Timeline.Point;
import com.synapselinkhealth.statetables.StateTable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * Puts a change in its place in its row's history and says which events the history now holds that were not raised
 * yet. The events of a row are a function of the set of its versions, not of the order their callbacks came in:
 *
 * <ul>
 *   <li>Transitions are read from each pair of neighbouring points of the {@link Timeline}; the first point is judged
 *       as a first sighting (a bad state is news, a good one is not), unless older versions were let go or it is the
 *       row as a pre image showed it (a change is judged against its pre image, as a single callback always was).</li>
 *   <li>An event already raised is matched, not raised again: a derived event is the one reported at a point when no
 *       other start of the same event stands between them. So a late version inside a reported bad episode joins it,
 *       and a late version that splits a healthy stretch reveals its failure and recovery, both new.</li>
 *   <li>A change appended after every version (the usual case) is judged against the stored row alone; only a late
 *       one makes the history be derived again from its start.</li>
 * </ul>
 */
public final class HistoryJudge {
    private final StateTable table;
    private final HealthRules rules;
    private final HistoryLimits limits;

    public HistoryJudge(StateTable table, HealthRules rules, HistoryLimits limits) {
        this.table = Objects.requireNonNull(table, "'table' cannot be null.");
        this.rules = Objects.requireNonNull(rules, "'rules' cannot be null.");
        this.limits = Objects.requireNonNull(limits, "'limits' cannot be null.");
    }

    /** How a change was taken. */
    public enum Outcome {
        /** Put in its place; it may have raised events. */
        APPLIED,
        /** The same operation, or the same row version, is in the history already. */
        DUPLICATE,
        /** Older than the oldest version kept: judged as stale, and counted. */
        TOO_OLD
    }

    /**
     * An event to raise.
     *
     * @param transition what the rules found
     * @param anchor the point it was found at (see {@link ReportedEvent#anchor})
     * @param version the version of that point
     * @param preImage whether the point is the row as that version's pre image showed it
     * @param row the whole row at that point
     * @param time when the row was in that state
     */
    public record Found(Transition transition, String anchor, ChangeVersion version, boolean preImage, Attributes row,
                        Instant time) {
        /** What names the point in event ids: the version's operation, marked when it is the pre image's row. */
        public String eventKey() {
            return version.operationKey() + (preImage ? Timeline.PRE_IMAGE : "");
        }
    }

    /**
     * What judging one change gave.
     *
     * @param outcome how it was taken
     * @param history the history to store (with the new events reported)
     * @param newestRow the row at the newest version, as far as the history knows it
     * @param appended whether the change came after every version kept (else it was late)
     * @param found the events to raise, in the history's order
     */
    public record Judgement(Outcome outcome, RowHistory history, Attributes newestRow, boolean appended, List<Found> found) {
        public boolean deleted() {
            ChangeVersion newest = history.newest();
            return newest != null && newest.isDelete();
        }
    }

    /**
     * @param history the row's history as stored
     * @param row the row as stored (its newest state); used as the first version when a row kept from before histories
     *     has none
     * @param deleted whether the stored row is deleted
     * @param version the change
     * @param now when it is judged: the time of a row kept from before histories that has none of its own
     */
    public Judgement judge(RowHistory history, Attributes row, boolean deleted, ChangeVersion version, Instant now) {
        return judge(history, row, deleted, version, now, null);
    }

    /**
     * @param warnings what the early warnings of a {@code synapselinkprofileentitystate} row need (its allowance and
     *     whether it is append-only), or null: no early warnings (the other tables)
     */
    public Judgement judge(RowHistory history, Attributes row, boolean deleted, ChangeVersion version, Instant now,
                           EarlyWarnings.Context warnings) {
        if (history.isEmpty() && !row.isEmpty()) {
            history = storedRowAsBaseline(row, deleted, now);
        }
        List<ChangeVersion> versions = history.versions();
        if (history.has(version.dedupeKey())) {
            return unchanged(Outcome.DUPLICATE, history, row);
        }
        for (int i = versions.size() - 1; i >= 0; i--) {
            ChangeVersion kept = versions.get(i);
            if (VersionOrder.isSameVersion(kept, version)) {
                if (version.message().isCreate() && !kept.message().isCreate()) {
                    List<ChangeVersion> upgraded = new ArrayList<>(versions);
                    upgraded.set(i, kept.asCreate(version));
                    return rederived(history, upgraded, warnings);
                }
                return unchanged(Outcome.DUPLICATE, history, row);
            }
        }
        int at = versions.size();
        while (at > 0 && VersionOrder.isAfter(versions.get(at - 1), version)) {
            at--;
        }
        if (at == 0 && history.baselined()) {
            return unchanged(Outcome.TOO_OLD, history.withTooOld(), row);
        }
        List<ChangeVersion> next = new ArrayList<>(versions.size() + 1);
        next.addAll(versions);
        next.add(at, version);
        if (at < versions.size()) {
            return rederived(history, next, warnings);
        }
        return appended(history, next, row, warnings);
    }

    private static Judgement unchanged(Outcome outcome, RowHistory history, Attributes row) {
        return new Judgement(outcome, history, row, false, List.of());
    }

    /** The usual case: the change comes after every version; only its own points are new. */
    private Judgement appended(RowHistory history, List<ChangeVersion> versions, Attributes row,
                               EarlyWarnings.Context warnings) {
        int index = versions.size() - 1;
        ChangeVersion version = versions.get(index);
        List<Point> points = new ArrayList<>(3);
        int from = 0;
        if (index > 0) {
            ChangeVersion previous = versions.get(index - 1);
            points.add(new Point(previous.dedupeKey(), 2 * index - 1, previous.message(), row, previous, previous.occurredAt()));
            from = 1;
        }
        Attributes newest = Timeline.append(points, index > 0 ? row : Attributes.empty(), version, index);
        List<Point> older = new ArrayList<>();
        IntFunction<Attributes> beyond = stepsBeforeFirst -> {
            if (older.isEmpty()) {
                older.addAll(Timeline.of(history.versions()));
            }
            int i = older.size() - 1 + stepsBeforeFirst;
            return i >= 0 ? older.get(i).row() : null;
        };
        List<Found> found = evaluate(points, from, false, beyond);
        EarlyWarnings.State after = history.warningsAfter();
        if (warnings != null) {
            // appending leaves every earlier version's warnings as they were: only the newest version's are new, judged
            // from where the warnings stood after the version before it
            RowHistory draft = new RowHistory(versions, history.baselined(), history.reported(), history.tooOld(),
                history.warningsBefore(), null);
            if (after == null) {
                EarlyWarnings.Scan scan = scan(draft, warnings);
                found.addAll(found(draft, scan, draft.rows()).stream().filter(f -> f.anchor().equals(version.dedupeKey())).toList());
                after = scan.last();
            } else {
                EarlyWarnings.Scan step = EarlyWarnings.scan(List.of(newest), after, index == 0 && history.baselined(), warnings);
                for (EarlyWarnings.Found w : step.found()) {
                    found.add(new Found(w.transition(), version.dedupeKey(), version, false, newest, version.occurredAt()));
                }
                after = step.last();
            }
        }
        List<ReportedEvent> reported = new ArrayList<>(history.reported());
        found.forEach(f -> reported.add(new ReportedEvent(f.transition().key(), f.anchor())));
        RowHistory next = new RowHistory(versions, history.baselined(), reported, history.tooOld(), history.warningsBefore(),
            warnings == null ? null : after);
        return bounded(new Judgement(Outcome.APPLIED, next, newest, true, found), warnings);
    }

    /** A late change (or a Create that names a version already read): the whole history is derived again. */
    private Judgement rederived(RowHistory history, List<ChangeVersion> versions, EarlyWarnings.Context warnings) {
        List<Point> points = Timeline.of(versions);
        List<Found> derived = new ArrayList<>(evaluate(points, 0, history.baselined(), i -> null));
        EarlyWarnings.State after = null;
        if (warnings != null) {
            RowHistory draft = new RowHistory(versions, history.baselined(), history.reported(), history.tooOld(),
                history.warningsBefore(), null);
            EarlyWarnings.Scan scan = scan(draft, warnings);
            derived.addAll(found(draft, scan, draft.rows()));
            after = scan.last();
        }
        Map<String, Integer> positions = new HashMap<>();
        for (int i = 0; i < versions.size(); i++) {
            positions.put(versions.get(i).dedupeKey(), 2 * i + 1);
            positions.put(versions.get(i).dedupeKey() + Timeline.PRE_IMAGE, 2 * i);
        }
        Map<String, List<Integer>> starts = new HashMap<>();
        Map<Found, Integer> positionOf = new HashMap<>();
        for (Found f : derived) {
            int position = positions.get(f.anchor());
            starts.computeIfAbsent(f.transition().key(), n -> new ArrayList<>()).add(position);
            positionOf.put(f, position);
        }
        Set<String> matched = new HashSet<>();
        for (ReportedEvent r : history.reported()) {
            Integer position = positions.get(r.anchor());
            List<Integer> ofName = starts.get(r.name());
            if (position == null || ofName == null) {
                continue;
            }
            Integer start = null;
            for (int p : ofName) {
                if (p <= position) {
                    start = p;
                }
            }
            if (start != null) {
                matched.add(r.name() + "@" + start);
            }
        }
        List<Found> found = new ArrayList<>();
        List<ReportedEvent> reported = new ArrayList<>(history.reported());
        for (Found f : derived) {
            if (!matched.contains(f.transition().key() + "@" + positionOf.get(f))) {
                found.add(f);
                reported.add(new ReportedEvent(f.transition().key(), f.anchor()));
            }
        }
        found.sort(java.util.Comparator.comparingInt(positionOf::get));
        Attributes newest = points.isEmpty() ? Attributes.empty() : points.get(points.size() - 1).row();
        RowHistory next = new RowHistory(versions, history.baselined(), reported, history.tooOld(), history.warningsBefore(),
            after);
        return bounded(new Judgement(Outcome.APPLIED, next, newest, false, found), warnings);
    }

    /**
     * The transitions from point {@code from} on, each against the point before it.
     *
     * @param baselined whether point 0 stands for versions let go (so it is no first sighting)
     * @param beyond rows before point 0 (argument -1 is the one just before it), for rules that look further back
     */
    private List<Found> evaluate(List<Point> points, int from, boolean baselined, IntFunction<Attributes> beyond) {
        List<Found> found = new ArrayList<>();
        for (int k = from; k < points.size(); k++) {
            Point current = points.get(k);
            if (k == 0 && (baselined || current.isPreImage())) {
                // what a pre image alone shows is the state the change started from, not a sighting of its own
                continue;
            }
            Point previous = k == 0 ? null : points.get(k - 1);
            if (previous != null && previous.message().isDelete()) {
                continue;
            }
            Attributes before = previous == null ? Attributes.empty() : previous.row();
            int at = k;
            Observation.EarlierRows earlier = back -> {
                int i = at - 1 - back;
                return i >= 0 ? points.get(i).row() : beyond.apply(i);
            };
            List<Transition> transitions = rules.evaluate(table, new Observation(current.message(), before, before,
                current.row(), current.owner().formattedValues(), earlier));
            for (Transition t : transitions) {
                found.add(new Found(t, current.id(), current.owner(), current.isPreImage(), current.row(), current.time()));
            }
        }
        return found;
    }

    private static EarlyWarnings.Scan scan(RowHistory history, EarlyWarnings.Context context) {
        return EarlyWarnings.scan(history.rows(), history.warningsBefore(), history.baselined(), context);
    }

    /** The early warnings a scan of a history found, each at its version's own point. */
    private static List<Found> found(RowHistory history, EarlyWarnings.Scan scan, List<Attributes> rows) {
        List<Found> found = new ArrayList<>(scan.found().size());
        for (EarlyWarnings.Found w : scan.found()) {
            ChangeVersion v = history.versions().get(w.version());
            found.add(new Found(w.transition(), v.dedupeKey(), v, false, rows.get(w.version()), v.occurredAt()));
        }
        return found;
    }

    /**
     * Lets the oldest versions go past the limits (count, and age counted back from the row's newest version, so that
     * the history of a row does not depend on when its callbacks are worked); the first one kept then stands for them.
     */
    Judgement bounded(Judgement judged, EarlyWarnings.Context warnings) {
        List<ChangeVersion> versions = judged.history().versions();
        int drop = 0;
        if (versions.size() > limits.maxVersions()) {
            // let a quarter go at once, so that a full history is derived again once per many changes, not every time
            drop = versions.size() - limits.maxVersions() * 3 / 4;
        }
        Instant newest = newestModifiedOn(versions);
        Instant oldest = versions.get(0).modifiedOn();
        if (newest != null && oldest != null && oldest.isBefore(newest.minus(limits.maxAge()))) {
            Instant keepFrom = newest.minus(limits.maxAge().multipliedBy(3).dividedBy(4));
            int aged = 0;
            while (aged < versions.size() && versions.get(aged).modifiedOn() != null
                && versions.get(aged).modifiedOn().isBefore(keepFrom)) {
                aged++;
            }
            drop = Math.max(drop, aged);
        }
        drop = Math.min(drop, versions.size() - 1);
        if (drop <= 0) {
            return judged;
        }
        RowHistory whole = judged.history();
        List<Attributes> rows = whole.rows();
        List<ChangeVersion> kept = new ArrayList<>(versions.size() - drop);
        kept.add(versions.get(drop).asBaseline(rows.get(drop)));
        kept.addAll(versions.subList(drop + 1, versions.size()));
        Set<String> anchors = new HashSet<>();
        for (ChangeVersion v : kept.subList(1, kept.size())) {
            anchors.add(v.dedupeKey());
            anchors.add(v.dedupeKey() + Timeline.PRE_IMAGE);
        }
        List<ReportedEvent> reported = whole.reported().stream().filter(r -> anchors.contains(r.anchor())).toList();
        EarlyWarnings.State before = whole.warningsBefore();
        if (warnings != null) {
            // where the early warnings stood after the last version let go: the new first version is judged from there
            before = EarlyWarnings.scan(rows.subList(0, drop), whole.warningsBefore(), whole.baselined(), warnings).last();
        }
        RowHistory history = new RowHistory(kept, true, reported, whole.tooOld(), before, whole.warningsAfter());
        return new Judgement(judged.outcome(), history, judged.newestRow(), judged.appended(), judged.found());
    }

    private static Instant newestModifiedOn(List<ChangeVersion> versions) {
        for (int i = versions.size() - 1; i >= 0; i--) {
            if (versions.get(i).modifiedOn() != null) {
                return versions.get(i).modifiedOn();
            }
        }
        return null;
    }

    /** A row stored before histories were kept: its stored state is the one version known, already judged. */
    private RowHistory storedRowAsBaseline(Attributes row, boolean deleted, Instant now) {
        Instant modified = row.instant("modifiedon");
        ChangeVersion stored = new ChangeVersion(deleted ? MessageName.DELETE : MessageName.UPDATE, "stored-row",
            "stored-row", null, null, null, deleted ? null : row.wholeNumber("versionnumber"), deleted ? null : modified,
            modified != null ? modified : now, ChangeVersion.project(table, row), Attributes.empty(), Map.of());
        return new RowHistory(List.of(stored), true, List.of(), 0);
    }
}
