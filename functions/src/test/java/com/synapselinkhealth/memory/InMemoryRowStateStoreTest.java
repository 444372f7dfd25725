package com.synapselinkhealth.memory;

import com.synapselinkhealth.store.RowStateStore;
import com.synapselinkhealth.store.RowStateStoreContract;

class InMemoryRowStateStoreTest extends RowStateStoreContract {
    @Override
    protected RowStateStore newStore() {
        return new InMemoryRowStateStore();
    }
}
