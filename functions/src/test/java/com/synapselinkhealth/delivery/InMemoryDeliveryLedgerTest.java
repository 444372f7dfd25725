package com.synapselinkhealth.delivery;

class InMemoryDeliveryLedgerTest extends DeliveryLedgerContract {
    private final InMemoryDeliveryLedger ledger = new InMemoryDeliveryLedger(100);

    @Override
    protected DeliveryLedger ledger() {
        return ledger;
    }
}
