package com.synapselinkhealth.webapi.registration;

import com.synapselinkhealth.statetables.StateTable;
import com.synapselinkhealth.webapi.registration.RegisteredMessage.ImageKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One step the registration wants: an asynchronous PostOperation step for a message on one of the six state tables,
 * posting to the webhook endpoint. Names are how a later run (and {@code --remove}) recognises what it created.
 */
public record RegisteredStep(StateTable table, RegisteredMessage message) {
    /** Name of the service endpoint, and the prefix of every step and image name the registration creates. */
    public static final String ENDPOINT_NAME = "Synapse Link Health";
    /** Stage 40: PostOperation (the only stage asynchronous steps may use). */
    public static final int STAGE_POST_OPERATION = 40;
    /** Mode 1: asynchronous. */
    public static final int MODE_ASYNCHRONOUS = 1;
    /** supporteddeployment 0: server only. */
    public static final int DEPLOYMENT_SERVER = 0;
    /** Execution order among steps of the same event. */
    public static final int RANK = 1;

    public RegisteredStep {
        Objects.requireNonNull(table, "'table' cannot be null.");
        Objects.requireNonNull(message, "'message' cannot be null.");
    }

    /** Every step wanted: Create, Update and Delete on each of the six tables. */
    public static List<RegisteredStep> all() {
        List<RegisteredStep> steps = new ArrayList<>();
        for (StateTable table : StateTable.values()) {
            for (RegisteredMessage message : RegisteredMessage.values()) {
                steps.add(new RegisteredStep(table, message));
            }
        }
        return List.copyOf(steps);
    }

    /** e.g. {@code Synapse Link Health: Update of synapselinkprofileentitystate}. */
    public String name() {
        return ENDPOINT_NAME + ": " + message.sdkName() + " of " + table.logicalName();
    }

    /** e.g. {@code Synapse Link Health: Update of synapselinkprofileentitystate, PreImage}. */
    public String imageName(ImageKind kind) {
        return name() + ", " + kind.alias();
    }

    /** True for names the registration gives to steps and images. */
    public static boolean isOurName(String name) {
        return name != null && name.startsWith(ENDPOINT_NAME + ": ");
    }
}
