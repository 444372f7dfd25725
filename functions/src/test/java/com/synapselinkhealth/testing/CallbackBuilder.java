package com.synapselinkhealth.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.synapselinkhealth.dataverse.EntityReference;
import com.synapselinkhealth.statetables.Choice;
import com.synapselinkhealth.statetables.StateTable;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Builds webhook bodies exactly as Dataverse sends them: the DataContract JSON of
 * {@code Microsoft.Xrm.Sdk.RemoteExecutionContext} of an asynchronous PostOperation (Stage 40) step, members in
 * alphabetical order, every {@code /} escaped as {@code \/}, no whitespace.
 *
 * <pre>{@code
 * byte[] body = CallbackBuilder.update(StateTable.PROFILE_ENTITY_STATE, rowId)
 *     .target("syncstate", option(8))
 *     .preImage("syncstate", option(2))
 *     .postImage("entityname", "contact")
 *     .operationId(operationId)
 *     .build();
 * }</pre>
 *
 * Values given as Java objects are encoded the Dataverse way: {@link Instant} as {@code /Date(ms)/}, {@link UUID}
 * as a plain GUID string, {@link Choice} as an OptionSetValue (plus its label in FormattedValues),
 * {@link EntityReference} as an EntityReference. The static helpers build the other encodings.
 */
public final class CallbackBuilder {
    public static final String CONTRACTS = "http://schemas.microsoft.com/xrm/2011/Contracts";
    /** The organization every body belongs to unless {@link #organization} says otherwise. */
    public static final UUID ORGANIZATION_ID = UUID.fromString("b015df52-a05f-ee11-a382-000d3a64db73");
    public static final String ORGANIZATION_NAME = "unqb015df52a05fee11a382000d3a64d";
    public static final UUID BUSINESS_UNIT_ID = UUID.fromString("d5807889-0f5f-ee11-8def-000d3adbef1f");
    /** The "SYSTEM" user under which Synapse Link writes its state tables. */
    public static final UUID SYSTEM_USER_ID = UUID.fromString("c7877889-0f5f-ee11-8def-000d3adbef1f");
    public static final UUID STEP_ID = UUID.fromString("bd7c6a7e-916b-ee11-9ae6-002248998a0a");
    public static final Instant DEFAULT_OPERATION_TIME = Instant.parse("2024-06-03T09:30:00.123Z");

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final UUID EMPTY_GUID = new UUID(0L, 0L);
    /**
     * Columns the platform fills in during the operation: in the Stage 40 Target, not in what the caller sent (the
     * ParentContext's Target), which also carries no formatted values.
     */
    private static final Set<String> PLATFORM_COLUMNS = Set.of("createdon", "createdby", "createdonbehalfby", "modifiedon",
        "modifiedby", "modifiedonbehalfby", "versionnumber", "organizationid", "ownerid", "owningbusinessunit", "owninguser",
        "owningteam", "statecode", "statuscode", "importsequencenumber", "overriddencreatedon", "timezoneruleversionnumber",
        "utcconversiontimezonecode", "componentstate", "componentidunique", "ismanaged", "overwritetime", "solutionid",
        "supportingsolutionid", "iscustomizable");

    private final String message;
    private final String logicalName;
    private final UUID rowId;
    private final Entity target = new Entity();
    private Entity preImage;
    private Entity postImage;
    private String preImageAlias = "PreImage";
    private String postImageAlias = "PostImage";
    private String asyncPrimaryName;
    private final Map<String, JsonNode> inputParameters = new LinkedHashMap<>();
    private final Map<String, JsonNode> sharedVariables = new LinkedHashMap<>();
    private final Map<String, JsonNode> overrides = new LinkedHashMap<>();
    private UUID operationId = UUID.randomUUID();
    private UUID correlationId = UUID.randomUUID();
    private UUID requestId;
    private String organizationName = ORGANIZATION_NAME;
    private UUID organizationId = ORGANIZATION_ID;
    private String operationCreatedOn = wcfDate(DEFAULT_OPERATION_TIME);
    private String stepName;
    private int depth = 1;
    private int mode = 1;
    private boolean parentContext;
    private boolean createdWithoutId;
    private boolean sizeExceeded;
    private boolean escapeSlashes = true;

