package com.synapselinkhealth.webapi;

import com.azure.core.credential.TokenCredential;
import com.azure.identity.DefaultAzureCredentialBuilder;
import java.util.Map;

/**
 * The credential for the Dataverse Web API: a token obtained elsewhere ({@code --access-token}, else the
 * {@value #ACCESS_TOKEN_VARIABLE} environment variable), else azure-identity's {@code DefaultAzureCredential}
 * (managed identity in Azure; environment service principal, workload identity, Azure CLI sign-in locally).
 */
public final class DataverseCredentials {
    /** The environment variable that may carry a bearer token for the environment. */
    public static final String ACCESS_TOKEN_VARIABLE = "DATAVERSE_ACCESS_TOKEN";

    private DataverseCredentials() {
    }

    /**
     * @param accessToken a token already taken from {@code --access-token} or {@value #ACCESS_TOKEN_VARIABLE}, or
     *     {@code null}/blank for none
     */
    public static TokenCredential choose(String accessToken) {
        if (accessToken != null && !accessToken.isBlank()) {
            return new StaticTokenCredential(accessToken);
        }
        return new DefaultAzureCredentialBuilder().build();
    }

    /**
     * For the command-line tools: the {@code --access-token} value wins (an empty one is an error, not a silent
     * fall-back), then the environment variable, then the default chain.
     *
     * @param option the {@code --access-token} value, or {@code null} when it was not given
     */
    public static TokenCredential choose(String option, Map<String, String> environment) {
        if (option != null) {
            return new StaticTokenCredential(option);
        }
        return choose(environment.get(ACCESS_TOKEN_VARIABLE));
    }
}
