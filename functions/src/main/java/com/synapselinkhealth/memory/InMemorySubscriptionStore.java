package com.synapselinkhealth.memory;

import com.synapselinkhealth.store.SubscriptionStore;
import com.synapselinkhealth.subscriptions.Subscription;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Subscriptions in memory. */
public final class InMemorySubscriptionStore implements SubscriptionStore {
    private final ConcurrentMap<String, Subscription> subscriptions = new ConcurrentHashMap<>();

    @Override
    public synchronized void save(Subscription subscription) {
        subscriptions.put(subscription.id(), subscription);
    }

    @Override
    public Optional<Subscription> find(String id) {
        return Optional.ofNullable(subscriptions.get(id));
    }

    @Override
    public boolean replace(Subscription subscription) {
        return subscriptions.replace(subscription.id(), subscription) != null;
    }

    @Override
    public boolean delete(String id) {
        return subscriptions.remove(id) != null;
    }

    @Override
    public synchronized boolean saveWithin(Subscription subscription, int max) {
        if (subscriptions.size() >= max) {
            return false;
        }
        subscriptions.put(subscription.id(), subscription);
        return true;
    }

    @Override
    public List<Subscription> list() {
        return List.copyOf(subscriptions.values());
    }
}