    private CallbackBuilder(String message, String logicalName, UUID rowId) {
        this.message = message;
        this.logicalName = logicalName;
        this.rowId = rowId;
        this.stepName = "Synapse Link Health: " + message + " of " + logicalName;
    }

    public static CallbackBuilder create(StateTable table, UUID rowId) {
        return of("Create", table.logicalName(), rowId);
    }

    public static CallbackBuilder update(StateTable table, UUID rowId) {
        return of("Update", table.logicalName(), rowId);
    }

    public static CallbackBuilder delete(StateTable table, UUID rowId) {
        return of("Delete", table.logicalName(), rowId);
    }

    /** Any message on any table, e.g. {@code of("Update", "account", id)}. */
    public static CallbackBuilder of(String message, String logicalName, UUID rowId) {
        return new CallbackBuilder(message, logicalName, rowId);
    }

    // ---- the row ------------------------------------------------------------------------------------------

    /** A column of the Target (for a Delete, which has an EntityReference Target, it is ignored). */
    public CallbackBuilder target(String column, Object value) {
        target.put(column, value);
        return this;
    }

    public CallbackBuilder targetFormatted(String column, String label) {
        target.formatted.put(column, label);
        return this;
    }

    /** A column of the pre image (registered as {@code PreImage}); the first call adds the image. */
    public CallbackBuilder preImage(String column, Object value) {
        preImage().put(column, value);
        return this;
    }

    public CallbackBuilder preImageFormatted(String column, String label) {
        preImage().formatted.put(column, label);
        return this;
    }

    /** A column of the post image (registered as {@code PostImage}); the first call adds the image. */
    public CallbackBuilder postImage(String column, Object value) {
        postImage().put(column, value);
        return this;
    }

    public CallbackBuilder postImageFormatted(String column, String label) {
        postImage().formatted.put(column, label);
        return this;
    }

    /** The same column in the pre and the post image: a value the change did not touch. */
    public CallbackBuilder unchanged(String column, Object value) {
        return preImage(column, value).postImage(column, value);
    }

    public CallbackBuilder imageAliases(String pre, String post) {
        this.preImageAlias = pre;
        this.postImageAlias = post;
        return this;
    }

    /** The default post image an asynchronous step gets: the primary name column and the id. */
    public CallbackBuilder asyncPrimaryNameImage(String primaryName) {
        this.asyncPrimaryName = primaryName;
        return this;
    }

    // ---- the context --------------------------------------------------------------------------------------

    public CallbackBuilder operationId(UUID id) {
        this.operationId = id;
        return this;
    }

    /** Leaves {@code OperationId} out, as some senders do. */
    public CallbackBuilder withoutOperationId() {
        return remove("OperationId");
    }

    public CallbackBuilder correlationId(UUID id) {
        this.correlationId = id;
        return this;
    }

    public CallbackBuilder requestId(UUID id) {
        this.requestId = id;
        return this;
    }

    public CallbackBuilder organization(String uniqueName, UUID id) {
        this.organizationName = uniqueName;
        this.organizationId = id;
        return this;
    }

    public CallbackBuilder operationCreatedOn(Instant instant) {
        this.operationCreatedOn = wcfDate(instant);
        return this;
    }

    /** The raw text, e.g. {@code /Date(1506409448000-0700)/}. */
    public CallbackBuilder operationCreatedOn(String wcfText) {
        this.operationCreatedOn = wcfText;
        return this;
    }

    public CallbackBuilder depth(int depth) {
        this.depth = depth;
        return this;
    }

    /** 0 synchronous, 1 asynchronous (the default). */
    public CallbackBuilder mode(int mode) {
        this.mode = mode;
        return this;
    }

    public CallbackBuilder stepName(String name) {
        this.stepName = name;
        return this;
    }

    public CallbackBuilder inputParameter(String key, Object value) {
        inputParameters.put(key, node(value));
        return this;
    }

    public CallbackBuilder sharedVariable(String key, Object value) {
        sharedVariables.put(key, node(value));
        return this;
    }

