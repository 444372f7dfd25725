package com.synapselinkhealth.functions;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.ServiceBusTopicTrigger;
import com.synapselinkhealth.config.Settings;
import com.synapselinkhealth.ingest.CallbackIntake;
import com.synapselinkhealth.ingest.QueuedChangeHandler;

/**
 * A Dataverse service endpoint of contract Topic: messages from {@code %LINKHEALTH_SERVICEBUS_TOPIC%} through
 * subscription {@code %LINKHEALTH_SERVICEBUS_SUBSCRIPTION%} (which may SQL-filter on the EntityLogicalName claim).
 * Binds only the trigger metadata every message has, as {@link ServiceBusQueueFunction} does.
 */
public final class ServiceBusTopicFunction {
    private final ServiceBusCallbacks callbacks;

    /** @param settings read on each message for {@code LINKHEALTH_EXPECTED_ORGANIZATION} */
    public ServiceBusTopicFunction(CallbackIntake intake, QueuedChangeHandler changes, Settings settings) {
        this.callbacks = new ServiceBusCallbacks(intake, changes, settings);
    }

    @FunctionName("DataverseServiceBusTopic")
    public void run(
        @ServiceBusTopicTrigger(name = "message", topicName = "%LINKHEALTH_SERVICEBUS_TOPIC%",
            subscriptionName = "%LINKHEALTH_SERVICEBUS_SUBSCRIPTION%", connection = "LINKHEALTH_SERVICEBUS",
            dataType = "binary") byte[] message,
        @BindingName(ServiceBusCallbacks.PROPERTIES_METADATA) String applicationProperties,
        @BindingName(ServiceBusCallbacks.SEQUENCE_METADATA) String sequenceNumber,
        ExecutionContext context) {
        callbacks.handle("servicebus-topic", message, applicationProperties, sequenceNumber, context);
    }
}
