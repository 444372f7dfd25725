package com.synapselinkhealth.functions;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.ServiceBusQueueTrigger;
import com.synapselinkhealth.config.Settings;
import com.synapselinkhealth.ingest.CallbackIntake;
import com.synapselinkhealth.ingest.QueuedChangeHandler;

/**
 * A Dataverse service endpoint of contract Queue: messages from {@code %LINKHEALTH_SERVICEBUS_QUEUE%}.
 *
 * <p>Only trigger metadata that every message has is bound (see {@link ServiceBusCallbacks}): the Functions host leaves
 * out a member whose value is null (a message without a ContentType or MessageId), and the Java worker then fails the
 * invocation before this method runs, so Service Bus would retry the message until it is dead-lettered.
 */
public final class ServiceBusQueueFunction {
    private final ServiceBusCallbacks callbacks;

    /** @param settings read on each message for {@code LINKHEALTH_EXPECTED_ORGANIZATION} */
    public ServiceBusQueueFunction(CallbackIntake intake, QueuedChangeHandler changes, Settings settings) {
        this.callbacks = new ServiceBusCallbacks(intake, changes, settings);
    }

    @FunctionName("DataverseServiceBusQueue")
    public void run(
        @ServiceBusQueueTrigger(name = "message", queueName = "%LINKHEALTH_SERVICEBUS_QUEUE%",
            connection = "LINKHEALTH_SERVICEBUS", dataType = "binary") byte[] message,
        @BindingName(ServiceBusCallbacks.PROPERTIES_METADATA) String applicationProperties,
        @BindingName(ServiceBusCallbacks.SEQUENCE_METADATA) String sequenceNumber,
        ExecutionContext context) {
        callbacks.handle("servicebus-queue", message, applicationProperties, sequenceNumber, context);
    }
}