    /** Adds the Stage 30 context of the main operation as {@code ParentContext}, as asynchronous steps get it. */
    public CallbackBuilder withParentContext() {
        this.parentContext = true;
        return this;
    }

    /** A Create whose Target and PrimaryEntityId carry the empty GUID; only OutputParameters names the new row. */
    public CallbackBuilder createdWithoutId() {
        this.createdWithoutId = true;
        return this;
    }

    /** What Dataverse sends past 256 KB: no ParentContext, InputParameters, PreEntityImages, PostEntityImages. */
    public CallbackBuilder sizeExceeded() {
        this.sizeExceeded = true;
        return this;
    }

    /** Writes {@code /} as is instead of Dataverse's {@code \/}. */
    public CallbackBuilder unescapedSlashes() {
        this.escapeSlashes = false;
        return this;
    }

    /** Replaces (or adds) a top-level member with any JSON: for bodies Dataverse would never send. */
    public CallbackBuilder set(String member, Object value) {
        overrides.put(member, node(value));
        return this;
    }

    /** Removes a top-level member. */
    public CallbackBuilder remove(String member) {
        overrides.put(member, null);
        return this;
    }

    // ---- output -------------------------------------------------------------------------------------------

    public byte[] build() {
        return buildString().getBytes(StandardCharsets.UTF_8);
    }

