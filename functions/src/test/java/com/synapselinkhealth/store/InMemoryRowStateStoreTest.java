package com.synapselinkhealth.store;

import com.synapselinkhealth.store.memory.InMemoryRowStateStore;

class InMemoryRowStateStoreTest extends RowStateStoreContract {
    @Override
    protected RowStateStore newStore() {
        return new InMemoryRowStateStore();
    }
}
