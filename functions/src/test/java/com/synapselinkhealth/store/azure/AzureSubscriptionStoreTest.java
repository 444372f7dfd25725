package com.synapselinkhealth.store.azure;

import com.synapselinkhealth.store.SubscriptionStoreContract;
import com.synapselinkhealth.subscriptions.SubscriptionStore;
import com.synapselinkhealth.testing.Azurite;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(Azurite.class)
class AzureSubscriptionStoreTest extends SubscriptionStoreContract {
    @Override
    protected SubscriptionStore newStore() {
        return new TableSubscriptionStore(Azurite.tables(), Azurite.freshTableNames());
    }
}
