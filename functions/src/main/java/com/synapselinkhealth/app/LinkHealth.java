package com.synapselinkhealth.app;

import com.synapselinkhealth.azure.queues.StorageDeliveryQueue;
import com.synapselinkhealth.azure.queues.StorageQueues;
import com.synapselinkhealth.azure.tables.TableDeliveryLedger;
import com.synapselinkhealth.config.QueueTimings;
import com.synapselinkhealth.config.Settings;
import com.synapselinkhealth.dataverse.json.RemoteExecutionContextParser;
import com.synapselinkhealth.delivery.CallbackAddressPolicy;
import com.synapselinkhealth.delivery.DeliveryQueue;
import com.synapselinkhealth.delivery.DeliveryService;
import com.synapselinkhealth.delivery.http.CallbackSender;
import com.synapselinkhealth.health.DriftPolicy;
import com.synapselinkhealth.health.EventPublisher;
import com.synapselinkhealth.history.HistoryLimits;
import com.synapselinkhealth.ingest.CallbackIntake;
import com.synapselinkhealth.ingest.ChangeProcessor;
import com.synapselinkhealth.ingest.StallMonitor;
import com.synapselinkhealth.memory.InMemoryDeadLetterStore;
import com.synapselinkhealth.memory.InMemoryDeliveryLedger;
import com.synapselinkhealth.memory.InMemoryDeliveryQueue;
import com.synapselinkhealth.memory.InMemoryEventStore;
import com.synapselinkhealth.memory.InMemoryRowStateStore;
import com.synapselinkhealth.memory.InMemorySubscriptionStore;
import com.synapselinkhealth.store.DeadLetterStore;
import com.synapselinkhealth.store.DeliveryLedger;
import com.synapselinkhealth.store.EventStore;
import com.synapselinkhealth.store.RowStateStore;
import com.synapselinkhealth.store.SubscriptionStore;
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
    private final DeliveryQueue deliveryQueue;
    private final DeliveryLedger deliveryLedger;
    private final StorageQueues storageQueues;
    private final com.synapselinkhealth.delivery.RetrySchedule retrySchedule;
    private final com.synapselinkhealth.health.cloudevents.ReadyToPostEvents readyToPost;
    private DeliveryService delivery;
    private final java.util.Optional<java.net.URI> dataverseEnvironment;
    private final com.synapselinkhealth.readback.RowRefetch refetch;
    private java.util.Optional<com.synapselinkhealth.readback.DataverseRows> dataverse;
    private final Object dataverseLock = new Object();
    private com.synapselinkhealth.azure.tables.TableRetention retention;
    /** Told of every new event besides delivery (the local runner prints them). */
    private final EventPublisher observer;

    private LinkHealth(Settings settings, Clock clock, RowStateStore rowStates, EventStore events,
                       DeadLetterStore deadLetters, SubscriptionStore subscriptions, EventPublisher observer,
                       boolean allowLocalCallbacks, StorageQueues storageQueues, DeliveryLedger deliveryLedger) {
        this.settings = Objects.requireNonNull(settings, "'settings' cannot be null.");
        this.clock = Objects.requireNonNull(clock, "'clock' cannot be null.");
        this.rowStates = rowStates;
        this.events = events;
        this.deadLetters = deadLetters;
        long maxBody = settings.maxBodyBytes();
        this.intake = new CallbackIntake(new RemoteExecutionContextParser((int) Math.min(Integer.MAX_VALUE, maxBody)),
            deadLetters, maxBody, clock, com.synapselinkhealth.config.DeadLetterLimits.from(settings).bodyHeadBytes());
        this.subscriptions = subscriptions;
        this.callbackPolicy = new CallbackAddressPolicy(allowLocalCallbacks);
        this.storageQueues = storageQueues;
        this.deliveryQueue = storageQueues == null ? new InMemoryDeliveryQueue(16) : new StorageDeliveryQueue(storageQueues);
        this.deliveryLedger = deliveryLedger;
        this.retrySchedule = settings.deliveryRetrySchedule();
        this.readyToPost = new com.synapselinkhealth.health.cloudevents.ReadyToPostEvents(settings.statusPageLink());
        this.observer = observer;
        EventPublisher publisher = event -> {
            delivery().publish(event);
            observer.publish(event);
        };
        this.processor = new ChangeProcessor(rowStates, events, publisher, clock,
            new HistoryLimits(settings.rowHistoryVersions(), settings.rowHistoryMaxAge()), settings.stallPolicy(),
            driftPolicy(settings));
        this.stallMonitor = new StallMonitor(rowStates, events, publisher, settings.stallPolicy(), clock);
        this.dataverseEnvironment = settings.dataverseEnvironment();
        settings.dataverseAccessToken(); // checked now, so a bad one stops start-up rather than every refetch
        this.refetch = new com.synapselinkhealth.readback.RowRefetch(rowStates, this::dataverse, clock,
            com.synapselinkhealth.readback.RowRefetch.DEFAULT_MISS_TTL);
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
        com.synapselinkhealth.config.DeadLetterLimits letters = com.synapselinkhealth.config.DeadLetterLimits.from(settings);
        return new LinkHealth(settings, clock, new InMemoryRowStateStore(), new InMemoryEventStore(),
            new InMemoryDeadLetterStore(letters.maxCount(), letters.maxBytes()), new InMemorySubscriptionStore(),
            observer, allowLocalCallbacks, null,
            new InMemoryDeliveryLedger(100_000));
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
        com.synapselinkhealth.azure.tables.TableNames names = StorageChoice.tableNames(settings);
        StorageQueues queues = StorageChoice.queues(settings).orElse(null);
        // claims are compared across instances, so their leases run on the wall clock, whatever clock the app has
        DeliveryLedger ledger = new TableDeliveryLedger(tables.get(), StorageChoice.deliveryLedgerTable(settings),
            QueueTimings.from(settings).lease(), Clock.systemUTC());
        LinkHealth app = new LinkHealth(settings, clock,
            new com.synapselinkhealth.azure.tables.TableRowStateStore(tables.get(), names),
            new com.synapselinkhealth.azure.tables.TableEventStore(tables.get(), names),
            new com.synapselinkhealth.azure.tables.TableDeadLetterStore(tables.get(), names),
            new com.synapselinkhealth.azure.tables.TableSubscriptionStore(tables.get(), names),
            observer, allowLocalCallbacks, queues, ledger);
        app.retention = com.synapselinkhealth.azure.tables.TableRetention.of(tables.get(), names,
            StorageChoice.deliveryLedgerTable(settings), com.synapselinkhealth.config.Retention.from(settings));
        return app;
    }

    /**
     * The removal of events, dead letters and delivery records past their retention in Azure Tables, or empty with the
     * in-memory stores (bounded by count instead).
     */
    public java.util.Optional<com.synapselinkhealth.azure.tables.TableRetention> retention() {
        return java.util.Optional.ofNullable(retention);
    }

    /** When a lake's row count counts as drifting, from the {@code LINKHEALTH_DRIFT_*} settings. */
    public static DriftPolicy driftPolicy(Settings settings) {
        return new DriftPolicy(settings.driftSyncs(), settings.driftMinRows(), settings.driftPercent());
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

    /**
     * The Azure Storage queues when storage is configured (the ingest and delivery queues live there, and
     * {@code serve} works them), else empty: the queues are in this process.
     */
    public java.util.Optional<StorageQueues> storageQueues() {
        return java.util.Optional.ofNullable(storageQueues);
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
            delivery = new DeliveryService(subscriptions, deliveryQueue, deliveryLedger,
                new CallbackSender(callbackPolicy), deadLetters, retrySchedule, clock,
                () -> ThreadLocalRandom.current().nextDouble(), readyToPost()::toJson);
            if (deliveryQueue instanceof InMemoryDeliveryQueue local) {
                local.workWith(delivery::attempt);
            }
        }
        return delivery;
    }

    /**
     * The Dataverse Web API reader of {@code DATAVERSE_ENVIRONMENT_URL} (with {@code DATAVERSE_ACCESS_TOKEN}, else
     * {@code DefaultAzureCredential}), made on first use; empty when the environment is not set.
     */
    public java.util.Optional<com.synapselinkhealth.readback.DataverseRows> dataverse() {
        synchronized (dataverseLock) { // not the delivery()'s lock: opening netty and identity must not hold up fan-out
            if (dataverse == null) {
                dataverse = dataverseEnvironment.map(url -> DataverseConnection.open(url, settings));
            }
            return dataverse;
        }
    }

    /** Whether the Web API reader has been made (it is made on first need, never for a webhook's 202). */
    public boolean isDataverseOpen() {
        synchronized (dataverseLock) {
            return dataverse != null && dataverse.isPresent();
        }
    }

    /** Reads Dataverse through {@code rows} instead of the settings' environment (the CLI's flags, tests). */
    public LinkHealth useDataverse(com.synapselinkhealth.readback.DataverseRows rows) {
        synchronized (dataverseLock) {
            this.dataverse = java.util.Optional.of(rows);
        }
        return this;
    }

    /** Completes callbacks that came without the row data the rules need, before they are processed. */
    public com.synapselinkhealth.readback.RowRefetch refetch() {
        return refetch;
    }

    /** Reconciliation against the Web API, or empty when no Dataverse environment is configured. */
    public java.util.Optional<com.synapselinkhealth.reconcile.Reconciler> reconciler() {
        return dataverse().map(rows -> new com.synapselinkhealth.reconcile.Reconciler(rows, processor));
    }

    /** Events as flows get them: the CloudEvent plus a Teams card and a Markdown message linking to the status page. */
    public com.synapselinkhealth.health.cloudevents.ReadyToPostEvents readyToPost() {
        return readyToPost;
    }

    /** Waits until no delivery is due or waiting for a retry (on the Storage queue: until it is empty). */
    public boolean awaitDeliveries(long timeoutMillis) throws InterruptedException {
        return deliveryQueue instanceof InMemoryDeliveryQueue local ? local.awaitIdle(timeoutMillis)
            : ((StorageDeliveryQueue) deliveryQueue).awaitEmpty(timeoutMillis);
    }

    /**
     * The health digest read model: one report per organization, from the status of every profile's tables (the
     * {@code LINKHEALTH_STALL_*} and {@code LINKHEALTH_DRIFT_*} settings as the status uses them).
     */
    public com.synapselinkhealth.status.HealthDigests digests() {
        com.synapselinkhealth.status.StatusService status = new com.synapselinkhealth.status.StatusService(rowStates,
            events, settings.stallPolicy(), driftPolicy(settings), clock);
        return new com.synapselinkhealth.status.HealthDigests(status, clock);
    }

    /** Makes the scheduled digest: stores each organization's HealthDigest event and delivers it like every event. */
    public com.synapselinkhealth.status.DigestPublisher digestPublisher() {
        return new com.synapselinkhealth.status.DigestPublisher(digests(), events, event -> {
            delivery().publish(event);
            observer.publish(event);
        });
    }

    @Override
    public void close() {
        if (deliveryQueue instanceof InMemoryDeliveryQueue local) {
            local.close();
        }
    }
}
