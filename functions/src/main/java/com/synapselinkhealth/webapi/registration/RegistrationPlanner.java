package com.synapselinkhealth.webapi.registration;

import com.fasterxml.jackson.databind.JsonNode;
import com.synapselinkhealth.statetables.StateTable;
import com.synapselinkhealth.webapi.DataverseWebApiClient;
import com.synapselinkhealth.webapi.DataverseWebApiException.Kind;
import com.synapselinkhealth.webapi.DataverseWebApiException;
import com.synapselinkhealth.webapi.RegistrationRequests;
import com.synapselinkhealth.webapi.registration.PlannedChange.Action;
import com.synapselinkhealth.webapi.registration.PlannedChange.EndpointChange;
import com.synapselinkhealth.webapi.registration.PlannedChange.ImageChange;
import com.synapselinkhealth.webapi.registration.PlannedChange.StepChange;
import com.synapselinkhealth.webapi.registration.RegisteredMessage.ImageKind;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Reads what is registered (the endpoint found by its name, its steps and their images, the messages and message
 * filters) and compares it with what is wanted: the plan lists, in order, what to create, update (only the columns
 * that differ), leave unchanged, delete or skip. It only reads.
 */
public final class RegistrationPlanner {
    static final String ENDPOINTS = "serviceendpoints";
    static final String STEPS = "sdkmessageprocessingsteps";
    static final String IMAGES = "sdkmessageprocessingstepimages";
    static final String FILTERS = "sdkmessagefilters";
    private static final String FILTER_COLUMNS = "sdkmessagefilterid,primaryobjecttypecode,iscustomprocessingstepallowed";
    static final int CONTRACT_WEBHOOK = 8;
    static final int AUTHTYPE_WEBHOOK_KEY = 4;
    private static final String ENDPOINT_COLUMNS = "serviceendpointid,name,contract,url,authtype,isauthvalueset,description";
    private static final String STEP_COLUMNS = "sdkmessageprocessingstepid,name,stage,mode,asyncautodelete,"
        + "supporteddeployment,_sdkmessageid_value,_sdkmessagefilterid_value,_eventhandler_value";
    private static final String IMAGE_COLUMNS = "sdkmessageprocessingstepimageid,name,imagetype,entityalias,"
        + "messagepropertyname,attributes,_sdkmessageprocessingstepid_value";

    private final RegistrationRequests requests;

    public RegistrationPlanner(DataverseWebApiClient client) {
        this(new RegistrationRequests(client));
    }

    RegistrationPlanner(RegistrationRequests requests) {
        this.requests = requests;
    }

    /** The endpoint's description: says who manages it and carries the key's fingerprint. */
    static String endpointDescription(WebhookTarget target) {
        return "Azure Synapse Link state-table changes for Synapse Link Health; managed by 'linkhealth register' "
            + "(key fingerprint " + target.keyFingerprint() + ").";
    }

