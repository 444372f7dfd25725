package com.synapselinkhealth.memory;

import com.synapselinkhealth.store.EventStore;
import com.synapselinkhealth.store.EventStoreContract;

class InMemoryEventStoreTest extends EventStoreContract {
    @Override
    protected EventStore newStore() {
        return new InMemoryEventStore();
    }
}
