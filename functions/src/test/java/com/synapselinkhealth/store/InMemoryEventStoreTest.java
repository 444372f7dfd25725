package com.synapselinkhealth.store;

import com.synapselinkhealth.store.memory.InMemoryEventStore;

class InMemoryEventStoreTest extends EventStoreContract {
    @Override
    protected EventStore newStore() {
        return new InMemoryEventStore();
    }
}