    /** What registering the webhook at {@code target} would do. */
    public RegistrationPlan plan(WebhookTarget target) {
        Optional<JsonNode> endpoint = findEndpoint();
        Map<RegisteredMessage, UUID> messages = messageIds();
        List<PlannedChange> changes = new ArrayList<>();
        UUID endpointId = endpoint.map(e -> id(e, "serviceendpointid")).orElse(null);
        if (endpoint.isEmpty()) {
            changes.add(new EndpointChange(Action.CREATE, null, List.of(), null));
        } else {
            List<String> fields = endpointDifferences(endpoint.get(), target);
            changes.add(new EndpointChange(fields.isEmpty() ? Action.UNCHANGED : Action.UPDATE, endpointId, fields, null));
        }
        List<JsonNode> existingSteps = endpointId == null ? List.of() : stepsOf(endpointId);
        Set<String> wanted = new HashSet<>();
        for (StateTable table : StateTable.values()) {
            Map<RegisteredMessage, JsonNode> filters = filtersOf(table, messages);
            for (RegisteredMessage message : RegisteredMessage.values()) {
                RegisteredStep step = new RegisteredStep(table, message);
                JsonNode filter = filters.get(message);
                if (filter == null) {
                    changes.add(skip(step, "no message filter for " + message.sdkName() + " of " + table.logicalName()
                        + " (is Azure Synapse Link set up in this environment?)"));
                    continue;
                }
                if (filter.path("iscustomprocessingstepallowed").isBoolean()
                    && !filter.get("iscustomprocessingstepallowed").booleanValue()) {
                    changes.add(skip(step, "table does not allow custom steps"));
                    continue;
                }
                wanted.add(step.name());
                planStep(changes, step, messages.get(message), id(filter, "sdkmessagefilterid"),
                    byName(existingSteps, step.name()));
            }
        }
        for (JsonNode stale : existingSteps) {
            String name = stale.path("name").asText(null);
            if (RegisteredStep.isOurName(name) && !wanted.contains(name)) {
                changes.add(new StepChange(Action.DELETE, name, id(stale, "sdkmessageprocessingstepid"), null, null, null,
                    List.of(), null));
            }
        }
        return new RegistrationPlan(false, changes);
    }

    /**
     * What {@code --remove} would do: delete the images and steps of ours on the endpoint, then the endpoint, unless
     * steps that someone else registered still use it (those are kept, and so is the endpoint).
     */
    public RegistrationPlan planRemoval() {
        Optional<JsonNode> endpoint = findEndpoint();
        if (endpoint.isEmpty()) {
            return new RegistrationPlan(true, List.of());
        }
        UUID endpointId = id(endpoint.get(), "serviceendpointid");
        List<PlannedChange> changes = new ArrayList<>();
        int foreign = 0;
        for (JsonNode step : stepsOf(endpointId)) {
            String name = step.path("name").asText("");
            UUID stepId = id(step, "sdkmessageprocessingstepid");
            if (!RegisteredStep.isOurName(name)) {
                foreign++;
                changes.add(new StepChange(Action.KEEP, name, stepId, null, null, null, List.of(),
                    "not created by register"));
                continue;
            }
            for (JsonNode image : imagesOf(stepId)) {
                String imageName = image.path("name").asText("");
                if (RegisteredStep.isOurName(imageName)) {
                    changes.add(new ImageChange(Action.DELETE, imageName, id(image, "sdkmessageprocessingstepimageid"),
                        null, null, stepId, List.of()));
                }
            }
            changes.add(new StepChange(Action.DELETE, name, stepId, null, null, null, List.of(), null));
        }
        changes.add(foreign == 0
            ? new EndpointChange(Action.DELETE, endpointId, List.of(), null)
            : new EndpointChange(Action.KEEP, endpointId, List.of(), foreign + " step(s) not created by register still use it"));
        return new RegistrationPlan(true, changes);
    }

