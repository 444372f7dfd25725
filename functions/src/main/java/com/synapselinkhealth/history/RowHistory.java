package com.synapselinkhealth.history;

import com.synapselinkhealth.dataverse.Attributes;
import com.synapselinkhealth.health.EarlyWarnings;
import java.util.List;

/**
 * What this service keeps of one row's past: its recent versions in Dataverse's order, the events already raised
 * from them, and how many changes came too late to be judged.
 *
 * @param versions the row's versions, oldest first (see {@link VersionOrder}), at most {@link HistoryLimits#maxVersions}
 * @param baselined whether older versions were let go: the first version then stands for them (it holds the whole
 *     row as it was) and was already judged, so it is not judged again as a first sighting
 * @param reported the events raised from these versions, each at the point it was first reported
 * @param tooOld how many changes came older than the oldest version kept, and so were judged as stale
 * @param warningsBefore where the early warnings stood before the first version kept (what the versions let go of
 *     left: a drift already reported, the thresholds of an initial sync already passed); {@link EarlyWarnings.State#START}
 *     for a whole history
 * @param warningsAfter where they stand after the newest version, as last derived (so that a change appended after it
 *     is judged without reading the whole history again); null when not derived yet
 */
public record RowHistory(List<ChangeVersion> versions, boolean baselined, List<ReportedEvent> reported, long tooOld,
                         EarlyWarnings.State warningsBefore, EarlyWarnings.State warningsAfter) {
    public static final RowHistory EMPTY = new RowHistory(List.of(), false, List.of(), 0, EarlyWarnings.State.START,
        EarlyWarnings.State.START);

    public RowHistory {
        versions = List.copyOf(versions);
        reported = List.copyOf(reported);
        warningsBefore = warningsBefore == null ? EarlyWarnings.State.START : warningsBefore;
        if (tooOld < 0) {
            throw new IllegalArgumentException("'tooOld' cannot be negative.");
        }
    }

    public RowHistory(List<ChangeVersion> versions, boolean baselined, List<ReportedEvent> reported, long tooOld) {
        this(versions, baselined, reported, tooOld, EarlyWarnings.State.START, null);
    }

    public boolean isEmpty() {
        return versions.isEmpty();
    }

    /** The newest version, or null. */
    public ChangeVersion newest() {
        return versions.isEmpty() ? null : versions.get(versions.size() - 1);
    }

    /** Whether a version of this operation is kept. */
    public boolean has(String dedupeKey) {
        return indexOf(dedupeKey) >= 0;
    }

    int indexOf(String dedupeKey) {
        for (int i = versions.size() - 1; i >= 0; i--) {
            if (versions.get(i).dedupeKey().equals(dedupeKey)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The whole row at each version, oldest first: each version's columns over the row before it (a pre image in
     * between counts too). For a baselined history the first is the whole row as it was.
     */
    public List<Attributes> rows() {
        List<Attributes> rows = new java.util.ArrayList<>(versions.size());
        Attributes row = Attributes.empty();
        for (ChangeVersion v : versions) {
            row = row.overlaidWith(v.message().isCreate() ? Attributes.empty() : v.preImage())
                .overlaidWith(v.carried());
            rows.add(row);
        }
        return rows;
    }

    RowHistory withTooOld() {
        return new RowHistory(versions, baselined, reported, tooOld + 1, warningsBefore, warningsAfter);
    }
}
