package com.synapselinkhealth.store;

import static com.synapselinkhealth.store.DeliveryLedger.Claim.CLAIMED;
import static com.synapselinkhealth.store.DeliveryLedger.Claim.FINISHED;
import static com.synapselinkhealth.store.DeliveryLedger.Claim.TAKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** What every delivery ledger does; run against the in-memory one and the Azure Table one. */
public abstract class DeliveryLedgerContract {
    protected abstract DeliveryLedger ledger();

    private final String key = UUID.randomUUID() + "/" + "evt:" + UUID.randomUUID();

    @Test
    void theFirstClaimOfAnAttemptWinsAndACopyOfItIsTaken() {
        DeliveryLedger ledger = ledger();
        assertEquals(CLAIMED, ledger.claim(key, 1));
        assertNotEquals(CLAIMED, ledger.claim(key, 1), "a second copy of attempt 1 while it is made");
    }

    @Test
    void afterARetryIsScheduledOnlyTheNextAttemptCanBeClaimed() {
        DeliveryLedger ledger = ledger();
        assertEquals(CLAIMED, ledger.claim(key, 1));
        ledger.release(key, 1);
        assertEquals(TAKEN, ledger.claim(key, 1), "attempt 1 was made");
        assertEquals(CLAIMED, ledger.claim(key, 2));
        assertNotEquals(CLAIMED, ledger.claim(key, 2));
        assertFalse(ledger.isFinished(key));
    }

    @Test
    void theNextAttemptMayBeClaimedBeforeTheLastOneIsReleased() {
        DeliveryLedger ledger = ledger();
        assertEquals(CLAIMED, ledger.claim(key, 1));
        assertEquals(CLAIMED, ledger.claim(key, 2), "its message exists only once attempt 1 failed");
        ledger.release(key, 1);
        assertNotEquals(CLAIMED, ledger.claim(key, 2), "the late release of attempt 1 does not free attempt 2");
    }

    @Test
    void aFinishedDeliveryIsNeverClaimedAgain() {
        DeliveryLedger ledger = ledger();
        assertEquals(CLAIMED, ledger.claim(key, 1));
        ledger.finish(key, DeliveryLedger.Outcome.DELIVERED);
        assertTrue(ledger.isFinished(key));
        assertTrue(ledger.isDelivered(key));
        assertEquals(FINISHED, ledger.claim(key, 1));
        assertEquals(FINISHED, ledger.claim(key, 2));
    }

    @Test
    void givingUpFinishesWithoutDelivering() {
        DeliveryLedger ledger = ledger();
        assertEquals(CLAIMED, ledger.claim(key, 1));
        ledger.finish(key, DeliveryLedger.Outcome.GAVE_UP);
        assertTrue(ledger.isFinished(key));
        assertFalse(ledger.isDelivered(key));
        assertEquals(FINISHED, ledger.claim(key, 2));
    }

    @Test
    void anAbandonedAttemptCanBeClaimedAgainAtOnce() {
        DeliveryLedger ledger = ledger();
        assertEquals(CLAIMED, ledger.claim(key, 1));
        ledger.abandon(key, 1);
        assertEquals(CLAIMED, ledger.claim(key, 1));
    }

    @Test
    void ofManyWorkersRacingForTheSameAttemptExactlyOneWins() throws Exception {
        DeliveryLedger ledger = ledger();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Callable<DeliveryLedger.Claim>> racers = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                racers.add(() -> ledger.claim(key, 1));
            }
            int won = 0;
            for (Future<DeliveryLedger.Claim> f : pool.invokeAll(racers)) {
                won += f.get() == CLAIMED ? 1 : 0;
            }
            assertEquals(1, won);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void unknownDeliveriesAreNeitherFinishedNorDelivered() {
        assertFalse(ledger().isFinished(key));
        assertFalse(ledger().isDelivered(key));
    }
}
