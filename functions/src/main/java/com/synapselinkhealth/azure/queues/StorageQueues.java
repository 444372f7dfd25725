package com.synapselinkhealth.azure.queues;

import com.azure.core.credential.TokenCredential;
import com.azure.storage.queue.QueueClient;
import com.azure.storage.queue.QueueClientBuilder;
import com.azure.storage.queue.QueueMessageEncoding;
import com.azure.storage.queue.models.QueueMessageDecodingError;
import com.synapselinkhealth.delivery.DeliveryQueue;
import com.synapselinkhealth.ingest.IngestQueue;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The Azure Storage account's queues, opened with the Functions host's message encoding: base64 of the UTF-8
 * text (the queue extension's default, {@code extensions.queues.messageEncoding} in host.json). A message one
 * side writes, the other reads: the webhook's queue output binding and {@code serve} write the same bytes, and
 * the host's queue trigger and {@code serve}'s {@link QueueConsumer} read them the same way.
 */
public final class StorageQueues {
    /** Accepted callbacks waiting for the health rules ({@code ProcessIngestQueue}). */
    public static final String INGEST = IngestQueue.NAME;
    /** Pending deliveries of events to flows ({@code DeliverEvent}). */
    public static final String DELIVERY = DeliveryQueue.NAME;
    /** The Functions host moves a message that failed its last try to {@code <queue>-poison}. */
    public static final String POISON_SUFFIX = "-poison";

    private final Supplier<QueueClientBuilder> builders;

    private StorageQueues(Supplier<QueueClientBuilder> builders) {
        this.builders = builders;
    }

    /** A connection string, {@code UseDevelopmentStorage=true} included. */
    public static StorageQueues connectionString(String connectionString) {
        Objects.requireNonNull(connectionString, "'connectionString' cannot be null.");
        return new StorageQueues(() -> new QueueClientBuilder().connectionString(connectionString));
    }

    /** The queue service endpoint ({@code https://<account>.queue.core.windows.net}) with an Entra ID credential. */
    public static StorageQueues endpoint(String endpoint, TokenCredential credential) {
        Objects.requireNonNull(endpoint, "'endpoint' cannot be null.");
        Objects.requireNonNull(credential, "'credential' cannot be null.");
        return new StorageQueues(() -> new QueueClientBuilder().endpoint(endpoint).credential(credential));
    }

    /** The queue {@code name}; it is not created here. */
    public QueueClient queue(String name) {
        return builders.get().queueName(name).messageEncoding(QueueMessageEncoding.BASE64).buildClient();
    }

    /**
     * The queue {@code name}, handing a message that is not base64 (the host would fail to bind it) to
     * {@code undecodable} instead of failing the whole receive.
     */
    QueueClient queue(String name, Consumer<QueueMessageDecodingError> undecodable) {
        return builders.get().queueName(name).messageEncoding(QueueMessageEncoding.BASE64)
            .processMessageDecodingError(undecodable).buildClient();
    }
}
