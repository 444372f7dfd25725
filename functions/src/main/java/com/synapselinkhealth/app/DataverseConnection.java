package com.synapselinkhealth.app;

import com.synapselinkhealth.config.Settings;
import com.synapselinkhealth.readback.DataverseRows;
import com.synapselinkhealth.webapi.DataverseCredentials;
import com.synapselinkhealth.webapi.WebApiDataverseRows;
import java.net.URI;

/**
 * Opens the Dataverse Web API reader of the settings. Kept apart from {@link LinkHealth} so that neither netty nor
 * azure-identity is loaded until a callback needs a refetch or the reconciliation timer runs.
 */
final class DataverseConnection {
    private DataverseConnection() {
    }

    /** With {@code DATAVERSE_ACCESS_TOKEN} when set, else {@code DefaultAzureCredential}. */
    static DataverseRows open(URI environment, Settings settings) {
        return WebApiDataverseRows.connect(environment.toString(),
            DataverseCredentials.choose(settings.dataverseAccessToken()));
    }
}
