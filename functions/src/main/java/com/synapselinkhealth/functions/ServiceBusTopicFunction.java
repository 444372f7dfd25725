package com.synapselinkhealth.functions;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.ServiceBusTopicTrigger;
import com.synapselinkhealth.app.LinkHealth;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A Dataverse service endpoint of contract Topic: messages from {@code %LINKHEALTH_SERVICEBUS_TOPIC%} through
 * subscription {@code %LINKHEALTH_SERVICEBUS_SUBSCRIPTION%} (which may SQL-filter on the EntityLogicalName claim).
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
        @BindingName("ContentType") String contentType,
        @BindingName("ApplicationProperties") Map<String, Object> applicationProperties,
        @BindingName("MessageId") String messageId,
        ExecutionContext context) {
        ServiceBusCallbacks.handle(app.get(), "servicebus-topic", message, contentType, applicationProperties, messageId,
            context);
    }
}
