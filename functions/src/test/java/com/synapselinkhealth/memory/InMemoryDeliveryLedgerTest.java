package com.synapselinkhealth.memory;

import com.synapselinkhealth.store.DeliveryLedger;
import com.synapselinkhealth.store.DeliveryLedgerContract;

class InMemoryDeliveryLedgerTest extends DeliveryLedgerContract {
    private final InMemoryDeliveryLedger ledger = new InMemoryDeliveryLedger(100);

    @Override
    protected DeliveryLedger ledger() {
        return ledger;
    }
}
