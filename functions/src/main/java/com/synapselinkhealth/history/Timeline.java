package com.synapselinkhealth.history;

import com.synapselinkhealth.dataverse.Attributes;
import com.synapselinkhealth.dataverse.MessageName;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A row's versions laid out as the points the rules compare pairwise. Each version is one point, its row being the
 * row before it overlaid with the columns it carried. A version whose pre image shows the row in a state the point
 * before does not have (a change whose own callback never came, or has not come yet) adds a point just before it:
 * the row as that pre image showed it.
 */
final class Timeline {
    /** The suffix of a point made from a pre image. */
    static final String PRE_IMAGE = "#pre";

    /**
     * One point of the timeline.
     *
     * @param id the version's dedupe key, with {@link #PRE_IMAGE} for a pre-image point
     * @param position where it stands: twice the version's index, plus one for the version itself
     * @param message the version's message; {@code Update} for a pre-image point
     * @param row the whole row at this point
     * @param owner the version the point comes from
     * @param time when the row was in this state
     */
    record Point(String id, int position, MessageName message, Attributes row, ChangeVersion owner, Instant time) {
        boolean isPreImage() {
            return position % 2 == 0;
        }
    }

    private Timeline() {
    }

    /** Every point of the versions, rows derived from the first on (a baseline's row is whole already). */
    static List<Point> of(List<ChangeVersion> versions) {
        List<Point> points = new ArrayList<>(versions.size() + 4);
        Attributes row = Attributes.empty();
        for (int i = 0; i < versions.size(); i++) {
            row = append(points, row, versions.get(i), i);
        }
        return points;
    }

    /** Adds the points of one version after a row; returns the row after it. */
    static Attributes append(List<Point> points, Attributes before, ChangeVersion version, int index) {
        Attributes row = before;
        Point pre = preImagePoint(before, version, index);
        if (pre != null) {
            points.add(pre);
            row = pre.row();
        }
        Attributes after = row.overlaidWith(version.carried());
        points.add(new Point(version.dedupeKey(), 2 * index + 1, version.message(), after, version, version.occurredAt()));
        return after;
    }

    /** The row as the version's pre image showed it, when that differs from the row before; else null. */
    static Point preImagePoint(Attributes before, ChangeVersion version, int index) {
        if (version.preImage().isEmpty() || version.message().isCreate() || covers(before, version.preImage())) {
            return null;
        }
        Instant time = version.preImage().instant("modifiedon");
        return new Point(version.dedupeKey() + PRE_IMAGE, 2 * index, MessageName.UPDATE, before.overlaidWith(version.preImage()),
            version, time != null && !version.isDelete() ? time : version.occurredAt());
    }

    /** Whether every column of {@code image} already holds the same value in {@code row}. */
    private static boolean covers(Attributes row, Attributes image) {
        for (var e : image.asMap().entrySet()) {
            if (!row.get(e.getKey()).map(e.getValue()::equals).orElse(false)) {
                return false;
            }
        }
        return true;
    }
}
