package com.synapselinkhealth.delivery;

import java.util.Objects;

/**
 * One event on its way to one subscription.
 *
 * @param subscriptionId the subscription
 * @param eventId the event's id (also sent as {@code webhook-id})
 * @param eventJson the event as posted (the CloudEvent JSON)
 * @param attemptsMade attempts already made
 * @param lastOutcome what the last attempt came to, or {@code null} before the first
 */
public record Delivery(String subscriptionId, String eventId, String eventJson, int attemptsMade, String lastOutcome) {
    public Delivery {
        Objects.requireNonNull(subscriptionId, "'subscriptionId' cannot be null.");
        Objects.requireNonNull(eventId, "'eventId' cannot be null.");
        Objects.requireNonNull(eventJson, "'eventJson' cannot be null.");
    }

    public static Delivery first(String subscriptionId, String eventId, String eventJson) {
        return new Delivery(subscriptionId, eventId, eventJson, 0, null);
    }

    public Delivery after(AttemptResult result) {
        return new Delivery(subscriptionId, eventId, eventJson, attemptsMade + 1, result.describe());
    }

    /** Identifies the delivery: the same event to the same subscription is one delivery. */
    public String key() {
        return subscriptionId + "/" + eventId;
    }
}
