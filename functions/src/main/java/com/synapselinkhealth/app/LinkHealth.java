package com.synapselinkhealth.app;

import com.synapselinkhealth.config.Settings;
import com.synapselinkhealth.dataverse.json.RemoteExecutionContextParser;
import com.synapselinkhealth.ingest.CallbackIntake;
import com.synapselinkhealth.ingest.ChangeProcessor;
import com.synapselinkhealth.ingest.EventPublisher;
import com.synapselinkhealth.ingest.StallMonitor;
import com.synapselinkhealth.store.DeadLetterStore;
import com.synapselinkhealth.store.EventStore;
import com.synapselinkhealth.store.RowStateStore;
import com.synapselinkhealth.store.memory.InMemoryDeadLetterStore;
import com.synapselinkhealth.store.memory.InMemoryEventStore;
import com.synapselinkhealth.store.memory.InMemoryRowStateStore;
import com.synapselinkhealth.store.memory.InMemorySubscriptionStore;
import com.synapselinkhealth.delivery.CallbackAddressPolicy;
import com.synapselinkhealth.delivery.CallbackSender;
import com.synapselinkhealth.delivery.DeliveryService;
import com.synapselinkhealth.delivery.InMemoryDeliveryLedger;
import com.synapselinkhealth.delivery.InMemoryDeliveryQueue;
import com.synapselinkhealth.subscriptions.SubscriptionStore;
import java.util.concurrent.ThreadLocalRandom;
import java.time.Clock;
import java.util.Objects;

/**
 * The composition root: one set of stores and services, built from the settings. The Functions host uses one
 * shared instance per worker process ({@link #shared()}), created on first use; the local runner and the tests
 * build their own.
 */
public final class LinkHealth implements AutoCloseable {
    private final Settings settings;
    private final Clock clock;
    private final RowStateStore rowStates;
    private final EventStore events;
    private final DeadLetterStore deadLetters;
    private final CallbackIntake intake;
    private final ChangeProcessor processor;
    private final StallMonitor stallMonitor;
    private final SubscriptionStore subscriptions;
    private final CallbackAddressPolicy callbackPolicy;
    private final InMemoryDeliveryQueue deliveryQueue;
    private final com.synapselinkhealth.delivery.RetrySchedule retrySchedule;
    private DeliveryService delivery;

    private LinkHealth(Settings settings, Clock clock, RowStateStore rowStates, EventStore events,
                       DeadLetterStore deadLetters, SubscriptionStore subscriptions, EventPublisher observer,
                       boolean allowLocalCallbacks) {
        this.settings = Objects.requireNonNull(settings, "'settings' cannot be null.");
        this.clock = Objects.requireNonNull(clock, "'clock' cannot be null.");
        this.rowStates = rowStates;
        this.events = events;
        this.deadLetters = deadLetters;
        long maxBody = settings.maxBodyBytes();
        this.intake = new CallbackIntake(new RemoteExecutionContextParser((int) Math.min(Integer.MAX_VALUE, maxBody)),
            deadLetters, maxBody, clock);
        this.subscriptions = subscriptions;
        this.callbackPolicy = new CallbackAddressPolicy(allowLocalCallbacks);
        this.deliveryQueue = new InMemoryDeliveryQueue(16);
        this.retrySchedule = settings.deliveryRetrySchedule();
        EventPublisher publisher = event -> {
            delivery().publish(event);
            observer.publish(event);
        };
        this.processor = new ChangeProcessor(rowStates, events, publisher, clock);
        this.stallMonitor = new StallMonitor(rowStates, events, publisher, settings.stallPolicy(), clock);
    }

    /** Embedded in-memory stores: the default when no storage is configured. */
    public static LinkHealth inMemory(Settings settings, Clock clock, EventPublisher observer) {
        return inMemory(settings, clock, observer, false);
    }

    /**
     * @param observer also told of every new event (the local runner prints them)
     * @param allowLocalCallbacks development only: let subscriptions call http and loopback/private addresses
     */
    public static LinkHealth inMemory(Settings settings, Clock clock, EventPublisher observer, boolean allowLocalCallbacks) {
        return new LinkHealth(settings, clock, new InMemoryRowStateStore(), new InMemoryEventStore(),
            new InMemoryDeadLetterStore(), new InMemorySubscriptionStore(), observer, allowLocalCallbacks);
    }

    /**
     * The stores the settings choose (see {@code StorageChoice}): Azure Tables when {@code AzureWebJobsStorage} (or its
     * identity-based form) is set, else the embedded in-memory stores.
     */
    public static LinkHealth fromSettings(Settings settings, Clock clock, EventPublisher observer, boolean allowLocalCallbacks) {
        java.util.Optional<com.azure.data.tables.TableServiceClient> tables = StorageChoice.tables(settings);
        if (tables.isEmpty()) {
            return inMemory(settings, clock, observer, allowLocalCallbacks);
        }
        com.synapselinkhealth.store.azure.TableNames names = StorageChoice.tableNames(settings);
        return new LinkHealth(settings, clock,
            new com.synapselinkhealth.store.azure.TableRowStateStore(tables.get(), names),
            new com.synapselinkhealth.store.azure.TableEventStore(tables.get(), names),
            new com.synapselinkhealth.store.azure.TableDeadLetterStore(tables.get(), names),
            new com.synapselinkhealth.store.azure.TableSubscriptionStore(tables.get(), names),
            observer, allowLocalCallbacks);
    }

    /** Whether the stores are durable (Azure Tables) rather than in memory. */
    public boolean isDurable() {
        return !(rowStates instanceof InMemoryRowStateStore);
    }

    private static final class Shared {
        static final LinkHealth INSTANCE = fromSettings(Settings.fromEnvironment(), Clock.systemUTC(), EventPublisher.NONE,
            false);
    }

    /** The instance the Functions host's entry points use, built from the app settings on first use. */
    public static LinkHealth shared() {
        return Shared.INSTANCE;
    }

    public Settings settings() {
        return settings;
    }

    public Clock clock() {
        return clock;
    }

    public RowStateStore rowStates() {
        return rowStates;
    }

    public EventStore events() {
        return events;
    }

    public DeadLetterStore deadLetters() {
        return deadLetters;
    }

    public CallbackIntake intake() {
        return intake;
    }

    public ChangeProcessor processor() {
        return processor;
    }

    public StallMonitor stallMonitor() {
        return stallMonitor;
    }

    public SubscriptionStore subscriptions() {
        return subscriptions;
    }

    public CallbackAddressPolicy callbackPolicy() {
        return callbackPolicy;
    }

    /**
     * The delivery service, made on first use: its HTTP client (Netty) is not needed to accept a webhook, so it is not
     * built at start-up.
     */
    public synchronized DeliveryService delivery() {
        if (delivery == null) {
            delivery = new DeliveryService(subscriptions, deliveryQueue, new InMemoryDeliveryLedger(100_000),
                new CallbackSender(callbackPolicy), deadLetters, retrySchedule, clock,
                () -> ThreadLocalRandom.current().nextDouble());
            deliveryQueue.workWith(delivery::attempt);
        }
        return delivery;
    }

    /** Waits until no delivery is due or waiting for a retry. */
    public boolean awaitDeliveries(long timeoutMillis) throws InterruptedException {
        return deliveryQueue.awaitIdle(timeoutMillis);
    }

    @Override
    public void close() {
        deliveryQueue.close();
    }
}
