package com.synapselinkhealth.azure.tables;

import com.synapselinkhealth.store.SubscriptionStore;
import com.synapselinkhealth.store.SubscriptionStoreContract;
import com.synapselinkhealth.testing.Azurite;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(Azurite.class)
class AzureSubscriptionStoreTest extends SubscriptionStoreContract {
    @Override
    protected SubscriptionStore newStore() {
        return new TableSubscriptionStore(Azurite.tables(), Azurite.freshTableNames());
    }
}
