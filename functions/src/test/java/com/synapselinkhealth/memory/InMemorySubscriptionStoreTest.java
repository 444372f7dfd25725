package com.synapselinkhealth.memory;

import com.synapselinkhealth.store.SubscriptionStore;
import com.synapselinkhealth.store.SubscriptionStoreContract;

class InMemorySubscriptionStoreTest extends SubscriptionStoreContract {
    @Override
    protected SubscriptionStore newStore() {
        return new InMemorySubscriptionStore();
    }
}
