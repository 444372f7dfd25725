package com.synapselinkhealth.perf;

import com.synapselinkhealth.app.LinkHealth;
import com.synapselinkhealth.config.Settings;
import com.synapselinkhealth.dataverse.TransportHints;
import com.synapselinkhealth.dataverse.json.RowChangeJson;
import com.synapselinkhealth.health.EventPublisher;
import com.synapselinkhealth.health.HealthEvent;
import com.synapselinkhealth.ingest.IntakeResult;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The events a workload must produce, found by running its bodies in order through the app in this process (fresh
 * in-memory state, like {@code ./linkhealth normalize}), each mapped to the callback that raised it.
 */
final class Expected {
    private final Map<String, Integer> eventToCallback;
    private final Map<String, Integer> countByName;
    private final Map<String, Integer> countByRowAndName;
    private final int staleEvents;

    private Expected(Map<String, Integer> eventToCallback, Map<String, Integer> countByName,
                     Map<String, Integer> countByRowAndName, int staleEvents) {
        this.eventToCallback = eventToCallback;
        this.countByName = countByName;
        this.countByRowAndName = countByRowAndName;
        this.staleEvents = staleEvents;
    }

    static Expected of(List<Workload.Callback> callbacks) {
        Map<String, Integer> events = new HashMap<>();
        Map<String, Integer> names = new HashMap<>();
        Map<String, Integer> rowAndNames = new HashMap<>();
        int stale = 0;
        try (LinkHealth app = LinkHealth.inMemory(Settings.of(Map.of()), Clock.systemUTC(), EventPublisher.NONE)) {
            for (Workload.Callback c : callbacks) {
                IntakeResult result = app.intake().accept("reference", c.body(), "application/json", Map.of(),
                    TransportHints.NONE);
                if (result instanceof IntakeResult.Rejected r) {
                    throw new IllegalStateException("the workload generated a body the app rejects: " + r.problem().getMessage());
                }
                if (result instanceof IntakeResult.Accepted a) {
                    for (HealthEvent e : app.processor().process(RowChangeJson.read(a.queueMessage())).events()) {
                        if (events.putIfAbsent(e.id(), c.original()) == null) {
                            names.merge(e.name().name(), 1, Integer::sum);
                            rowAndNames.merge(e.rowId() + "|" + e.name().name(), 1, Integer::sum);
                        }
                        stale += c.kind().equals("stale") ? 1 : 0;
                    }
                }
            }
        }
        return new Expected(events, names, rowAndNames, stale);
    }

    int size() {
        return eventToCallback.size();
    }

    /** How many expected events have this name (e.g. {@code ProfileError}). */
    int count(String eventName) {
        return countByName.getOrDefault(eventName, 0);
    }

    int staleEvents() {
        return staleEvents;
    }

    /** Lag of each event raised by {@code wave}: its first arrival at the sink minus the first send of its callback. */
    Percentiles lag(EventSink sink, List<Workload.Callback> wave, HttpLoad.Result run) {
        Map<Integer, Long> firstSent = new HashMap<>();
        for (int i = 0; i < wave.size(); i++) {
            firstSent.merge(wave.get(i).original(), run.firstSentNanos[i], Math::min);
        }
        long[] lags = eventToCallback.entrySet().stream()
            .filter(e -> firstSent.containsKey(e.getValue()) && sink.firstArrival(e.getKey()) != null)
            .mapToLong(e -> sink.firstArrival(e.getKey()) - firstSent.get(e.getValue())).toArray();
        return new Percentiles(lags);
    }

    /** Compares what the sink got with what was expected. */
    Check check(EventSink sink) {
        int lost = 0;
        int doubled = 0;
        for (String id : eventToCallback.keySet()) {
            AtomicInteger n = sink.counts().get(id);
            if (n == null) {
                lost++;
            } else if (n.get() > 1) {
                doubled++;
            }
        }
        int unexpected = 0;
        for (String id : sink.counts().keySet()) {
            if (!eventToCallback.containsKey(id)) {
                unexpected++;
            }
        }
        return new Check(size(), sink.distinct(), sink.requests(), lost, doubled, unexpected);
    }

    /**
     * Compares by row and event name rather than by id: when callbacks of one row come in another order than the
     * reference's, an episode may be first reported at another version and so carry another id; its count per row
     * may not differ. Doubled: an id delivered more than once.
     */
    Check checkByRowAndName(EventSink sink) {
        Map<String, Integer> got = new HashMap<>();
        sink.rowAndName().values().forEach(k -> got.merge(k, 1, Integer::sum));
        int lost = 0;
        int unexpected = 0;
        for (Map.Entry<String, Integer> e : countByRowAndName.entrySet()) {
            lost += Math.max(0, e.getValue() - got.getOrDefault(e.getKey(), 0));
        }
        for (Map.Entry<String, Integer> e : got.entrySet()) {
            unexpected += Math.max(0, e.getValue() - countByRowAndName.getOrDefault(e.getKey(), 0));
        }
        int doubled = (int) sink.counts().values().stream().filter(n -> n.get() > 1).count();
        return new Check(size(), sink.distinct(), sink.requests(), lost, doubled, unexpected);
    }

    /** What the sink got against what was expected. */
    record Check(int expected, int distinct, int posts, int lost, int doubled, int unexpected) {
        boolean clean() {
            return lost == 0 && doubled == 0 && unexpected == 0;
        }

        void print() {
            System.out.printf(Locale.ROOT, "sink: %d posts, %d distinct webhook-ids; expected %d: lost %d, doubled %d,"
                + " unexpected %d%n", posts, distinct, expected, lost, doubled, unexpected);
        }
    }
}