    private void planStep(List<PlannedChange> changes, RegisteredStep step, UUID messageId, UUID filterId,
        Optional<JsonNode> existing) {
        if (existing.isEmpty()) {
            changes.add(new StepChange(Action.CREATE, step.name(), null, step, messageId, filterId, List.of(), null));
            for (ImageKind kind : step.message().images()) {
                changes.add(new ImageChange(Action.CREATE, step.imageName(kind), null, step, kind, null, List.of()));
            }
            return;
        }
        JsonNode row = existing.get();
        UUID stepId = id(row, "sdkmessageprocessingstepid");
        List<String> fields = new ArrayList<>();
        addIfDiffers(fields, row, "stage", RegisteredStep.STAGE_POST_OPERATION);
        addIfDiffers(fields, row, "mode", RegisteredStep.MODE_ASYNCHRONOUS);
        addIfDiffers(fields, row, "asyncautodelete", true);
        addIfDiffers(fields, row, "supporteddeployment", RegisteredStep.DEPLOYMENT_SERVER);
        addIfDiffers(fields, row, "_sdkmessageid_value", messageId);
        addIfDiffers(fields, row, "_sdkmessagefilterid_value", filterId);
        changes.add(new StepChange(fields.isEmpty() ? Action.UNCHANGED : Action.UPDATE, step.name(), stepId, step,
            messageId, filterId, fields, null));
        List<JsonNode> images = imagesOf(stepId);
        Set<String> wantedImages = new HashSet<>();
        for (ImageKind kind : step.message().images()) {
            String name = step.imageName(kind);
            wantedImages.add(name);
            Optional<JsonNode> image = byName(images, name);
            if (image.isEmpty()) {
                changes.add(new ImageChange(Action.CREATE, name, null, step, kind, stepId, List.of()));
                continue;
            }
            List<String> imageFields = new ArrayList<>();
            addIfDiffers(imageFields, image.get(), "imagetype", kind.imageType());
            addIfDiffers(imageFields, image.get(), "entityalias", kind.alias());
            addIfDiffers(imageFields, image.get(), "messagepropertyname", step.message().imageMessageProperty());
            addIfDiffers(imageFields, image.get(), "attributes", null);
            changes.add(new ImageChange(imageFields.isEmpty() ? Action.UNCHANGED : Action.UPDATE, name,
                id(image.get(), "sdkmessageprocessingstepimageid"), step, kind, stepId, imageFields));
        }
        for (JsonNode image : images) {
            String name = image.path("name").asText(null);
            if (RegisteredStep.isOurName(name) && !wantedImages.contains(name)) {
                changes.add(new ImageChange(Action.DELETE, name, id(image, "sdkmessageprocessingstepimageid"), step, null,
                    stepId, List.of()));
            }
        }
    }

    private static StepChange skip(RegisteredStep step, String reason) {
        return new StepChange(Action.SKIP, step.name(), null, step, null, null, List.of(), reason);
    }

    /**
     * The endpoint's columns that differ: url, authtype, and the key. Dataverse does not return {@code authvalue}, so
     * the key counts as changed when none is set, when the description carries another fingerprint, or when a
     * service does return {@code authvalue} and it is another one.
     */
    private static List<String> endpointDifferences(JsonNode endpoint, WebhookTarget target) {
        List<String> fields = new ArrayList<>();
        addIfDiffers(fields, endpoint, "url", target.url());
        addIfDiffers(fields, endpoint, "authtype", AUTHTYPE_WEBHOOK_KEY);
        boolean keyUnset = endpoint.path("isauthvalueset").isBoolean() && !endpoint.get("isauthvalueset").booleanValue();
        boolean keyShownAndOther = endpoint.hasNonNull("authvalue") && !endpoint.get("authvalue").asText().equals(target.key());
        if (keyUnset || keyShownAndOther || differs(endpoint, "description", endpointDescription(target))) {
            fields.add("key");
        }
        return fields;
    }

    private static void addIfDiffers(List<String> fields, JsonNode row, String column, Object wanted) {
        if (differs(row, column, wanted)) {
            fields.add(column.startsWith("_") ? column.substring(1, column.length() - "_value".length()) : column);
        }
    }

    /**
     * True when the row has the column and its value is not the wanted one. A column the service did not return
     * cannot be compared and counts as equal, so a run never rewrites what it cannot see. Null and "" are equal.
     */
    static boolean differs(JsonNode row, String column, Object wanted) {
        if (!row.has(column)) {
            return false;
        }
        JsonNode value = row.get(column);
        boolean blank = value.isNull() || (value.isTextual() && value.asText().isEmpty());
        if (wanted == null || "".equals(wanted)) {
            return !blank;
        }
        if (blank) {
            return true;
        }
        if (wanted instanceof Boolean b) {
            return !value.isBoolean() || value.booleanValue() != b;
        }
        if (wanted instanceof Integer i) {
            return !value.canConvertToInt() || !value.isNumber() || value.intValue() != i;
        }
        if (wanted instanceof UUID u) {
            return !value.asText().equalsIgnoreCase(u.toString());
        }
        return !value.asText().equals(wanted.toString());
    }

