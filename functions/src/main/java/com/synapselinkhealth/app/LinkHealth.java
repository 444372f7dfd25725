package com.synapselinkhealth.app;

import com.azure.data.tables.TableServiceClient;
import com.synapselinkhealth.azure.queues.StorageQueues;
import com.synapselinkhealth.azure.tables.TableNames;
import com.synapselinkhealth.azure.tables.TableRetention;
import com.synapselinkhealth.config.DeadLetterLimits;
import com.synapselinkhealth.config.QueueTimings;
import com.synapselinkhealth.config.Retention;
import com.synapselinkhealth.config.Settings;
import com.synapselinkhealth.dataverse.json.RemoteExecutionContextParser;
import com.synapselinkhealth.dataverse.json.RowChangeJson;
import com.synapselinkhealth.delivery.CallbackAddressPolicy;
import com.synapselinkhealth.delivery.Delivery;
import com.synapselinkhealth.delivery.DeliveryService;
import com.synapselinkhealth.delivery.json.DeliveryJson;
import com.synapselinkhealth.health.EventPublisher;
import com.synapselinkhealth.health.cloudevents.ReadyToPostEvents;
import com.synapselinkhealth.ingest.CallbackIntake;
import com.synapselinkhealth.ingest.ChangeProcessor;
import com.synapselinkhealth.ingest.QueueMessageHandler;
import com.synapselinkhealth.ingest.QueuedChangeHandler;
import com.synapselinkhealth.ingest.StallMonitor;
import com.synapselinkhealth.readback.DataverseRows;
import com.synapselinkhealth.readback.RowRefetch;
import com.synapselinkhealth.reconcile.Reconciler;
import com.synapselinkhealth.status.DigestPublisher;
import com.synapselinkhealth.status.HealthDigests;
import com.synapselinkhealth.status.StatusService;
import com.synapselinkhealth.store.RetentionRun;
import com.synapselinkhealth.store.SubscriptionStore;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * The composition root: one set of stores, built from the settings, and the use cases that work on them, which
 * {@link EntryPoints} hands to the entry points. The Functions host uses one shared instance per worker process
 * ({@link #shared()}, through {@link FunctionInjector}), created on first use; the local runner and the tests build
 * their own.
 */
public final class LinkHealth implements AutoCloseable {
    /** The delivery queue's dead letters' source. */
    private static final String DELIVERY_QUEUE_SOURCE = "delivery-queue";

    private final Settings settings;
    private final Clock clock;
    private final Stores stores;
    private final StorageQueues storageQueues;
    private final CallbackAddressPolicy callbackPolicy;
    private final ReadyToPostEvents readyToPost;
    private final Deliveries deliveries;
    private final DataverseAccess dataverse;
    private final CallbackIntake intake;
    private final ChangeProcessor processor;
    private final QueuedChangeHandler queuedChanges;
    private final QueueMessageHandler<Delivery> deliveryMessages;
    private final StallMonitor stallMonitor;
    private final StatusService status;
    private final HealthDigests digests;
    private final DigestPublisher digestPublisher;
    private RetentionRun retention;

    /**
     * @param observer also told of every new event besides delivery (the local runner prints them)
     * @param allowLocalCallbacks development only: let subscriptions call http and loopback/private addresses
     * @param storageQueues the Azure Storage queues, or {@code null} for queues in this process
     */
    private LinkHealth(Settings settings, Clock clock, Stores stores, EventPublisher observer,
                       boolean allowLocalCallbacks, StorageQueues storageQueues) {
        this.settings = Objects.requireNonNull(settings, "'settings' cannot be null.");
        this.clock = Objects.requireNonNull(clock, "'clock' cannot be null.");
        this.stores = stores;
        long maxBody = settings.maxBodyBytes();
        this.intake = new CallbackIntake(new RemoteExecutionContextParser((int) Math.min(Integer.MAX_VALUE, maxBody)),
            stores.deadLetters(), maxBody, clock, DeadLetterLimits.from(settings).bodyHeadBytes());
        Policies policies = Policies.from(settings);
        this.callbackPolicy = new CallbackAddressPolicy(allowLocalCallbacks);
        this.storageQueues = storageQueues;
        this.readyToPost = new ReadyToPostEvents(policies.statusPageLink());
        this.deliveries = new Deliveries(stores, storageQueues, callbackPolicy, policies.retrySchedule(), readyToPost,
            clock);
        EventPublisher publisher = event -> {
            deliveries.service().publish(event);
            observer.publish(event);
        };
        this.processor = new ChangeProcessor(stores.rowStates(), stores.events(), publisher, clock,
            policies.historyLimits(), policies.stallPolicy(), policies.driftPolicy());
        this.stallMonitor = new StallMonitor(stores.rowStates(), stores.events(), publisher, policies.stallPolicy(),
            clock);
        this.dataverse = new DataverseAccess(settings);
        RowRefetch refetch = new RowRefetch(stores.rowStates(), dataverse::rows, clock, RowRefetch.DEFAULT_MISS_TTL);
        int maxDequeueCount = settings.maxDequeueCount();
        this.queuedChanges = new QueuedChangeHandler(RowChangeJson::read, refetch, processor, stores.deadLetters(),
            clock, maxDequeueCount);
        this.deliveryMessages = new QueueMessageHandler<>(DELIVERY_QUEUE_SOURCE, "tries", DeliveryJson::read,
            stores.deadLetters(), clock, maxDequeueCount);
        this.status = new StatusService(stores.rowStates(), stores.events(), policies.stallPolicy(),
            policies.driftPolicy(), clock);
        this.digests = new HealthDigests(status, clock);
        this.digestPublisher = new DigestPublisher(digests, stores.events(), publisher);
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
        return new LinkHealth(settings, clock, Stores.inMemory(settings), observer, allowLocalCallbacks, null);
    }

    /**
     * The stores the settings choose (see {@code StorageChoice}): Azure Tables when {@code AzureWebJobsStorage} (or its
     * identity-based form) is set, else the embedded in-memory stores.
     */
    public static LinkHealth fromSettings(Settings settings, Clock clock, EventPublisher observer, boolean allowLocalCallbacks) {
        Optional<TableServiceClient> tables = StorageChoice.tables(settings);
        if (tables.isEmpty()) {
            return inMemory(settings, clock, observer, allowLocalCallbacks);
        }
        TableNames names = StorageChoice.tableNames(settings);
        StorageQueues queues = StorageChoice.queues(settings).orElse(null);
        String ledgerTable = StorageChoice.deliveryLedgerTable(settings);
        Stores stores = Stores.azure(tables.get(), names, ledgerTable, QueueTimings.from(settings).lease());
        LinkHealth app = new LinkHealth(settings, clock, stores, observer, allowLocalCallbacks, queues);
        TableRetention retention = TableRetention.of(tables.get(), names, ledgerTable, Retention.from(settings));
        app.retention = () -> retention.run(app.clock.instant());
        return app;
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

    /** The stores, for a look at what the use cases kept. */
    public Stores stores() {
        return stores;
    }

    /** Whether the stores are durable (Azure Tables) rather than in memory. */
    public boolean isDurable() {
        return stores.isDurable();
    }

    /**
     * The Azure Storage queues when storage is configured (the ingest and delivery queues live there, and
     * {@code serve} works them), else empty: the queues are in this process.
     */
    Optional<StorageQueues> storageQueues() {
        return Optional.ofNullable(storageQueues);
    }

    /** Accepts a callback: parses it, and answers what to queue or why it is refused (kept as a dead letter). */
    public CallbackIntake intake() {
        return intake;
    }

    /** Works the ingest queue's messages: read-back when needed, the rules, dead letters on the last attempt. */
    public QueuedChangeHandler queuedChanges() {
        return queuedChanges;
    }

    /** Runs the health rules on one change (after any read-back). */
    public ChangeProcessor processor() {
        return processor;
    }

    /** Reads the delivery queue's messages; a message that cannot be delivered is kept on its last try. */
    QueueMessageHandler<Delivery> deliveryMessages() {
        return deliveryMessages;
    }

    /** Delivers events to the subscribed flows, one attempt at a time. */
    DeliveryService delivery() {
        return deliveries.service();
    }

    /** Waits until no delivery is due or waiting for a retry (on the Storage queue: until it is empty). */
    public boolean awaitDeliveries(long timeoutMillis) throws InterruptedException {
        return deliveries.awaitIdle(timeoutMillis);
    }

    /** The flows' subscriptions, which the connector's triggers make and remove. */
    public SubscriptionStore subscriptions() {
        return stores.subscriptions();
    }

    /** Which callback URLs a subscription may have. */
    CallbackAddressPolicy callbackPolicy() {
        return callbackPolicy;
    }

    /** Raises TableSyncStalled for the tables whose last sync is older than their schedule allows. */
    StallMonitor stallMonitor() {
        return stallMonitor;
    }

    /** The read side: profiles, their health and tables, recent events. */
    StatusService status() {
        return status;
    }

    /** The health digest read model: one report per organization, from the status of every profile's tables. */
    public HealthDigests digests() {
        return digests;
    }

    /** Makes the scheduled digest: stores each organization's HealthDigest event and delivers it like every event. */
    public DigestPublisher digestPublisher() {
        return digestPublisher;
    }

    /** Events as flows get them: the CloudEvent plus a Teams card and a Markdown message linking to the status page. */
    public ReadyToPostEvents readyToPost() {
        return readyToPost;
    }

    /** Reconciliation against the Web API, or empty when no Dataverse environment is configured. */
    public Optional<Reconciler> reconciler() {
        return dataverse().map(rows -> new Reconciler(rows, processor));
    }

    /**
     * The removal of events, dead letters and delivery records past their retention in Azure Tables, or empty with the
     * in-memory stores (bounded by count instead).
     */
    public Optional<RetentionRun> retention() {
        return Optional.ofNullable(retention);
    }

    /**
     * The Dataverse Web API reader of {@code DATAVERSE_ENVIRONMENT_URL} (with {@code DATAVERSE_ACCESS_TOKEN}, else
     * {@code DefaultAzureCredential}), made on first use; empty when the environment is not set.
     */
    public Optional<DataverseRows> dataverse() {
        return dataverse.rows();
    }

    /** Whether the Web API reader has been made (it is made on first need, never for a webhook's 202). */
    public boolean isDataverseOpen() {
        return dataverse.isOpen();
    }

    /** Reads Dataverse through {@code rows} instead of the settings' environment (the CLI's flags, tests). */
    public LinkHealth useDataverse(DataverseRows rows) {
        dataverse.use(rows);
        return this;
    }

    @Override
    public void close() {
        deliveries.close();
    }
}
