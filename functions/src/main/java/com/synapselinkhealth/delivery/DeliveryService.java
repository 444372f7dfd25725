package com.synapselinkhealth.delivery;

import com.synapselinkhealth.delivery.http.CallbackSender;
import com.synapselinkhealth.health.EventPublisher;
import com.synapselinkhealth.health.HealthEvent;
import com.synapselinkhealth.health.cloudevents.HealthCloudEvents;
import com.synapselinkhealth.store.DeadLetter;
import com.synapselinkhealth.store.DeadLetterStore;
import com.synapselinkhealth.store.DeliveryLedger;
import com.synapselinkhealth.store.SubscriptionStore;
import com.synapselinkhealth.subscriptions.Subscription;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * Delivers each new event to every matching subscription, at least once: a POST of the event JSON to the flow's
 * callback URL, retried on the {@link RetrySchedule} (honouring {@code Retry-After} on 429 and 503). 2xx is
 * success; 404 and 410, or a 400 twice in a row (Power Automate's answer for a deleted flow), remove the
 * subscription; after the last attempt the delivery is kept as a dead letter with its reason, attempt count and
 * last outcome.
 */
public final class DeliveryService implements EventPublisher {
    private static final Logger LOG = Logger.getLogger("linkhealth.delivery");
    static final int BAD_REQUESTS_BEFORE_REMOVAL = 2;

    /** What one attempt led to. */
    public enum Step { DELIVERED, RETRY_SCHEDULED, SUBSCRIPTION_REMOVED, GAVE_UP, SKIPPED, RECHECK_SCHEDULED }

    private final SubscriptionStore subscriptions;
    private final DeliveryQueue queue;
    private final DeliveryLedger ledger;
    private final CallbackSender sender;
    private final DeadLetterStore deadLetters;
    private final RetrySchedule schedule;
    private final Clock clock;
    private final DoubleSupplier random;
    private final Function<HealthEvent, String> payload;

    /** Posts each event as its plain CloudEvent JSON ({@link HealthCloudEvents#toJson(HealthEvent)}). */
    public DeliveryService(SubscriptionStore subscriptions, DeliveryQueue queue, DeliveryLedger ledger, CallbackSender sender,
                           DeadLetterStore deadLetters, RetrySchedule schedule, Clock clock, DoubleSupplier random) {
        this(subscriptions, queue, ledger, sender, deadLetters, schedule, clock, random, HealthCloudEvents::toJson);
    }

    /** @param payload the JSON posted for an event (the app's adds the ready-to-post card and Markdown message) */
    public DeliveryService(SubscriptionStore subscriptions, DeliveryQueue queue, DeliveryLedger ledger, CallbackSender sender,
                           DeadLetterStore deadLetters, RetrySchedule schedule, Clock clock, DoubleSupplier random,
                           Function<HealthEvent, String> payload) {
        this.subscriptions = Objects.requireNonNull(subscriptions, "'subscriptions' cannot be null.");
        this.queue = Objects.requireNonNull(queue, "'queue' cannot be null.");
        this.ledger = Objects.requireNonNull(ledger, "'ledger' cannot be null.");
        this.sender = Objects.requireNonNull(sender, "'sender' cannot be null.");
        this.deadLetters = Objects.requireNonNull(deadLetters, "'deadLetters' cannot be null.");
        this.schedule = Objects.requireNonNull(schedule, "'schedule' cannot be null.");
        this.clock = Objects.requireNonNull(clock, "'clock' cannot be null.");
        this.random = Objects.requireNonNull(random, "'random' cannot be null.");
        this.payload = Objects.requireNonNull(payload, "'payload' cannot be null.");
    }

    /** Fans a new event out: one delivery per matching subscription. */
    @Override
    public void publish(HealthEvent event) {
        String json = null;
        for (Subscription subscription : subscriptions.list()) {
            if (!subscription.filter().matches(event)) {
                continue;
            }
            Delivery delivery = Delivery.first(subscription.id(), event.id(), json == null ? json = payload.apply(event) : json);
            if (!ledger.isFinished(delivery.key())) {
                queue.schedule(delivery, Duration.ZERO);
            }
        }
    }

    /**
     * Makes one attempt of a due delivery and decides what comes next. The attempt is claimed in the ledger first, so
     * of several copies of the same delivery (an event published twice, a message redelivered) only one is sent.
     */
    public Step attempt(Delivery delivery) {
        Subscription subscription = subscriptions.find(delivery.subscriptionId()).orElse(null);
        if (subscription == null) {
            return Step.SKIPPED;
        }
        int number = delivery.attemptsMade() + 1;
        DeliveryLedger.Claim claim = ledger.claim(delivery.key(), number);
        if (claim == DeliveryLedger.Claim.BUSY) {
            // another worker is on it; should it have died, this copy makes the attempt once its claim ran out
            queue.schedule(delivery, ledger.lease());
            return Step.RECHECK_SCHEDULED;
        }
        if (claim != DeliveryLedger.Claim.CLAIMED) {
            return Step.SKIPPED;
        }
        try {
            return attempt(delivery, subscription, number);
        } catch (RuntimeException e) {
            ledger.abandon(delivery.key(), number);
            throw e;
        }
    }

    private Step attempt(Delivery delivery, Subscription subscription, int number) {
        AttemptResult result = sender.send(subscription.callbackUrl(), delivery.eventId(), delivery.eventJson(), number);
        Delivery next = delivery.after(result);
        if (result.isSuccess()) {
            ledger.finish(delivery.key(), DeliveryLedger.Outcome.DELIVERED);
            if (subscription.badRequests() > 0) {
                subscriptions.replace(subscription.withBadRequests(0));
            }
            return Step.DELIVERED;
        }
        int status = result.status();
        if (status == 404 || status == 410) {
            return remove(delivery, subscription, result);
        }
        if (status == 400) {
            int count = subscription.badRequests() + 1;
            if (count >= BAD_REQUESTS_BEFORE_REMOVAL) {
                return remove(delivery, subscription, result);
            }
            subscriptions.replace(subscription.withBadRequests(count));
        }
        Duration retryAfter = status == 429 || status == 503 ? result.retryAfter() : null;
        Duration delay = schedule.next(next.attemptsMade(), retryAfter, random);
        if (delay == null) {
            giveUp(subscription, next);
            ledger.finish(delivery.key(), DeliveryLedger.Outcome.GAVE_UP);
            return Step.GAVE_UP;
        }
        LOG.info(() -> "Delivery of event " + delivery.eventId() + " to subscription " + subscription.id() + " ("
            + subscription.callbackUrl() + ") failed: " + result.describe() + "; attempt " + next.attemptsMade()
            + " of " + schedule.maxAttempts() + ", next in " + delay);
        // the next attempt is queued before this one is released: a crash in between repeats this attempt, never loses it
        queue.schedule(next, delay);
        ledger.release(delivery.key(), number);
        return Step.RETRY_SCHEDULED;
    }

    private Step remove(Delivery delivery, Subscription subscription, AttemptResult result) {
        subscriptions.delete(subscription.id());
        ledger.finish(delivery.key(), DeliveryLedger.Outcome.SUBSCRIPTION_REMOVED);
        LOG.warning(() -> "Removed subscription " + subscription.id() + " (" + subscription.callbackUrl()
            + "): the callback answered " + result.describe() + ", so the flow is gone.");
        return Step.SUBSCRIPTION_REMOVED;
    }

    private void giveUp(Subscription subscription, Delivery delivery) {
        deadLetters.put(new DeadLetter(UUID.randomUUID().toString(), clock.instant(), "delivery",
            "max-attempts-exceeded", "Gave up after " + delivery.attemptsMade() + " attempts; last outcome: "
                + delivery.lastOutcome(),
            delivery.attemptsMade(), "application/json",
            Map.of("subscription-id", subscription.id(), "event-id", delivery.eventId(),
                "callback", subscription.callbackUrl().redacted(), "last-outcome", String.valueOf(delivery.lastOutcome())),
            delivery.eventJson(), delivery.eventJson().getBytes(StandardCharsets.UTF_8).length));
        LOG.warning(() -> "Gave up delivering event " + delivery.eventId() + " to subscription " + subscription.id()
            + " after " + delivery.attemptsMade() + " attempts (last: " + delivery.lastOutcome() + "); kept as a dead letter.");
    }
}
