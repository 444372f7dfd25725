package com.synapselinkhealth.app;

import com.synapselinkhealth.config.InputLimits;
import com.synapselinkhealth.functions.DataverseWebhookFunction;
import com.synapselinkhealth.functions.DeliverEventFunction;
import com.synapselinkhealth.functions.DigestFunctions;
import com.synapselinkhealth.functions.DigestTimer;
import com.synapselinkhealth.functions.EventsFunctions;
import com.synapselinkhealth.functions.IngestQueueFunction;
import com.synapselinkhealth.functions.ProfilesFunctions;
import com.synapselinkhealth.functions.ReconcileTimerFunction;
import com.synapselinkhealth.functions.RetentionTimerFunction;
import com.synapselinkhealth.functions.ServiceBusQueueFunction;
import com.synapselinkhealth.functions.ServiceBusTopicFunction;
import com.synapselinkhealth.functions.StallCheckFunction;
import com.synapselinkhealth.functions.StatusPageFunctions;
import com.synapselinkhealth.functions.SubscriptionFunctions;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Makes the Azure Functions entry points, each given the use cases it runs: for the Functions host (through
 * {@link FunctionInjector}), the local runner and the tests. An entry point whose request may be answered without the
 * app (a malformed parameter, the event catalogue) gets suppliers, so the app is asked for only when needed.
 */
public final class EntryPoints {
    private static final Map<Class<?>, Function<Supplier<LinkHealth>, Object>> CONSTRUCTORS = Map.ofEntries(
        Map.entry(DataverseWebhookFunction.class, app -> new DataverseWebhookFunction(app.get().intake())),
        Map.entry(IngestQueueFunction.class, app -> new IngestQueueFunction(app.get().queuedChanges())),
        Map.entry(DeliverEventFunction.class, app -> new DeliverEventFunction(app.get().deliveryMessages(),
            app.get().delivery())),
        Map.entry(ServiceBusQueueFunction.class, app -> new ServiceBusQueueFunction(app.get().intake(),
            app.get().queuedChanges(), app.get().settings())),
        Map.entry(ServiceBusTopicFunction.class, app -> new ServiceBusTopicFunction(app.get().intake(),
            app.get().queuedChanges(), app.get().settings())),
        Map.entry(StallCheckFunction.class, app -> new StallCheckFunction(app.get().stallMonitor())),
        Map.entry(ReconcileTimerFunction.class, app -> new ReconcileTimerFunction(app.get()::reconciler)),
        Map.entry(RetentionTimerFunction.class, app -> new RetentionTimerFunction(app.get().retention())),
        Map.entry(DigestTimer.class, app -> new DigestTimer(app.get().digestPublisher(), app.get().settings(),
            app.get().clock())),
        Map.entry(SubscriptionFunctions.class, app -> subscriptions(app.get())),
        Map.entry(ProfilesFunctions.class, app -> new ProfilesFunctions(() -> app.get().status())),
        Map.entry(EventsFunctions.class, app -> new EventsFunctions(() -> app.get().status(),
            () -> app.get().readyToPost())),
        Map.entry(DigestFunctions.class, app -> new DigestFunctions(() -> app.get().digests(),
            () -> app.get().readyToPost())),
        Map.entry(StatusPageFunctions.class, app -> new StatusPageFunctions(app.get().status(), app.get().readyToPost(),
            app.get().settings(), app.get().clock())));

    private final Supplier<LinkHealth> app;

    private EntryPoints(Supplier<LinkHealth> app) {
        this.app = app;
    }

    /** The entry points of {@code app}. */
    public static EntryPoints of(LinkHealth app) {
        return new EntryPoints(() -> app);
    }

    /**
     * The entry points of the app {@code app} supplies, asked for when an entry point is made (or, for those given
     * suppliers, when it first needs it).
     */
    static EntryPoints over(Supplier<LinkHealth> app) {
        return new EntryPoints(app);
    }

    /**
     * A new instance of the entry point class {@code type}.
     *
     * @throws IllegalArgumentException when {@code type} is not an entry point of this app
     */
    public <T> T create(Class<T> type) {
        Function<Supplier<LinkHealth>, Object> constructor = CONSTRUCTORS.get(type);
        if (constructor == null) {
            throw new IllegalArgumentException("Not an entry point of this app: " + type.getName());
        }
        return type.cast(constructor.apply(app));
    }

    private static SubscriptionFunctions subscriptions(LinkHealth app) {
        return new SubscriptionFunctions(app.subscriptions(), app.callbackPolicy(), app.intake().maxBodyBytes(),
            () -> InputLimits.from(app.settings()), app.clock());
    }
}
