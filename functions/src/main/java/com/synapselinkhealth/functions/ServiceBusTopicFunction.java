package com.synapselinkhealth.functions;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.ServiceBusTopicTrigger;
import com.synapselinkhealth.app.LinkHealth;
import java.util.function.Supplier;

/**
 * A Dataverse service endpoint of contract Topic: messages from {@code %LINKHEALTH_SERVICEBUS_TOPIC%} through
 * subscription {@code %LINKHEALTH_SERVICEBUS_SUBSCRIPTION%} (which may SQL-filter on the EntityLogicalName claim).
 * Binds only the trigger metadata every message has, as {@link ServiceBusQueueFunction} does.
 */
public final class ServiceBusTopicFunction {
    private final Supplier<LinkHealth> app;

    public ServiceBusTopicFunction() {
        this(LinkHealth::shared);
    }

    public ServiceBusTopicFunction(Supplier<LinkHealth> app) {
        this.app = app;
    }

    @FunctionName("DataverseServiceBusTopic")
    public void run(
        @ServiceBusTopicTrigger(name = "message", topicName = "%LINKHEALTH_SERVICEBUS_TOPIC%",
            subscriptionName = "%LINKHEALTH_SERVICEBUS_SUBSCRIPTION%", connection = "LINKHEALTH_SERVICEBUS",
            dataType = "binary") byte[] message,
        @BindingName(ServiceBusCallbacks.PROPERTIES_METADATA) String applicationProperties,
        @BindingName(ServiceBusCallbacks.SEQUENCE_METADATA) String sequenceNumber,
        ExecutionContext context) {
        ServiceBusCallbacks.handle(app.get(), "servicebus-topic", message, applicationProperties, sequenceNumber, context);
    }
}
