package com.synapselinkhealth.store;

import java.time.Duration;

/**
 * Where each delivery stands, shared by every worker that may hold a copy of it: the claim that lets only one of them
 * make a given attempt, and the record that the delivery is finished, so a republished event or a duplicate queue
 * message is not posted to the same flow again (across instances and restarts when the ledger is durable).
 *
 * <p>Attempts are numbered from 1. A worker holding a message for attempt {@code n} claims it; it then sends, and
 * either {@link #finish finishes} the delivery or schedules attempt {@code n + 1} and {@link #release releases}
 * attempt {@code n}. A claim lasts a lease: a worker that died mid-attempt leaves a claim that expires, and the same
 * attempt can then be claimed again by whoever holds the (redelivered) message. That is the one case in which a flow
 * may get an event twice; it carries the same {@code webhook-id} both times.
 */
public interface DeliveryLedger {
    /** What a claim came to. */
    enum Claim {
        /** This worker makes the attempt. */
        CLAIMED,
        /** The delivery is finished (delivered, given up, or its subscription removed): nothing to do. */
        FINISHED,
        /** This attempt was already made, or a later one claimed: this copy is a duplicate. */
        TAKEN,
        /**
         * Another worker is making this attempt now, under a lease that has not ended. This copy is probably a
         * duplicate, but if that worker died it is the one left: look again once the lease is over.
         */
        BUSY
    }

    /** How a delivery finished. */
    enum Outcome { DELIVERED, SUBSCRIPTION_REMOVED, GAVE_UP }

    /** Claims attempt {@code attempt} (1 for the first) of the delivery. */
    Claim claim(String deliveryKey, int attempt);

    /** How long a claim holds before another worker may take the attempt over ({@link Claim#BUSY} until then). */
    Duration lease();

    /** Attempt {@code attempt} failed and the next one is scheduled. */
    void release(String deliveryKey, int attempt);

    /** Attempt {@code attempt} was abandoned half way (an unexpected error): it may be claimed again at once. */
    void abandon(String deliveryKey, int attempt);

    /** The delivery is over; later claims answer {@link Claim#FINISHED}. */
    void finish(String deliveryKey, Outcome outcome);

    /** Whether the delivery is over, whatever the outcome. */
    boolean isFinished(String deliveryKey);

    /** Whether the delivery succeeded (the callback answered 2xx). */
    boolean isDelivered(String deliveryKey);
}
