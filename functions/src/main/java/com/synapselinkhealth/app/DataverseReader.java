package com.synapselinkhealth.app;

import com.synapselinkhealth.readback.DataverseRows;
import com.synapselinkhealth.webapi.DataverseCredentials;
import com.synapselinkhealth.webapi.WebApiDataverseRows;
import java.net.URI;

/**
 * Opens the Dataverse Web API reader for a command line's environment and token (the {@code reconcile} command), as
 * {@link LinkHealth} opens the one of its settings.
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
