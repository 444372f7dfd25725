package com.synapselinkhealth.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A small JSON Schema (draft-06/07) validator for test data, covering what the official Adaptive Card schema uses:
 * {@code $ref} to {@code #/definitions/...}, {@code type} (one or several), {@code enum}, {@code const},
 * {@code pattern}, {@code properties}, {@code additionalProperties} (false or a schema, judged against the same
 * schema object's {@code properties} only, as the spec says), {@code required}, {@code allOf}, {@code anyOf},
 * {@code oneOf}, {@code not}, {@code items}, {@code minItems}/{@code maxItems}, {@code minLength}/{@code maxLength},
 * {@code minimum}/{@code maximum} and {@code format} {@code uri} and {@code uri-reference}. Annotations
 * ({@code description}, {@code version}, {@code examples}, ...) are ignored. Errors name the place by JSON path.
 */
public final class JsonSchemaValidator {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final JsonNode root;

    public JsonSchemaValidator(JsonNode root) {
        this.root = root;
    }

    /** Loads a schema from the test class path. */
    public static JsonSchemaValidator fromResource(String name) {
        try (InputStream in = JsonSchemaValidator.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + name);
            }
            return new JsonSchemaValidator(JSON.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What is wrong with the value; empty when it conforms to the root schema. */
    public List<String> validate(JsonNode value) {
        List<String> errors = new ArrayList<>();
        check(root, value, "$", errors, 0);
        return errors;
    }

    private JsonNode resolve(JsonNode schema) {
        JsonNode current = schema;
        Set<String> seen = new HashSet<>();
        while (current.has("$ref")) {
            String ref = current.get("$ref").asText();
            if (!ref.startsWith("#") || !seen.add(ref)) {
                throw new IllegalArgumentException("cannot resolve $ref " + ref);
            }
            JsonNode target = root.at(ref.substring(1));
            if (target.isMissingNode()) {
                throw new IllegalArgumentException("$ref " + ref + " points at nothing");
            }
            current = target;
        }
        return current;
    }

    private void check(JsonNode rawSchema, JsonNode value, String path, List<String> errors, int depth) {
        if (depth > 200) {
            errors.add(path + ": schema nesting too deep");
            return;
        }
        if (rawSchema.isBoolean()) {
            if (!rawSchema.asBoolean()) {
                errors.add(path + ": no value is allowed here");
            }
            return;
        }
        JsonNode schema = resolve(rawSchema);
        if (schema.has("type") && !typeMatches(schema.get("type"), value)) {
            errors.add(path + ": expected type " + schema.get("type") + ", got " + value.getNodeType());
            return;
        }
        if (schema.has("enum")) {
            boolean found = false;
            for (JsonNode allowed : schema.get("enum")) {
                found |= allowed.equals(value);
            }
            if (!found) {
                errors.add(path + ": " + value + " is not one of " + schema.get("enum"));
            }
        }
        if (schema.has("const") && !schema.get("const").equals(value)) {
            errors.add(path + ": " + value + " is not " + schema.get("const"));
        }
        if (value.isTextual()) {
            checkString(schema, value.asText(), path, errors);
        }
        if (value.isNumber()) {
            if (schema.has("minimum") && value.doubleValue() < schema.get("minimum").asDouble()) {
                errors.add(path + ": below the minimum");
            }
            if (schema.has("maximum") && value.doubleValue() > schema.get("maximum").asDouble()) {
                errors.add(path + ": above the maximum");
            }
        }
        if (value.isArray()) {
            if (schema.has("minItems") && value.size() < schema.get("minItems").asInt()) {
                errors.add(path + ": fewer than " + schema.get("minItems") + " items");
            }
            if (schema.has("maxItems") && value.size() > schema.get("maxItems").asInt()) {
                errors.add(path + ": more than " + schema.get("maxItems") + " items");
            }
            if (schema.has("items") && schema.get("items").isObject()) {
                for (int i = 0; i < value.size(); i++) {
                    check(schema.get("items"), value.get(i), path + "[" + i + "]", errors, depth + 1);
                }
            }
        }
        if (value.isObject()) {
            checkObject(schema, value, path, errors, depth);
        }
        for (JsonNode part : schema.path("allOf")) {
            check(part, value, path, errors, depth + 1);
        }
        if (schema.has("anyOf") && countMatching(schema.get("anyOf"), value, path, depth) == 0) {
            errors.add(path + ": matches none of the anyOf alternatives" + firstErrors(schema.get("anyOf"), value, path, depth));
        }
        if (schema.has("oneOf") && countMatching(schema.get("oneOf"), value, path, depth) != 1) {
            errors.add(path + ": does not match exactly one of the oneOf alternatives");
        }
        if (schema.has("not")) {
            List<String> sub = new ArrayList<>();
            check(schema.get("not"), value, path, sub, depth + 1);
            if (sub.isEmpty()) {
                errors.add(path + ": matches the schema under 'not'");
            }
        }
    }

    private void checkObject(JsonNode schema, JsonNode value, String path, List<String> errors, int depth) {
        for (JsonNode name : schema.path("required")) {
            if (!value.has(name.asText())) {
                errors.add(path + ": the required member '" + name.asText() + "' is missing");
            }
        }
        JsonNode properties = schema.path("properties");
        JsonNode additional = schema.get("additionalProperties");
        for (Map.Entry<String, JsonNode> member : value.properties()) {
            String at = path + "." + member.getKey();
            if (properties.has(member.getKey())) {
                check(properties.get(member.getKey()), member.getValue(), at, errors, depth + 1);
            } else if (additional != null) {
                if (additional.isBoolean() && !additional.asBoolean()) {
                    errors.add(at + ": the schema allows no member '" + member.getKey() + "'");
                } else if (additional.isObject()) {
                    check(additional, member.getValue(), at, errors, depth + 1);
                }
            }
        }
    }

    private void checkString(JsonNode schema, String text, String path, List<String> errors) {
        if (schema.has("pattern") && !Pattern.compile(schema.get("pattern").asText()).matcher(text).find()) {
            errors.add(path + ": '" + text + "' does not match " + schema.get("pattern").asText());
        }
        int length = text.codePointCount(0, text.length());
        if (schema.has("minLength") && length < schema.get("minLength").asInt()) {
            errors.add(path + ": shorter than " + schema.get("minLength"));
        }
        if (schema.has("maxLength") && length > schema.get("maxLength").asInt()) {
            errors.add(path + ": longer than " + schema.get("maxLength"));
        }
        String format = schema.path("format").asText("");
        if (format.equals("uri") || format.equals("uri-reference")) {
            try {
                URI uri = new URI(text);
                if (format.equals("uri") && !uri.isAbsolute()) {
                    errors.add(path + ": '" + text + "' is not an absolute URI");
                }
            } catch (URISyntaxException e) {
                errors.add(path + ": '" + text + "' is not a URI reference");
            }
        }
    }

    private int countMatching(JsonNode alternatives, JsonNode value, String path, int depth) {
        int matching = 0;
        for (JsonNode alternative : alternatives) {
            List<String> sub = new ArrayList<>();
            check(alternative, value, path, sub, depth + 1);
            if (sub.isEmpty()) {
                matching++;
            }
        }
        return matching;
    }

    /** The errors of the alternative that came closest, to explain an anyOf miss. */
    private String firstErrors(JsonNode alternatives, JsonNode value, String path, int depth) {
        List<String> best = null;
        for (JsonNode alternative : alternatives) {
            List<String> sub = new ArrayList<>();
            check(alternative, value, path, sub, depth + 1);
            if (best == null || sub.size() < best.size()) {
                best = sub;
            }
        }
        return best == null || best.isEmpty() ? "" : " (closest: " + best + ")";
    }

    private static boolean typeMatches(JsonNode type, JsonNode value) {
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (typeMatches(t, value)) {
                    return true;
                }
            }
            return false;
        }
        return switch (type.asText()) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "number" -> value.isNumber();
            case "integer" -> value.isIntegralNumber();
            case "boolean" -> value.isBoolean();
            case "null" -> value.isNull();
            default -> false;
        };
    }
}