    public String buildString() {
        try {
            String json = JSON.writeValueAsString(toJson());
            // JSON has no '/' outside strings, and "\/" is a valid escape inside them: this is WCF's output.
            return escapeSlashes ? json.replace("/", "\\/") : json;
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The body as a tree, before slash escaping. */
    public ObjectNode toJson() {
        ObjectNode root = context(40, mode, true);
        if (parentContext && !sizeExceeded) {
            root.set("ParentContext", context(30, mode, false));
        }
        overrides.forEach((member, value) -> {
            if (value == null) {
                root.remove(member);
            } else {
                root.set(member, value);
            }
        });
        return root;
    }

    private ObjectNode context(int stage, int contextMode, boolean withImages) {
        boolean delete = message.equals("Delete");
        UUID primaryId = createdWithoutId ? EMPTY_GUID : rowId;
        ObjectNode c = NODES.objectNode();
        c.put("BusinessUnitId", BUSINESS_UNIT_ID.toString());
        c.put("CorrelationId", correlationId.toString());
        c.put("Depth", depth);
        c.put("InitiatingUserAgent", "");
        c.put("InitiatingUserAzureActiveDirectoryObjectId", "3d280606-3712-4759-b6b9-7302f8d1a3b0");
        c.put("InitiatingUserId", SYSTEM_USER_ID.toString());
        if (!sizeExceeded) {
            ArrayNode inputs = c.putArray("InputParameters");
            JsonNode targetNode = delete ? entityReference(logicalName, rowId, null)
                : (withImages ? target : target.asSent()).toNode(logicalName, primaryId, true, primaryKey());
            inputs.add(keyValue("Target", targetNode));
            inputParameters.forEach((k, v) -> inputs.add(keyValue(k, v)));
            if (!withImages) {
                inputs.add(keyValue("SuppressDuplicateDetection", NODES.booleanNode(false)));
            }
        }
        c.put("IsExecutingOffline", false);
        c.put("IsInTransaction", stage == 30);
        c.put("IsOfflinePlayback", false);
        c.put("IsolationMode", 1);
        c.put("MessageName", message);
        c.put("Mode", contextMode);
        c.put("OperationCreatedOn", operationCreatedOn);
        c.put("OperationId", operationId.toString());
        c.put("OrganizationId", organizationId.toString());
        c.put("OrganizationName", organizationName);
        ArrayNode outputs = c.putArray("OutputParameters");
        if (message.equals("Create") && withImages) {
            outputs.add(keyValue("id", NODES.textNode(rowId.toString())));
        }
        ObjectNode step = c.putObject("OwningExtension");
        step.put("Id", (withImages ? STEP_ID : UUID.fromString("1b0fbaa3-345f-ee11-8def-000d3adbef1f")).toString());
        step.putArray("KeyAttributes");
        step.put("LogicalName", "sdkmessageprocessingstep");
        step.put("Name", withImages ? stepName : "ObjectModel Implementation");
        step.putNull("RowVersion");
        if (!sizeExceeded) {
            c.putNull("ParentContext");
            ArrayNode post = c.putArray("PostEntityImages");
            ArrayNode pre = c.putArray("PreEntityImages");
            if (withImages) {
                if (postImage != null && !delete) {
                    post.add(keyValue(postImageAlias, postImage.toNode(logicalName, rowId, false, primaryKey())));
                }
                if (asyncPrimaryName != null && !delete) {
                    Entity primary = new Entity();
                    primary.put("name", asyncPrimaryName);
                    post.add(keyValue("AsynchronousStepPrimaryName", primary.toNode(logicalName, rowId, false, primaryKey())));
                }
                if (preImage != null && !message.equals("Create")) {
                    pre.add(keyValue(preImageAlias, preImage.toNode(logicalName, rowId, false, primaryKey())));
                }
            }
        }
        c.put("PrimaryEntityId", primaryId.toString());
        c.put("PrimaryEntityName", logicalName);
        if (requestId == null) {
            c.putNull("RequestId");
        } else {
            c.put("RequestId", requestId.toString());
        }
        c.put("SecondaryEntityName", "none");
        ArrayNode shared = c.putArray("SharedVariables");
        if (!withImages) {
            ArrayNode changed = NODES.arrayNode();
            ObjectNode pair = changed.addObject();
            pair.put("__type", "KeyValuePairOfstringstring:#System.Collections.Generic");
            pair.put("key", logicalName);
            pair.put("value", message);
            shared.add(keyValue("ChangedEntityTypes", changed));
            shared.add(keyValue("IsAutoTransact", NODES.booleanNode(true)));
        }
        sharedVariables.forEach((k, v) -> shared.add(keyValue(k, v)));
        c.put("Stage", stage);
        c.put("UserAzureActiveDirectoryObjectId", "3d280606-3712-4759-b6b9-7302f8d1a3b0");
        c.put("UserId", SYSTEM_USER_ID.toString());
        return c;
    }

    private String primaryKey() {
        return logicalName + "id";
    }

    private Entity preImage() {
        if (preImage == null) {
            preImage = new Entity();
        }
        return preImage;
    }

    private Entity postImage() {
        if (postImage == null) {
            postImage = new Entity();
        }
        return postImage;
    }

    /** The columns and display labels of one Entity (Target or image). */
    private static final class Entity {
        final Map<String, JsonNode> attributes = new LinkedHashMap<>();
        final Map<String, String> formatted = new LinkedHashMap<>();

        /** The columns the caller sent: without what the platform adds, without labels. */
        Entity asSent() {
            Entity sent = new Entity();
            attributes.forEach((k, v) -> {
                if (!PLATFORM_COLUMNS.contains(k)) {
                    sent.attributes.put(k, v);
                }
            });
            return sent;
        }

        void put(String column, Object value) {
            attributes.put(column, node(value));
            if (value instanceof Choice choice && choice.isKnown()) {
                formatted.put(column, choice.label());
            }
        }

        /**
         * @param primaryKey the id column to add as Dataverse does (it always sends the primary key), or null
         */
        ObjectNode toNode(String logicalName, UUID id, boolean typed, String primaryKey) {
            ObjectNode e = NODES.objectNode();
            if (typed) {
                e.put("__type", "Entity:" + CONTRACTS);
            }
            ArrayNode attrs = e.putArray("Attributes");
            attributes.forEach((k, v) -> attrs.add(keyValue(k, v)));
            if (primaryKey != null && !attributes.containsKey(primaryKey) && !id.equals(EMPTY_GUID)) {
                attrs.add(keyValue(primaryKey, NODES.textNode(id.toString())));
            }
            e.putNull("EntityState");
            ArrayNode labels = e.putArray("FormattedValues");
            formatted.forEach((k, v) -> labels.add(keyValue(k, NODES.textNode(v))));
            e.put("Id", id.toString());
            e.putArray("KeyAttributes");
            e.put("LogicalName", logicalName);
            e.putArray("RelatedEntities");
            e.putNull("RowVersion");
            return e;
        }
    }

    // ---- value encodings ----------------------------------------------------------------------------------

    /** {@code {"key": k, "value": v}}, the element of every DataContract collection. */
    public static ObjectNode keyValue(String key, JsonNode value) {
        ObjectNode kv = NODES.objectNode();
        kv.put("key", key);
        kv.set("value", value);
        return kv;
    }

    /** A Choice, State or Status value. */
    public static ObjectNode option(int value) {
        ObjectNode o = NODES.objectNode();
        o.put("__type", "OptionSetValue:" + CONTRACTS);
        o.put("Value", value);
        return o;
    }

    /** A multi-select choice value: a bare array of OptionSetValue objects. */
    public static ArrayNode options(int... values) {
        ArrayNode array = NODES.arrayNode();
        for (int v : values) {
            array.add(option(v));
        }
        return array;
    }

    public static ObjectNode money(String amount) {
        ObjectNode o = NODES.objectNode();
        o.put("__type", "Money:" + CONTRACTS);
        o.put("Value", new BigDecimal(amount));
        return o;
    }

    /** A lookup value; {@code name} may be null, as Dataverse mostly sends it. */
    public static ObjectNode ref(String logicalName, UUID id, String name) {
        return entityReference(logicalName, id, name);
    }

    public static ObjectNode ref(String logicalName, UUID id) {
        return entityReference(logicalName, id, null);
    }

    private static ObjectNode entityReference(String logicalName, UUID id, String name) {
        ObjectNode o = NODES.objectNode();
        o.put("__type", "EntityReference:" + CONTRACTS);
        o.put("Id", id.toString());
        o.putArray("KeyAttributes");
        o.put("LogicalName", logicalName);
        o.put("Name", name);
        o.putNull("RowVersion");
        return o;
    }

    /** {@code /Date(ms)/} (before slash escaping). */
    public static String wcfDate(Instant instant) {
        return "/Date(" + instant.toEpochMilli() + ")/";
    }

    /** {@code /Date(ms+hhmm)/}: the milliseconds stay UTC, the suffix only names the sender's zone. */
    public static String wcfDate(Instant instant, String offset) {
        return "/Date(" + instant.toEpochMilli() + offset + ")/";
    }

    /** {@code {"__type":"Guid:#System","__value":"..."}}. */
    public static ObjectNode wrappedGuid(UUID id) {
        ObjectNode o = NODES.objectNode();
        o.put("__type", "Guid:#System");
        o.put("__value", id.toString());
        return o;
    }

    /** {@code {"__type":"DateTime:#System","__value":"/Date(ms)/"}}. */
    public static ObjectNode wrappedDate(Instant instant) {
        ObjectNode o = NODES.objectNode();
        o.put("__type", "DateTime:#System");
        o.put("__value", wcfDate(instant));
        return o;
    }

    /** Parses raw JSON text into a value, for encodings no helper makes. */
    public static JsonNode rawJson(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** A Java value in its Dataverse JSON encoding. */
    public static JsonNode node(Object value) {
        if (value == null) {
            return NODES.nullNode();
        } else if (value instanceof JsonNode n) {
            return n;
        } else if (value instanceof String s) {
            return NODES.textNode(s);
        } else if (value instanceof Integer i) {
            return NODES.numberNode(i);
        } else if (value instanceof Long l) {
            return NODES.numberNode(l);
        } else if (value instanceof BigDecimal d) {
            return NODES.numberNode(d);
        } else if (value instanceof Double d) {
            return NODES.numberNode(d);
        } else if (value instanceof Boolean b) {
            return NODES.booleanNode(b);
        } else if (value instanceof UUID u) {
            return NODES.textNode(u.toString());
        } else if (value instanceof Instant t) {
            return NODES.textNode(wcfDate(t));
        } else if (value instanceof Choice c) {
            return option(c.value());
        } else if (value instanceof EntityReference r) {
            return entityReference(r.logicalName(), r.id(), r.name());
        }
        throw new IllegalArgumentException("no Dataverse encoding for " + value.getClass());
    }
}
