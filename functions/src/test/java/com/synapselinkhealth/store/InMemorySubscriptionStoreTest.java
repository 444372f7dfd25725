package com.synapselinkhealth.store;

import com.synapselinkhealth.store.memory.InMemorySubscriptionStore;
import com.synapselinkhealth.subscriptions.SubscriptionStore;

class InMemorySubscriptionStoreTest extends SubscriptionStoreContract {
    @Override
    protected SubscriptionStore newStore() {
        return new InMemorySubscriptionStore();
    }
}