    private Optional<JsonNode> findEndpoint() {
        List<JsonNode> webhooks = requests.query(ENDPOINTS, ENDPOINT_COLUMNS, "name", RegisteredStep.ENDPOINT_NAME)
            .stream().filter(e -> !e.has("contract") || e.path("contract").asInt(-1) == CONTRACT_WEBHOOK).toList();
        if (webhooks.size() > 1) {
            throw new DataverseWebApiException(Kind.OTHER, 0, requests.environmentHost() + " has " + webhooks.size()
                + " webhooks named '" + RegisteredStep.ENDPOINT_NAME + "'; unregister the extra ones (e.g. in the "
                + "Plugin Registration Tool) and run again.", null);
        }
        return webhooks.stream().findFirst();
    }

    private Map<RegisteredMessage, UUID> messageIds() {
        Map<RegisteredMessage, UUID> ids = new EnumMap<>(RegisteredMessage.class);
        for (RegisteredMessage message : RegisteredMessage.values()) {
            List<JsonNode> rows = requests.query("sdkmessages", "sdkmessageid,name", "name", message.sdkName());
            if (rows.isEmpty()) {
                throw new DataverseWebApiException(Kind.OTHER, 0, "Dataverse at " + requests.environmentHost()
                    + " has no message named '" + message.sdkName() + "' (sdkmessages)", null);
            }
            ids.put(message, id(rows.get(0), "sdkmessageid"));
        }
        return ids;
    }

    /**
     * The message filters of a table, one query per table, matched to the messages by their {@code _sdkmessageid_value}.
     * A service that leaves that lookup out is asked per message in the documented form
     * {@code primaryobjecttypecode eq '<table>' and sdkmessageid/name eq '<message>'}.
     */
    private Map<RegisteredMessage, JsonNode> filtersOf(StateTable table, Map<RegisteredMessage, UUID> messages) {
        List<JsonNode> rows = requests.query(FILTERS, FILTER_COLUMNS + ",_sdkmessageid_value",
            "primaryobjecttypecode", table.logicalName());
        Map<RegisteredMessage, JsonNode> filters = new EnumMap<>(RegisteredMessage.class);
        if (!rows.isEmpty() && rows.stream().noneMatch(r -> r.hasNonNull("_sdkmessageid_value"))) {
            for (RegisteredMessage message : RegisteredMessage.values()) {
                requests.query(FILTERS, FILTER_COLUMNS, RegistrationRequests.eq("primaryobjecttypecode", table.logicalName())
                    + " and " + RegistrationRequests.eq("sdkmessageid/name", message.sdkName()))
                    .stream().findFirst().ifPresent(r -> filters.put(message, r));
            }
            return filters;
        }
        for (RegisteredMessage message : RegisteredMessage.values()) {
            String messageId = messages.get(message).toString();
            rows.stream()
                .filter(r -> r.path("_sdkmessageid_value").asText("").equalsIgnoreCase(messageId))
                .filter(r -> table.logicalName().equalsIgnoreCase(r.path("primaryobjecttypecode").asText(table.logicalName())))
                .findFirst().ifPresent(r -> filters.put(message, r));
        }
        return filters;
    }

    private List<JsonNode> stepsOf(UUID endpointId) {
        return requests.query(STEPS, STEP_COLUMNS, "_eventhandler_value", endpointId);
    }

    private List<JsonNode> imagesOf(UUID stepId) {
        return requests.query(IMAGES, IMAGE_COLUMNS, "_sdkmessageprocessingstepid_value", stepId);
    }

    private static Optional<JsonNode> byName(List<JsonNode> rows, String name) {
        return rows.stream().filter(r -> name.equals(r.path("name").asText(null))).findFirst();
    }

    private UUID id(JsonNode row, String column) {
        try {
            return UUID.fromString(row.path(column).asText(""));
        } catch (IllegalArgumentException e) {
            throw new DataverseWebApiException(Kind.OTHER, 200, "Dataverse at " + requests.environmentHost()
                + " answered a row without a valid " + column, e);
        }
    }
}
