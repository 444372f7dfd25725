package com.synapselinkhealth.store;

import com.synapselinkhealth.store.memory.InMemoryDeadLetterStore;

class InMemoryDeadLetterStoreTest extends DeadLetterStoreContract {
    @Override
    protected DeadLetterStore newStore() {
        return new InMemoryDeadLetterStore();
    }
}
