package com.synapselinkhealth.azure.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.synapselinkhealth.store.DeliveryLedger;
import com.synapselinkhealth.store.DeliveryLedgerContract;
import com.synapselinkhealth.testing.Azurite;
import com.synapselinkhealth.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(Azurite.class)
class AzureDeliveryLedgerTest extends DeliveryLedgerContract {
    private static final String TABLE = TableDeliveryLedger.tableName(Azurite.freshTableNames().rowState()
        .replace("rowstate", ""));
    private final TestClock clock = new TestClock(Instant.parse("2024-06-03T10:00:00Z"));
    private final TableDeliveryLedger ledger = new TableDeliveryLedger(Azurite.tables(), TABLE, Duration.ofSeconds(60), clock);

    @Override
    protected DeliveryLedger ledger() {
        return ledger;
    }

    @Test
    void aClaimWhoseWorkerDiedExpiresAndTheSameAttemptIsClaimedAgain() {
        String key = "sub-1/evt:lease";
        assertEquals(DeliveryLedger.Claim.CLAIMED, ledger.claim(key, 1));
        clock.advance(Duration.ofSeconds(59));
        assertEquals(DeliveryLedger.Claim.BUSY, ledger.claim(key, 1), "the lease still holds");
        clock.advance(Duration.ofSeconds(2));
        assertEquals(DeliveryLedger.Claim.CLAIMED, ledger.claim(key, 1), "the redelivered message takes over");
    }

    @Test
    void aCopyOfAnAttemptThatFailedIsTakenNotBusy() {
        String key = "sub-1/evt:waiting";
        assertEquals(DeliveryLedger.Claim.CLAIMED, ledger.claim(key, 1));
        ledger.release(key, 1);
        assertEquals(DeliveryLedger.Claim.TAKEN, ledger.claim(key, 1));
        assertEquals(Duration.ofSeconds(60), ledger.lease());
    }

    @Test
    void anotherInstanceSeesTheSameLedger() {
        String key = "sub-1/evt:shared";
        TableDeliveryLedger other = new TableDeliveryLedger(Azurite.tables(), TABLE, Duration.ofSeconds(60), clock);
        assertEquals(DeliveryLedger.Claim.CLAIMED, ledger.claim(key, 1));
        assertEquals(DeliveryLedger.Claim.BUSY, other.claim(key, 1));
        ledger.finish(key, DeliveryLedger.Outcome.DELIVERED);
        assertEquals(DeliveryLedger.Claim.FINISHED, other.claim(key, 2));
        assertEquals(Optional.of("DELIVERED"), other.state(key));
    }
}
