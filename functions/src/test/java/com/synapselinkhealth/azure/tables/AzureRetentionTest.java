package com.synapselinkhealth.azure.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.data.tables.TableClient;
import com.azure.data.tables.models.TableEntity;
import com.synapselinkhealth.app.EntryPoints;
import com.synapselinkhealth.config.Retention;
import com.synapselinkhealth.functions.RetentionTimerFunction;
import com.synapselinkhealth.local.host.LocalExecutionContext;
import com.synapselinkhealth.store.DeadLetter;
import com.synapselinkhealth.store.DeliveryLedger;
import com.synapselinkhealth.testing.Azurite;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Retention on a real Azurite with the real SDK clients: rows older than their retention go, in batches; newer stay. */
@ExtendWith(Azurite.class)
class AzureRetentionTest {
    private static int count(TableClient table) {
        int n = 0;
        for (TableEntity ignored : table.listEntities()) {
            n++;
        }
        return n;
    }

    @Test
    void rowsOlderThanTheirRetentionAreRemovedInBatchesAndNewerOnesStay() throws Exception {
        TableNames names = Azurite.freshTableNames();
        String ledgerName = "ledger" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        TableDeadLetterStore letters = new TableDeadLetterStore(Azurite.tables(), names);
        DeliveryLedger ledger = new TableDeliveryLedger(Azurite.tables(), ledgerName, Duration.ofMinutes(1),
            Clock.systemUTC());
        Instant at = Instant.parse("2026-12-01T00:00:00Z");
        for (int i = 0; i < 250; i++) { // one partition (same month): three batch transactions of at most 100
            letters.put(new DeadLetter("old-" + i, at.plusMillis(i), "webhook", "not-json", "old", 1, null, Map.of(),
                "x", 1));
            if (i < 30) {
                ledger.claim("subscription/old-" + i, 1);
            }
        }
        Thread.sleep(1_500);
        Instant cutoff = Instant.now();
        Thread.sleep(1_500);
        for (int i = 0; i < 5; i++) {
            letters.put(new DeadLetter("new-" + i, at.plusSeconds(60 + i), "webhook", "not-json", "new", 1, null, Map.of(),
                "x", 1));
            ledger.claim("subscription/new-" + i, 1);
        }
        TableClient deadLetterTable = Azurite.tables().getTableClient(names.deadLetters());
        TableClient ledgerTable = Azurite.tables().getTableClient(ledgerName);
        assertEquals(255, count(deadLetterTable));

        // bounded per run: the next run goes on
        TableRetention bounded = new TableRetention(Azurite.tables(),
            java.util.List.of(new TableRetention.Target(names.deadLetters(), Duration.ZERO.plusSeconds(1))), 120);
        assertEquals(120, bounded.purge(names.deadLetters(), cutoff));
        assertEquals(135, count(deadLetterTable));

        TableRetention retention = new TableRetention(Azurite.tables(), java.util.List.of(), 20_000);
        assertEquals(130, retention.purge(names.deadLetters(), cutoff));
        assertEquals(30, retention.purge(ledgerName, cutoff));
        assertEquals(0, retention.purge(names.deadLetters(), cutoff), "nothing more to remove");
        assertEquals(5, count(deadLetterTable));
        assertEquals(5, count(ledgerTable));
        assertTrue(letters.recent(10).stream().allMatch(d -> d.id().startsWith("new-")));

        // the defaults: nothing written just now is older than 7, 30 or 90 days
        Map<String, Integer> removed = TableRetention.of(Azurite.tables(), names, ledgerName, Retention.DEFAULT)
            .run(Instant.now());
        assertTrue(removed.values().stream().allMatch(n -> n == 0), removed.toString());
        // and 100 days on, everything is
        removed = TableRetention.of(Azurite.tables(), names, ledgerName, Retention.DEFAULT)
            .run(Instant.now().plus(Duration.ofDays(100)));
        assertEquals(5, removed.get(names.deadLetters()));
        assertEquals(5, removed.get(ledgerName));
        assertEquals(0, count(deadLetterTable));
    }

    @Test
    void theTimerFunctionDoesNothingWithTheInMemoryStores() {
        com.synapselinkhealth.app.LinkHealth app = com.synapselinkhealth.app.LinkHealth.inMemory(
            com.synapselinkhealth.config.Settings.of(Map.of()), Clock.systemUTC(),
            com.synapselinkhealth.health.EventPublisher.NONE);
        assertTrue(app.retention().isEmpty());
        EntryPoints.of(app).create(RetentionTimerFunction.class)
            .run(null, LocalExecutionContext.recording("RetentionTimer"));
    }
}
