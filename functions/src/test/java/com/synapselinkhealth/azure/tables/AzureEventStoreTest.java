package com.synapselinkhealth.azure.tables;

import com.synapselinkhealth.store.EventStore;
import com.synapselinkhealth.store.EventStoreContract;
import com.synapselinkhealth.testing.Azurite;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(Azurite.class)
class AzureEventStoreTest extends EventStoreContract {
    @Override
    protected EventStore newStore() {
        return new TableEventStore(Azurite.tables(), Azurite.freshTableNames());
    }
}
