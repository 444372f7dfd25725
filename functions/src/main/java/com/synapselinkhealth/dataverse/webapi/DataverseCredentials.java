package com.synapselinkhealth.dataverse.webapi;

import com.azure.core.credential.TokenCredential;
import com.azure.identity.DefaultAzureCredentialBuilder;

/** The credential for the Dataverse Web API: a token obtained elsewhere, else azure-identity's default chain. */
public final class DataverseCredentials {
    private DataverseCredentials() {
    }

    /**
     * @param accessToken a token given with {@code --access-token} or {@code DATAVERSE_ACCESS_TOKEN}, or {@code null}
     * @return a {@link StaticTokenCredential} for it, else {@code DefaultAzureCredential} (managed identity in Azure;
     *     environment variables, workload identity, Azure CLI and others locally)
     */
    public static TokenCredential choose(String accessToken) {
        if (accessToken != null && !accessToken.isBlank()) {
            return new StaticTokenCredential(accessToken);
        }
        return new DefaultAzureCredentialBuilder().build();
    }
}
