package com.synapselinkhealth.connector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Checks responses against an OpenAPI 2.0 (Swagger) definition, strictly: {@code $ref} resolved, {@code type}
 * (integer, number, boolean, string, array, object), {@code required}, {@code enum}, {@code x-nullable} (null is
 * refused unless the schema says {@code x-nullable: true}), {@code format} (date-time, date, uuid, uri, int32, int64),
 * {@code pattern}, lengths and bounds, {@code items}, {@code allOf}; and an object member the schema does not
 * declare is an error unless the schema allows it with {@code additionalProperties}.
 *
 * <pre>{@code
 * SwaggerSchemaValidator connector = SwaggerSchemaValidator.connector();
 * List<String> errors = connector.validate("ListProfiles", 200, JSON.readTree(body));
 * assertEquals(List.of(), errors);
 * }</pre>
 *
 * Every method returns the list of what is wrong (empty when the value conforms), each entry naming the place
 * with a JSON path ({@code $.value[0].lagSeconds: ...}).
 */
public final class SwaggerSchemaValidator {
    /** Where the connector's definition lives, relative to the repository root. */
    public static final String CONNECTOR_DEFINITION = "connector/apiDefinition.swagger.json";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch");
    private static final Pattern DATE_TIME = Pattern.compile(
        "^\\d{4}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?([Zz]|[+-]\\d{2}:\\d{2})$");
    private static final Pattern DATE = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}$");
    private static final Pattern UUID_FORM = Pattern.compile(
        "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");
    private static final int MAX_REF_DEPTH = 64;

    /**
     * One operation of the definition.
     *
     * @param method upper case, e.g. {@code GET}
     * @param path the path template below the base path, e.g. {@code /profiles/{profileId}/health}
     * @param node the operation object
     * @param pathItem the path item object it belongs to (path-level parameters, {@code x-ms-notification-content})
     */
    public record Operation(String operationId, String method, String path, JsonNode node, JsonNode pathItem) {
        /** The declared status codes, e.g. {@code 200}, {@code 400}, {@code default}. */
        public Set<String> statuses() {
            Set<String> statuses = new LinkedHashSet<>();
            node.path("responses").fieldNames().forEachRemaining(statuses::add);
            return statuses;
        }
    }

    /** The media type of every error the service answers itself. */
    public static final String PROBLEM_MEDIA_TYPE = "application/problem+json";
    /** The error document's schema, kept beside the tests (the definition declares schemas on success responses only). */
    public static final String PROBLEM_SCHEMA = "/connector/problem.schema.json";

    private final JsonNode definition;
    private final Map<String, Operation> operations;
    /** The schema of an error body (status 400 and up), or {@code null}: an error response must then declare none. */
    private final JsonNode errorSchema;

    private SwaggerSchemaValidator(JsonNode definition) {
        this(definition, null);
    }

    private SwaggerSchemaValidator(JsonNode definition, JsonNode errorSchema) {
        this.definition = Objects.requireNonNull(definition, "'definition' cannot be null.");
        this.errorSchema = errorSchema;
        if (!"2.0".equals(definition.path("swagger").asText())) {
            throw new IllegalArgumentException("not an OpenAPI 2.0 definition: swagger is '" + definition.path("swagger")
                + "'");
        }
        Map<String, Operation> byId = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> path : definition.path("paths").properties()) {
            for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
                if (!METHODS.contains(op.getKey())) {
                    continue;
                }
                String id = op.getValue().path("operationId").asText(null);
                if (id == null) {
                    throw new IllegalArgumentException(op.getKey() + " " + path.getKey() + " has no operationId");
                }
                Operation previous = byId.put(id, new Operation(id, op.getKey().toUpperCase(Locale.ROOT), path.getKey(),
                    op.getValue(), path.getValue()));
                if (previous != null) {
                    throw new IllegalArgumentException("two operations are named " + id);
                }
            }
        }
        this.operations = Collections.unmodifiableMap(byId);
    }

    public static SwaggerSchemaValidator of(JsonNode definition) {
        return new SwaggerSchemaValidator(definition);
    }

    public static SwaggerSchemaValidator load(Path file) {
        try {
            return new SwaggerSchemaValidator(JSON.readTree(file.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /**
     * The connector's definition, found from the build's base directory (or the working directory) upwards, with the
     * problem document's schema ({@link #PROBLEM_SCHEMA}) for the error responses, which the definition describes in
     * words only.
     */
    public static SwaggerSchemaValidator connector() {
        try (var in = SwaggerSchemaValidator.class.getResourceAsStream(PROBLEM_SCHEMA)) {
            if (in == null) {
                throw new IllegalStateException("no " + PROBLEM_SCHEMA + " on the test classpath");
            }
            return load(connectorDefinitionPath()).withErrorSchema(JSON.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + PROBLEM_SCHEMA, e);
        }
    }

    /**
     * This definition, checking the body of every error response (400 and up) that declares no schema of its own
     * against {@code schema}, with the media type {@link #PROBLEM_MEDIA_TYPE}.
     */
    public SwaggerSchemaValidator withErrorSchema(JsonNode schema) {
        return new SwaggerSchemaValidator(definition, Objects.requireNonNull(schema, "'schema' cannot be null."));
    }

    public static Path connectorDefinitionPath() {
        for (String start : new String[] {System.getProperty("basedir"), System.getProperty("user.dir")}) {
            if (start == null) {
                continue;
            }
            for (Path dir = Path.of(start).toAbsolutePath(); dir != null; dir = dir.getParent()) {
                Path candidate = dir.resolve(CONNECTOR_DEFINITION);
                if (Files.isRegularFile(candidate)) {
                    return candidate;
                }
            }
        }
        throw new IllegalStateException("no " + CONNECTOR_DEFINITION + " above " + System.getProperty("user.dir"));
    }

    public JsonNode definition() {
        return definition;
    }

    /**
     * {@code basePath} without a trailing slash, so that {@code basePath() + path} is the request path: {@code ""} for
     * {@code /} (the paths then carry the whole path, e.g. {@code /api/profiles}), {@code /v1} for {@code /v1/}.
     */
    public String basePath() {
        return definition.path("basePath").asText("").replaceAll("/+$", "");
    }

    /** Every operation by operationId, in the order of the definition. */
    public Map<String, Operation> operations() {
        return operations;
    }

    public Operation operation(String operationId) {
        Operation op = operations.get(operationId);
        if (op == null) {
            throw new IllegalArgumentException("the definition has no operation " + operationId + "; it has "
                + operations.keySet());
        }
        return op;
    }

    /** The media types an operation may answer with: its {@code produces}, else the definition's. */
    public List<String> produces(String operationId) {
        JsonNode produces = operation(operationId).node().has("produces") ? operation(operationId).node().get("produces")
            : definition.path("produces");
        List<String> types = new ArrayList<>();
        produces.forEach(t -> types.add(t.asText()));
        return types;
    }

    /**
     * The response object of a status ({@code $ref} resolved), falling back to {@code default}; empty when the
     * operation declares neither.
     */
    public Optional<JsonNode> response(String operationId, int status) {
        JsonNode responses = operation(operationId).node().path("responses");
        JsonNode response = responses.has(Integer.toString(status)) ? responses.get(Integer.toString(status))
            : responses.get("default");
        return Optional.ofNullable(response).map(r -> resolve(r, new ArrayList<>()));
    }

    /**
     * Checks a response of an operation: the status must be declared; a body must be present exactly when the
     * response declares a schema, and conform to it.
     *
     * @param body the parsed body, or {@code null} / a missing node for a response without a body
     */
    public List<String> validate(String operationId, int status, JsonNode body) {
        List<String> errors = new ArrayList<>();
        Operation op = operations.get(operationId);
        if (op == null) {
            errors.add("the definition has no operation " + operationId);
            return errors;
        }
        Optional<JsonNode> response = response(operationId, status);
        if (response.isEmpty()) {
            errors.add(operationId + " declares no response " + status + " (it declares " + op.statuses() + ")");
            return errors;
        }
        boolean hasBody = body != null && !body.isMissingNode();
        JsonNode schema = response.get().get("schema");
        if (schema == null && status >= 400 && errorSchema != null) {
            // an error described in words: its body, when the service answers one, is a problem document
            if (hasBody) {
                check(errorSchema, body, "$", errors);
            }
            return errors;
        }
        if (schema == null) {
            if (hasBody) {
                errors.add(operationId + " " + status + " declares no body, but the response has one: " + clip(body));
            }
            return errors;
        }
        if (!hasBody) {
            errors.add(operationId + " " + status + " declares a body, but the response has none");
            return errors;
        }
        check(schema, body, "$", errors);
        return errors;
    }

    /**
     * Checks a whole HTTP response: {@link #validate(String, int, JsonNode)} on the parsed body, and a body's media
     * type (without parameters) must be one the operation {@code produces}, or {@link #PROBLEM_MEDIA_TYPE} for an
     * error response described in words (with an error schema).
     *
     * @param contentType the Content-Type header, or {@code null}
     * @param bodyText the body, or {@code null} / empty for none
     */
    public List<String> validate(String operationId, int status, String contentType, String bodyText) {
        List<String> errors = new ArrayList<>();
        JsonNode body = MissingNode.getInstance();
        if (bodyText != null && !bodyText.isEmpty()) {
            String mediaType = contentType == null ? null : contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
            if (status >= 400 && errorSchema != null && response(operationId, status).map(r -> !r.has("schema"))
                .orElse(false)) {
                if (!PROBLEM_MEDIA_TYPE.equals(mediaType)) {
                    errors.add(operationId + " " + status + ": Content-Type " + contentType + " is not "
                        + PROBLEM_MEDIA_TYPE);
                }
            } else if (operations.containsKey(operationId) && !produces(operationId).contains(mediaType)) {
                errors.add(operationId + " " + status + ": Content-Type " + contentType + " is not one of "
                    + produces(operationId));
            }
            try {
                body = JSON.readTree(bodyText);
            } catch (IOException e) {
                errors.add(operationId + " " + status + ": the body is not JSON: " + clip(bodyText));
                return errors;
            }
        }
        errors.addAll(validate(operationId, status, body));
        return errors;
    }

    /** Checks a value against one of the definitions, e.g. {@code validateDefinition("Problem", node)}. */
    public List<String> validateDefinition(String name, JsonNode value) {
        JsonNode schema = definition.path("definitions").get(name);
        if (schema == null) {
            return List.of("the definition has no definitions/" + name);
        }
        return validateSchema(schema, value);
    }

    /** Checks a value against any schema of (or in the style of) this definition; {@code $ref}s resolve here. */
    public List<String> validateSchema(JsonNode schema, JsonNode value) {
        List<String> errors = new ArrayList<>();
        check(schema, value, "$", errors);
        return errors;
    }

    /** The schema (or response, or parameter) a {@code $ref} points at, followed until it is not a reference. */
    public JsonNode resolve(JsonNode node) {
        return resolve(node, new ArrayList<>());
    }

    private JsonNode resolve(JsonNode node, List<String> seen) {
        JsonNode current = node;
        while (current != null && current.has("$ref")) {
            String ref = current.get("$ref").asText();
            if (!ref.startsWith("#/") || seen.contains(ref) || seen.size() > MAX_REF_DEPTH) {
                throw new IllegalArgumentException("cannot resolve $ref " + ref + (seen.isEmpty() ? "" : " via " + seen));
            }
            seen.add(ref);
            JsonNode target = definition.at(ref.substring(1));
            if (target.isMissingNode()) {
                throw new IllegalArgumentException("$ref " + ref + " points at nothing");
            }
            current = target;
        }
        return current;
    }

    private void check(JsonNode rawSchema, JsonNode value, String path, List<String> errors) {
        JsonNode schema;
        try {
            schema = resolve(rawSchema, new ArrayList<>());
        } catch (IllegalArgumentException e) {
            errors.add(path + ": " + e.getMessage());
            return;
        }
        if (value == null || value.isMissingNode()) {
            errors.add(path + ": no value");
            return;
        }
        if (value.isNull()) {
            if (!schema.path("x-nullable").asBoolean(false)) {
                errors.add(path + ": null, but the schema is not x-nullable");
            }
            return;
        }
        List<JsonNode> all = new ArrayList<>();
        all.add(schema);
        collectAllOf(schema, all, new HashSet<>());
        for (JsonNode part : all) {
            if (!checkOne(part, value, path, errors)) {
                return;
            }
        }
        if (value.isObject()) {
            checkMembers(all, value, path, errors);
        }
    }

    private void collectAllOf(JsonNode schema, List<JsonNode> into, Set<JsonNode> seen) {
        for (JsonNode sub : schema.path("allOf")) {
            JsonNode resolved = resolve(sub, new ArrayList<>());
            if (seen.add(resolved)) {
                into.add(resolved);
                collectAllOf(resolved, into, seen);
            }
        }
    }

    /** The checks of one schema that do not look at object members; false when the type is wrong (stop there). */
    private boolean checkOne(JsonNode schema, JsonNode value, String path, List<String> errors) {
        String type = schema.path("type").asText(schema.has("properties") ? "object" : "");
        boolean typeOk = switch (type) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            case "", "file" -> true;
            default -> {
                errors.add(path + ": the schema has an unknown type '" + type + "'");
                yield false;
            }
        };
        if (!typeOk) {
            errors.add(path + ": expected " + (type.startsWith("a") || type.startsWith("i") || type.startsWith("o")
                ? "an " : "a ") + type + ", got " + describe(value));
            return false;
        }
        if (schema.has("enum")) {
            boolean found = false;
            for (JsonNode allowed : schema.get("enum")) {
                found |= allowed.equals(value);
            }
            if (!found) {
                errors.add(path + ": " + clip(value) + " is not one of " + schema.get("enum"));
            }
        }
        if (value.isTextual()) {
            checkString(schema, value.asText(), path, errors);
        } else if (value.isNumber()) {
            checkNumber(schema, value, path, errors);
        } else if (value.isArray()) {
            checkArray(schema, value, path, errors);
        }
        return true;
    }

    private static void checkString(JsonNode schema, String text, String path, List<String> errors) {
        String format = schema.path("format").asText("");
        String problem = switch (format) {
            case "date-time" -> isDateTime(text) ? null : "is not an RFC 3339 date-time";
            case "date" -> isDate(text) ? null : "is not an RFC 3339 full-date";
            case "uuid" -> UUID_FORM.matcher(text).matches() ? null : "is not a uuid";
            case "uri" -> isAbsoluteUri(text) ? null : "is not an absolute URI";
            default -> null;
        };
        if (problem != null) {
            errors.add(path + ": '" + clip(text) + "' " + problem);
        }
        if (schema.has("pattern")) {
            try {
                if (!Pattern.compile(schema.get("pattern").asText()).matcher(text).find()) {
                    errors.add(path + ": '" + clip(text) + "' does not match " + schema.get("pattern").asText());
                }
            } catch (PatternSyntaxException e) {
                errors.add(path + ": the schema's pattern does not compile: " + e.getMessage());
            }
        }
        int length = text.codePointCount(0, text.length());
        if (schema.has("minLength") && length < schema.get("minLength").asInt()) {
            errors.add(path + ": shorter than " + schema.get("minLength").asInt() + " characters");
        }
        if (schema.has("maxLength") && length > schema.get("maxLength").asInt()) {
            errors.add(path + ": longer than " + schema.get("maxLength").asInt() + " characters");
        }
    }

    private static void checkNumber(JsonNode schema, JsonNode value, String path, List<String> errors) {
        String format = schema.path("format").asText("");
        if (value.isIntegralNumber()) {
            BigInteger n = value.bigIntegerValue();
            if (format.equals("int32") && (n.bitLength() > 31)) {
                errors.add(path + ": " + n + " is out of the int32 range");
            } else if (format.equals("int64") && n.bitLength() > 63) {
                errors.add(path + ": " + n + " is out of the int64 range");
            }
        }
        double d = value.doubleValue();
        if (schema.has("minimum")) {
            double min = schema.get("minimum").asDouble();
            boolean exclusive = schema.path("exclusiveMinimum").asBoolean(false);
            if (exclusive ? d <= min : d < min) {
                errors.add(path + ": " + value + " is below the minimum " + schema.get("minimum"));
            }
        }
        if (schema.has("maximum")) {
            double max = schema.get("maximum").asDouble();
            boolean exclusive = schema.path("exclusiveMaximum").asBoolean(false);
            if (exclusive ? d >= max : d > max) {
                errors.add(path + ": " + value + " is above the maximum " + schema.get("maximum"));
            }
        }
    }

    private void checkArray(JsonNode schema, JsonNode value, String path, List<String> errors) {
        if (schema.has("minItems") && value.size() < schema.get("minItems").asInt()) {
            errors.add(path + ": fewer than " + schema.get("minItems").asInt() + " items");
        }
        if (schema.has("maxItems") && value.size() > schema.get("maxItems").asInt()) {
            errors.add(path + ": more than " + schema.get("maxItems").asInt() + " items");
        }
        if (schema.path("uniqueItems").asBoolean(false)) {
            Set<JsonNode> seen = new HashSet<>();
            for (JsonNode item : value) {
                if (!seen.add(item)) {
                    errors.add(path + ": the item " + clip(item) + " occurs more than once");
                }
            }
        }
        JsonNode items = schema.get("items");
        if (items == null) {
            errors.add(path + ": the schema of this array declares no items");
            return;
        }
        for (int i = 0; i < value.size(); i++) {
            check(items, value.get(i), path + "[" + i + "]", errors);
        }
    }

    /** required, properties, and members nobody declared (over the schema and its allOf parts together). */
    private void checkMembers(List<JsonNode> schemas, JsonNode value, String path, List<String> errors) {
        Map<String, JsonNode> declared = new LinkedHashMap<>();
        JsonNode additional = null;
        boolean additionalAllowed = false;
        for (JsonNode schema : schemas) {
            for (JsonNode name : schema.path("required")) {
                if (!value.has(name.asText())) {
                    errors.add(path + ": the required member '" + name.asText() + "' is missing");
                }
            }
            schema.path("properties").properties().forEach(p -> declared.putIfAbsent(p.getKey(), p.getValue()));
            JsonNode ap = schema.get("additionalProperties");
            if (ap != null && ap.isBoolean() && ap.asBoolean()) {
                additionalAllowed = true;
            } else if (ap != null && ap.isObject()) {
                additional = ap;
            }
        }
        for (Map.Entry<String, JsonNode> member : value.properties()) {
            String at = path + "." + member.getKey();
            JsonNode propertySchema = declared.get(member.getKey());
            if (propertySchema != null) {
                check(propertySchema, member.getValue(), at, errors);
            } else if (additional != null) {
                check(additional, member.getValue(), at, errors);
            } else if (!additionalAllowed) {
                errors.add(at + ": the schema declares no member '" + member.getKey() + "' (it declares "
                    + declared.keySet() + ")");
            }
        }
    }

    static boolean isDateTime(String text) {
        if (!DATE_TIME.matcher(text).matches()) {
            return false;
        }
        try {
            OffsetDateTime.parse(text.toUpperCase(Locale.ROOT));
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static boolean isDate(String text) {
        if (!DATE.matcher(text).matches()) {
            return false;
        }
        try {
            LocalDate.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static boolean isAbsoluteUri(String text) {
        try {
            URI uri = new URI(text);
            return uri.isAbsolute() && uri.getScheme() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static String describe(JsonNode value) {
        if (value.isTextual()) {
            return "the string '" + clip(value.asText()) + "'";
        }
        if (value.isIntegralNumber()) {
            return "the integer " + value;
        }
        if (value.isNumber()) {
            return "the number " + value;
        }
        if (value.isBoolean()) {
            return "the boolean " + value;
        }
        return value.isArray() ? "an array" : value.isObject() ? "an object" : value.getNodeType().toString();
    }

    private static String clip(Object value) {
        String text = String.valueOf(value);
        return text.length() > 120 ? text.substring(0, 120) + "..." : text;
    }
}
