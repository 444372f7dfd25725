package com.synapselinkhealth.status;

import com.synapselinkhealth.health.DigestReport;
import com.synapselinkhealth.health.EventPublisher;
import com.synapselinkhealth.health.HealthEvent;
import com.synapselinkhealth.store.EventStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Makes the scheduled health digest: one {@code HealthDigest} event per organization, stored like every event and
 * handed to the publisher (delivery, which sends it only to the subscriptions that ask for it). The event's id depends
 * on the organization and the schedule slot, so running twice for one slot stores and delivers it once.
 */
public final class DigestPublisher {
    private final HealthDigests digests;
    private final EventStore events;
    private final EventPublisher publisher;

    public DigestPublisher(HealthDigests digests, EventStore events, EventPublisher publisher) {
        this.digests = Objects.requireNonNull(digests, "'digests' cannot be null.");
        this.events = Objects.requireNonNull(events, "'events' cannot be null.");
        this.publisher = Objects.requireNonNull(publisher, "'publisher' cannot be null.");
    }

    /**
     * @param slot the scheduled time this digest is for (the event's time and part of its id)
     * @return the digest events, one per organization (none when no profile is known)
     */
    public List<HealthEvent> publish(Instant slot) {
        List<HealthEvent> made = new ArrayList<>();
        for (DigestReport report : digests.reports()) {
            HealthEvent event = HealthDigests.event(report, slot);
            events.append(event);
            // published even when already stored: a run that stopped between the two still delivers (delivery dedupes)
            publisher.publish(event);
            made.add(event);
        }
        return made;
    }
}
