package com.synapselinkhealth.app;

import com.azure.data.tables.TableServiceClient;
import com.synapselinkhealth.azure.tables.TableDeadLetterStore;
import com.synapselinkhealth.azure.tables.TableDeliveryLedger;
import com.synapselinkhealth.azure.tables.TableEventStore;
import com.synapselinkhealth.azure.tables.TableNames;
import com.synapselinkhealth.azure.tables.TableRowStateStore;
import com.synapselinkhealth.azure.tables.TableSubscriptionStore;
import com.synapselinkhealth.config.DeadLetterLimits;
import com.synapselinkhealth.config.Settings;
import com.synapselinkhealth.memory.InMemoryDeadLetterStore;
import com.synapselinkhealth.memory.InMemoryDeliveryLedger;
import com.synapselinkhealth.memory.InMemoryEventStore;
import com.synapselinkhealth.memory.InMemoryRowStateStore;
import com.synapselinkhealth.memory.InMemorySubscriptionStore;
import com.synapselinkhealth.store.DeadLetterStore;
import com.synapselinkhealth.store.DeliveryLedger;
import com.synapselinkhealth.store.EventStore;
import com.synapselinkhealth.store.RowStateStore;
import com.synapselinkhealth.store.SubscriptionStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * The stores of one app: all in Azure Tables, or all in memory.
 *
 * @param rowStates the last known state (and history) of every state-table row
 * @param events the health events raised
 * @param deadLetters what could not be used, kept for a person to inspect
 * @param subscriptions the flows' trigger subscriptions
 * @param deliveryLedger which deliveries were claimed and how they ended
 */
public record Stores(RowStateStore rowStates, EventStore events, DeadLetterStore deadLetters,
                     SubscriptionStore subscriptions, DeliveryLedger deliveryLedger) {
    public Stores {
        Objects.requireNonNull(rowStates, "'rowStates' cannot be null.");
        Objects.requireNonNull(events, "'events' cannot be null.");
        Objects.requireNonNull(deadLetters, "'deadLetters' cannot be null.");
        Objects.requireNonNull(subscriptions, "'subscriptions' cannot be null.");
        Objects.requireNonNull(deliveryLedger, "'deliveryLedger' cannot be null.");
    }

    /** The embedded in-memory stores, the dead letters bounded by {@link DeadLetterLimits}. */
    static Stores inMemory(Settings settings) {
        DeadLetterLimits letters = DeadLetterLimits.from(settings);
        return new Stores(new InMemoryRowStateStore(), new InMemoryEventStore(),
            new InMemoryDeadLetterStore(letters.maxCount(), letters.maxBytes()), new InMemorySubscriptionStore(),
            new InMemoryDeliveryLedger(100_000));
    }

    /**
     * The Azure Tables stores.
     *
     * @param ledgerTable the delivery ledger's table
     * @param lease how long a delivery attempt's claim holds; claims are compared across instances, so their leases run
     *     on the wall clock, whatever clock the app has
     */
    static Stores azure(TableServiceClient tables, TableNames names, String ledgerTable, Duration lease) {
        DeliveryLedger ledger = new TableDeliveryLedger(tables, ledgerTable, lease, Clock.systemUTC());
        return new Stores(new TableRowStateStore(tables, names), new TableEventStore(tables, names),
            new TableDeadLetterStore(tables, names), new TableSubscriptionStore(tables, names), ledger);
    }

    /** Whether the stores are durable (Azure Tables) rather than in memory. */
    public boolean isDurable() {
        return !(rowStates instanceof InMemoryRowStateStore);
    }
}
