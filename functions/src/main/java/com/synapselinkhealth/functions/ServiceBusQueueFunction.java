package com.synapselinkhealth.functions;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.ServiceBusQueueTrigger;
import com.synapselinkhealth.app.LinkHealth;
import java.util.Map;
import java.util.function.Supplier;

/** A Dataverse service endpoint of contract Queue: messages from {@code %LINKHEALTH_SERVICEBUS_QUEUE%}. */
public final class ServiceBusQueueFunction {
    private final Supplier<LinkHealth> app;

    public ServiceBusQueueFunction() {
        this(LinkHealth::shared);
    }

    public ServiceBusQueueFunction(Supplier<LinkHealth> app) {
        this.app = app;
    }

    @FunctionName("DataverseServiceBusQueue")
    public void run(
        @ServiceBusQueueTrigger(name = "message", queueName = "%LINKHEALTH_SERVICEBUS_QUEUE%",
            connection = "LINKHEALTH_SERVICEBUS", dataType = "binary") byte[] message,
        @BindingName("ContentType") String contentType,
        @BindingName("ApplicationProperties") Map<String, Object> applicationProperties,
        @BindingName("MessageId") String messageId,
        ExecutionContext context) {
        ServiceBusCallbacks.handle(app.get(), "servicebus-queue", message, contentType, applicationProperties, messageId,
            context);
    }
}
