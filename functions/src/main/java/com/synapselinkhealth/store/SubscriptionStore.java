package com.synapselinkhealth.store;

import com.synapselinkhealth.subscriptions.Subscription;
import java.util.List;
import java.util.Optional;

/** The flows' trigger subscriptions. */
public interface SubscriptionStore {
    void save(Subscription subscription);

    Optional<Subscription> find(String id);

    /**
     * Updates a subscription only while it still exists, atomically, so an update made after a delivery attempt
     * cannot bring back a subscription the flow deleted meanwhile.
     *
     * @return true when it existed and was updated
     */
    boolean replace(Subscription subscription);

    /** @return true when it existed */
    boolean delete(String id);

    List<Subscription> list();

    /**
     * Saves a new subscription only while fewer than {@code max} exist (the per-deployment cap).
     *
     * @return false, saving nothing, when {@code max} already exist
     */
    default boolean saveWithin(Subscription subscription, int max) {
        if (list().size() >= max) {
            return false;
        }
        save(subscription);
        return true;
    }
}
