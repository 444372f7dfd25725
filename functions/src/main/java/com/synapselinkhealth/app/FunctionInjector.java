package com.synapselinkhealth.app;

import com.microsoft.azure.functions.spi.inject.FunctionInstanceInjector;
import java.util.function.Supplier;

/**
 * How the Functions host's Java worker makes an entry point (registered in
 * {@code META-INF/services/com.microsoft.azure.functions.spi.inject.FunctionInstanceInjector}): through
 * {@link EntryPoints}, over the worker's one shared app ({@link LinkHealth#shared()}), built from the app settings on
 * first use. The worker asks for an instance on each invocation, so an app that cannot be built fails the invocation,
 * as before. Only the worker loads this class: its interface is on the worker's class path, not the local runner's.
 */
public final class FunctionInjector implements FunctionInstanceInjector {
    private final EntryPoints entryPoints;

    /** Over the shared app (the worker's). */
    public FunctionInjector() {
        this(LinkHealth::shared);
    }

    /** Over the app {@code app} supplies (the tests give one built in memory). */
    FunctionInjector(Supplier<LinkHealth> app) {
        this.entryPoints = EntryPoints.over(app);
    }

    @Override
    public <T> T getInstance(Class<T> functionClass) {
        return entryPoints.create(functionClass);
    }
}
