package com.synapselinkhealth.webapi.registration;

import com.synapselinkhealth.webapi.registration.RegisteredMessage.ImageKind;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * One line of a registration plan: what happens to the webhook endpoint, a step or an image. {@link #fields()} names
 * the columns an update writes ({@code authvalue} is shown as {@code key}).
 */
public sealed interface PlannedChange {
    /** What the change does. */
    enum Action {
        CREATE("create", "created"),
        UPDATE("update", "updated"),
        UNCHANGED("unchanged", "unchanged"),
        DELETE("delete", "deleted"),
        SKIP("skip", "skipped"),
        KEEP("keep", "kept");

        private final String planned;
        private final String done;

        Action(String planned, String done) {
            this.planned = planned;
            this.done = done;
        }

        /** True for the actions that send a write request. */
        public boolean writes() {
            return this == CREATE || this == UPDATE || this == DELETE;
        }

        /** e.g. {@code create}. */
        public String planned() {
            return planned;
        }

        /** e.g. {@code created}. */
        public String done() {
            return done;
        }
    }

    Action action();

    /** {@code endpoint}, {@code step} or {@code image}. */
    String component();

    /** The row's name. */
    String name();

    /** Changed columns of an update, else empty. */
    List<String> fields();

    /** Why a step is skipped or an endpoint kept, else null. */
    String reason();

    /** The webhook service endpoint. {@code id} is null when it is to be created. */
    record EndpointChange(Action action, UUID id, List<String> fields, String reason) implements PlannedChange {
        public EndpointChange {
            Objects.requireNonNull(action, "'action' cannot be null.");
            fields = List.copyOf(fields);
        }

        @Override
        public String component() {
            return "endpoint";
        }

        @Override
        public String name() {
            return RegisteredStep.ENDPOINT_NAME;
        }
    }

    /**
     * A step. {@code step} is null for a step of ours that is no longer wanted; {@code messageId} and {@code filterId}
     * are set when the step is created or updated.
     */
    record StepChange(Action action, String name, UUID id, RegisteredStep step, UUID messageId, UUID filterId,
        List<String> fields, String reason) implements PlannedChange {
        public StepChange {
            Objects.requireNonNull(action, "'action' cannot be null.");
            Objects.requireNonNull(name, "'name' cannot be null.");
            fields = List.copyOf(fields);
        }

        @Override
        public String component() {
            return "step";
        }
    }

    /** An image of a step. {@code stepId} is null when its step is created by the same plan. */
    record ImageChange(Action action, String name, UUID id, RegisteredStep step, ImageKind kind, UUID stepId,
        List<String> fields) implements PlannedChange {
        public ImageChange {
            Objects.requireNonNull(action, "'action' cannot be null.");
            Objects.requireNonNull(name, "'name' cannot be null.");
            fields = List.copyOf(fields);
        }

        @Override
        public String component() {
            return "image";
        }

        @Override
        public String reason() {
            return null;
        }
    }
}
