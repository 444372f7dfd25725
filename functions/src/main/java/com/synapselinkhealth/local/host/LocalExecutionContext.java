package com.synapselinkhealth.local.host;

import com.microsoft.azure.functions.ExecutionContext;
import java.util.UUID;
import java.util.logging.Logger;

/** The {@link ExecutionContext} the local runner gives each function call: its name, a fresh invocation id, a logger. */
public final class LocalExecutionContext implements ExecutionContext {
    private final String functionName;
    private final String invocationId = UUID.randomUUID().toString();

    public LocalExecutionContext(String functionName) {
        this.functionName = functionName;
    }

    @Override
    public Logger getLogger() {
        return Logger.getLogger("linkhealth." + functionName);
    }

    @Override
    public String getInvocationId() {
        return invocationId;
    }

    @Override
    public String getFunctionName() {
        return functionName;
    }
}
