package com.synapselinkhealth.subscriptions;

import java.time.Instant;
import java.util.Objects;

/**
 * A flow's webhook trigger: where to post events (the callback URL) and which ones.
 *
 * @param id the id in the subscription's Location URL
 * @param trigger the trigger that created it
 * @param callbackUrl the flow's callback URL (a secret)
 * @param filter which events it takes
 * @param createdAt when it was created
 * @param badRequests how many deliveries in a row the callback answered 400 (Power Automate's answer for a deleted flow)
 */
public record Subscription(String id, TriggerKind trigger, CallbackUrl callbackUrl, SubscriptionFilter filter,
                           Instant createdAt, int badRequests) {
    public Subscription {
        Objects.requireNonNull(id, "'id' cannot be null.");
        Objects.requireNonNull(trigger, "'trigger' cannot be null.");
        Objects.requireNonNull(callbackUrl, "'callbackUrl' cannot be null.");
        Objects.requireNonNull(filter, "'filter' cannot be null.");
        Objects.requireNonNull(createdAt, "'createdAt' cannot be null.");
    }

    public Subscription withBadRequests(int count) {
        return new Subscription(id, trigger, callbackUrl, filter, createdAt, count);
    }
}
