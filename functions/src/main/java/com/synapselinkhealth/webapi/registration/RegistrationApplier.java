package com.synapselinkhealth.webapi.registration;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.synapselinkhealth.webapi.DataverseWebApiClient;
import com.synapselinkhealth.webapi.RegistrationRequests;
import com.synapselinkhealth.webapi.registration.PlannedChange.EndpointChange;
import com.synapselinkhealth.webapi.registration.PlannedChange.ImageChange;
import com.synapselinkhealth.webapi.registration.PlannedChange.StepChange;
import com.synapselinkhealth.webapi.registration.RegisteredMessage.ImageKind;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Carries out a {@link RegistrationPlan}, one request per create, update or delete, in the plan's order: the
 * endpoint, then each step and its images (ids of rows created earlier in the run are used for the bindings).
 * Updates send only the columns the plan names. Nothing is sent for unchanged, skipped or kept rows.
 */
public final class RegistrationApplier {
    private final RegistrationRequests requests;

    public RegistrationApplier(DataverseWebApiClient client) {
        this(new RegistrationRequests(client));
    }

    RegistrationApplier(RegistrationRequests requests) {
        this.requests = requests;
    }

    /**
     * @param target where the webhook posts; may be null for a removal plan
     * @param done told about each change once it is done (or, for changes that send nothing, when it is reached)
     */
    public void apply(RegistrationPlan plan, WebhookTarget target, Consumer<PlannedChange> done) {
        Objects.requireNonNull(plan, "'plan' cannot be null.");
        if (!plan.removal()) {
            Objects.requireNonNull(target, "'target' cannot be null.");
        }
        UUID endpointId = null;
        Map<RegisteredStep, UUID> stepIds = new HashMap<>();
        for (PlannedChange change : plan.changes()) {
            if (change instanceof EndpointChange e) {
                endpointId = applyEndpoint(e, target);
            } else if (change instanceof StepChange s) {
                UUID id = applyStep(s, endpointId);
                if (s.step() != null && id != null) {
                    stepIds.put(s.step(), id);
                }
            } else if (change instanceof ImageChange i) {
                applyImage(i, i.stepId() != null ? i.stepId() : stepIds.get(i.step()));
            }
            done.accept(change);
        }
    }

    private UUID applyEndpoint(EndpointChange change, WebhookTarget target) {
        String what = "service endpoint '" + RegisteredStep.ENDPOINT_NAME + "'";
        switch (change.action()) {
            case CREATE -> {
                ObjectNode body = requests.newBody()
                    .put("name", RegisteredStep.ENDPOINT_NAME)
                    .put("contract", RegistrationPlanner.CONTRACT_WEBHOOK)
                    .put("url", target.url())
                    .put("authtype", RegistrationPlanner.AUTHTYPE_WEBHOOK_KEY)
                    .put("authvalue", target.key())
                    .put("description", RegistrationPlanner.endpointDescription(target));
                return requests.create(RegistrationPlanner.ENDPOINTS, "serviceendpointid", body, what);
            }
            case UPDATE -> {
                ObjectNode body = requests.newBody();
                if (change.fields().contains("url")) {
                    body.put("url", target.url());
                }
                if (change.fields().contains("authtype") || change.fields().contains("key")) {
                    body.put("authtype", RegistrationPlanner.AUTHTYPE_WEBHOOK_KEY);
                    body.put("authvalue", target.key());
                    body.put("description", RegistrationPlanner.endpointDescription(target));
                }
                requests.update(RegistrationPlanner.ENDPOINTS, change.id(), body, what);
            }
            case DELETE -> requests.delete(RegistrationPlanner.ENDPOINTS, change.id(), what);
            default -> {
                // unchanged or kept: nothing to send
            }
        }
        return change.id();
    }

    private UUID applyStep(StepChange change, UUID endpointId) {
        String what = "step '" + change.name() + "'";
        switch (change.action()) {
            case CREATE -> {
                ObjectNode body = requests.newBody()
                    .put("name", change.name())
                    .put("description", "Posts " + change.step().message().sdkName() + " of "
                        + change.step().table().logicalName() + " to Synapse Link Health (managed by 'linkhealth register')")
                    .put("stage", RegisteredStep.STAGE_POST_OPERATION)
                    .put("mode", RegisteredStep.MODE_ASYNCHRONOUS)
                    .put("rank", RegisteredStep.RANK)
                    .put("supporteddeployment", RegisteredStep.DEPLOYMENT_SERVER)
                    .put("asyncautodelete", true)
                    .put("eventhandler_serviceendpoint@odata.bind", "/serviceendpoints(" + endpointId + ")")
                    .put("sdkmessageid@odata.bind", "/sdkmessages(" + change.messageId() + ")")
                    .put("sdkmessagefilterid@odata.bind", "/sdkmessagefilters(" + change.filterId() + ")");
                return requests.create(RegistrationPlanner.STEPS, "sdkmessageprocessingstepid", body, what);
            }
            case UPDATE -> {
                ObjectNode body = requests.newBody();
                List<String> fields = change.fields();
                if (fields.contains("stage") || fields.contains("mode")) {
                    body.put("stage", RegisteredStep.STAGE_POST_OPERATION).put("mode", RegisteredStep.MODE_ASYNCHRONOUS);
                }
                if (fields.contains("asyncautodelete")) {
                    body.put("asyncautodelete", true);
                }
                if (fields.contains("supporteddeployment")) {
                    body.put("supporteddeployment", RegisteredStep.DEPLOYMENT_SERVER);
                }
                if (fields.contains("sdkmessageid")) {
                    body.put("sdkmessageid@odata.bind", "/sdkmessages(" + change.messageId() + ")");
                }
                if (fields.contains("sdkmessagefilterid")) {
                    body.put("sdkmessagefilterid@odata.bind", "/sdkmessagefilters(" + change.filterId() + ")");
                }
                requests.update(RegistrationPlanner.STEPS, change.id(), body, what);
            }
            case DELETE -> requests.delete(RegistrationPlanner.STEPS, change.id(), what);
            default -> {
                // unchanged, skipped or kept: nothing to send
            }
        }
        return change.id();
    }

    private void applyImage(ImageChange change, UUID stepId) {
        String what = "image '" + change.name() + "'";
        ImageKind kind = change.kind();
        switch (change.action()) {
            case CREATE -> {
                ObjectNode body = requests.newBody()
                    .put("name", change.name())
                    .put("entityalias", kind.alias())
                    .put("imagetype", kind.imageType())
                    .put("messagepropertyname", change.step().message().imageMessageProperty())
                    .put("sdkmessageprocessingstepid@odata.bind", "/sdkmessageprocessingsteps(" + stepId + ")");
                requests.create(RegistrationPlanner.IMAGES, "sdkmessageprocessingstepimageid", body, what);
            }
            case UPDATE -> {
                ObjectNode body = requests.newBody();
                if (change.fields().contains("imagetype")) {
                    body.put("imagetype", kind.imageType());
                }
                if (change.fields().contains("entityalias")) {
                    body.put("entityalias", kind.alias());
                }
                if (change.fields().contains("messagepropertyname")) {
                    body.put("messagepropertyname", change.step().message().imageMessageProperty());
                }
                if (change.fields().contains("attributes")) {
                    body.putNull("attributes");
                }
                requests.update(RegistrationPlanner.IMAGES, change.id(), body, what);
            }
            case DELETE -> requests.delete(RegistrationPlanner.IMAGES, change.id(), what);
            default -> {
                // unchanged: nothing to send
            }
        }
    }
}
