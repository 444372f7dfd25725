package com.synapselinkhealth.app;

import com.azure.data.tables.TableServiceClient;
import com.azure.data.tables.TableServiceClientBuilder;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.synapselinkhealth.azure.queues.StorageQueues;
import com.synapselinkhealth.azure.tables.TableDeliveryLedger;
import com.synapselinkhealth.azure.tables.TableNames;
import com.synapselinkhealth.config.Settings;
import java.util.Optional;

/**
 * Where the stores live, chosen by the standard Functions storage setting: {@code AzureWebJobsStorage} (a connection
 * string, or {@code UseDevelopmentStorage=true} for Azurite), or the identity-based
 * {@code AzureWebJobsStorage__accountName} / {@code AzureWebJobsStorage__tableServiceUri} with
 * {@code DefaultAzureCredential}. Nothing configured: the embedded in-memory stores.
 */
final class StorageChoice {
    static final String CONNECTION = "AzureWebJobsStorage";
    static final String ACCOUNT_NAME = "AzureWebJobsStorage__accountName";
    static final String TABLE_SERVICE_URI = "AzureWebJobsStorage__tableServiceUri";
    static final String TABLE_PREFIX = "LINKHEALTH_TABLE_PREFIX";
    static final String QUEUE_SERVICE_URI = "AzureWebJobsStorage__queueServiceUri";

    private StorageChoice() {
    }

    /** The Azure Tables service to use, or empty for in-memory stores. */
    static Optional<TableServiceClient> tables(Settings settings) {
        String connection = settings.get(CONNECTION);
        if (connection != null) {
            return Optional.of(new TableServiceClientBuilder().connectionString(connection).buildClient());
        }
        String endpoint = settings.get(TABLE_SERVICE_URI);
        String account = settings.get(ACCOUNT_NAME);
        if (endpoint == null && account != null) {
            endpoint = "https://" + account + ".table.core.windows.net";
        }
        if (endpoint != null) {
            return Optional.of(IdentityBased.tables(endpoint));
        }
        return Optional.empty();
    }

    /** The queues of the same account (same setting, same choice as {@link #tables}), or empty for in-memory queues. */
    static Optional<StorageQueues> queues(Settings settings) {
        String connection = settings.get(CONNECTION);
        if (connection != null) {
            return Optional.of(StorageQueues.connectionString(connection));
        }
        String endpoint = settings.get(QUEUE_SERVICE_URI);
        String account = settings.get(ACCOUNT_NAME);
        if (endpoint == null && account != null) {
            endpoint = "https://" + account + ".queue.core.windows.net";
        }
        if (endpoint != null) {
            return Optional.of(IdentityBased.queues(endpoint));
        }
        return Optional.empty();
    }

    /**
     * The identity-based clients, in their own class so that the in-memory start never links azure-identity's
     * credential types (the verifier would load them, and azure-core with them, for the assignment to
     * {@code TokenCredential}).
     */
    private static final class IdentityBased {
        static TableServiceClient tables(String endpoint) {
            return new TableServiceClientBuilder().endpoint(endpoint)
                .credential(new DefaultAzureCredentialBuilder().build()).buildClient();
        }

        static StorageQueues queues(String endpoint) {
            return StorageQueues.endpoint(endpoint, new DefaultAzureCredentialBuilder().build());
        }
    }

    /** The delivery ledger's table: {@code <prefix>deliveries}. */
    static String deliveryLedgerTable(Settings settings) {
        String prefix = settings.get(TABLE_PREFIX);
        return TableDeliveryLedger.tableName(prefix == null ? TableNames.DEFAULT_PREFIX : prefix);
    }

    static TableNames tableNames(Settings settings) {
        String prefix = settings.get(TABLE_PREFIX);
        try {
            return prefix == null ? TableNames.defaults() : TableNames.withPrefix(prefix);
        } catch (IllegalArgumentException e) {
            throw new Settings.InvalidSettingException(TABLE_PREFIX, prefix, "1 to 47 letters and digits, starting with a letter");
        }
    }
}
