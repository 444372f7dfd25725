package com.synapselinkhealth.status;

import com.synapselinkhealth.health.HealthEvent;
import java.util.List;
import java.util.Optional;

/**
 * One page of recent events, newest first.
 *
 * @param next the position of the next page, or {@code null} on the last page
 */
public record EventPage(List<HealthEvent> events, EventCursor next) {
    public EventPage {
        events = List.copyOf(events);
    }

    public Optional<EventCursor> nextPage() {
        return Optional.ofNullable(next);
    }
}
