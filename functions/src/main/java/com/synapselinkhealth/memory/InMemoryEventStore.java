package com.synapselinkhealth.memory;

import com.synapselinkhealth.health.HealthEvent;
import com.synapselinkhealth.store.EventQuery;
import com.synapselinkhealth.store.EventStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Events in memory, the newest {@code capacity} kept. */
public final class InMemoryEventStore implements EventStore {
    private static final Comparator<HealthEvent> NEWEST_FIRST =
        Comparator.comparing(HealthEvent::time).reversed().thenComparing(HealthEvent::id);

    private final int capacity;
    private final Map<String, HealthEvent> events;

    public InMemoryEventStore() {
        this(100_000);
    }

    public InMemoryEventStore(int capacity) {
        this.capacity = capacity;
        this.events = new LinkedHashMap<>();
    }

    @Override
    public synchronized boolean append(HealthEvent event) {
        if (events.containsKey(event.id())) {
            return false;
        }
        events.put(event.id(), event);
        if (events.size() > capacity) {
            events.remove(events.keySet().iterator().next());
        }
        return true;
    }

    @Override
    public synchronized Optional<HealthEvent> find(String id) {
        return Optional.ofNullable(events.get(id));
    }

    @Override
    public List<HealthEvent> query(EventQuery query) {
        List<HealthEvent> matching = new ArrayList<>();
        synchronized (this) {
            for (HealthEvent e : events.values()) {
                if (query.matches(e)) {
                    matching.add(e);
                }
            }
        }
        matching.sort(NEWEST_FIRST);
        return matching.size() > query.limit() ? List.copyOf(matching.subList(0, query.limit())) : matching;
    }
}
