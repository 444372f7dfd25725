package com.synapselinkhealth.app;

import com.synapselinkhealth.readback.DataverseRows;
import com.synapselinkhealth.webapi.DataverseCredentials;
import com.synapselinkhealth.webapi.WebApiDataverseRows;
import java.net.URI;

/**
 * Opens the Dataverse Web API reader: the one of the settings (refetch and the reconciliation timer) and the one of a
 * command line's environment and token ({@code reconcile}). Kept apart from {@link LinkHealth} so that neither netty
 * nor azure-identity is loaded until a callback needs a refetch or a reconciliation runs.
 */
public final class DataverseReader {
    private DataverseReader() {
    }

    /**
     * @param accessToken a bearer token for the environment, or {@code null} for {@code DefaultAzureCredential}
     * @throws IllegalArgumentException when the Web API client refuses the environment URL
     */
    public static DataverseRows open(URI environment, String accessToken) {
        return WebApiDataverseRows.connect(environment.toString(), DataverseCredentials.choose(accessToken));
    }
}
