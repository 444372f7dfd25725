package com.synapselinkhealth.functions;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.ServiceBusQueueTrigger;
import com.synapselinkhealth.app.LinkHealth;
import java.util.function.Supplier;

/**
 * A Dataverse service endpoint of contract Queue: messages from {@code %LINKHEALTH_SERVICEBUS_QUEUE%}.
 *
 * <p>Only trigger metadata that every message has is bound (see {@link ServiceBusCallbacks}): the Functions host leaves
 * out a member whose value is null (a message without a ContentType or MessageId), and the Java worker then fails the
 * invocation before this method runs, so Service Bus would retry the message until it is dead-lettered.
 */
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
        @BindingName(ServiceBusCallbacks.PROPERTIES_METADATA) String applicationProperties,
        @BindingName(ServiceBusCallbacks.SEQUENCE_METADATA) String sequenceNumber,
        ExecutionContext context) {
        ServiceBusCallbacks.handle(app.get(), "servicebus-queue", message, applicationProperties, sequenceNumber, context);
    }
}
