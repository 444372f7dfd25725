package com.synapselinkhealth.health;


/**
 * Where new events go after they are stored (delivery to subscriptions, a console). Called at least once per
 * event: an implementation must tolerate the same event id twice.
 */
@FunctionalInterface
public interface EventPublisher {
    EventPublisher NONE = event -> { };

    void publish(HealthEvent event);
}
