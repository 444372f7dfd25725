package com.synapselinkhealth.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import com.synapselinkhealth.app.LinkHealth;
import com.synapselinkhealth.config.Settings;
import com.synapselinkhealth.connector.SwaggerSchemaValidator.Operation;
import com.synapselinkhealth.dataverse.TransportHints;
import com.synapselinkhealth.dataverse.json.RemoteExecutionContextParser;
import com.synapselinkhealth.functions.DataverseWebhookFunction;
import com.synapselinkhealth.local.LocalServer;
import com.synapselinkhealth.testing.StatusScenario;
import com.synapselinkhealth.testing.SynapseLink;
import com.synapselinkhealth.testing.TestClock;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The connector's definition ({@code connector/apiDefinition.swagger.json}) and the Function app agree.
 *
 * <ul>
 *   <li>By reflection over the compiled function classes: every operation is an HTTP function whose
 *       {@code @FunctionName} is the operationId, with the same method, the same path ({@code basePath} = the host's
 *       route prefix, plus the {@code @HttpTrigger} route), the same path parameter names (each bound with
 *       {@code @BindingName}) and auth level FUNCTION; and the app exposes nothing under the base path that the
 *       definition lacks, but for {@link #NOT_CONNECTOR_OPERATIONS}.</li>
 *   <li>Over HTTP through the local host ({@link LocalServer}, with a function key): every declared query parameter is
 *       accepted with a valid value, an undeclared one is ignored; every operation is called for every status it
 *       declares, and each answer is checked against the definition: the body against the schema of that status
 *       ({@link SwaggerSchemaValidator}), the media type against the operation's {@code produces}, declared headers
 *       present (the 201's {@code Location} absolute, on the same host and base path).</li>
 * </ul>
 */
@Timeout(120)
class ConnectorAgreementTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SwaggerSchemaValidator CONNECTOR = SwaggerSchemaValidator.connector();
    private static final String KEY = "agreement-Test_key-0123456789";
    private static final String CONTOSO = SynapseLink.PROFILE_ID.toString();
    private static final String UNKNOWN_PROFILE = "00000000-0000-4000-8000-000000000001";
    private static final long BODY_LIMIT = 8192;
    /** The app's route prefix (host.json), which the definition's paths begin with: its basePath is {@code /}. */
    private static final String API = "/api";
    /**
     * A flow's callback URL that the relaxed policy ({@code allowLocalCallbacks}) accepts without DNS: https, on a
     * loopback literal and a port nothing listens on. (A public-looking host such as prod-00.westeurope.logic.azure.com
     * would need name resolution at subscribe time, which a build machine may not have.) No event is raised after a
     * subscription is made here, so nothing is ever sent to it.
     */
    private static final String CALLBACK =
        "https://127.0.0.1:1/workflows/5b2c1f0e9a7d/triggers/manual/paths/invoke?api-version=2016-06-01&sig=abc";

    /**
     * HTTP functions under the base path that are deliberately not operations of the connector ("METHOD route").
     * The local server's {@code GET /api/health} is not an {@code @HttpTrigger} (LocalRoutesTest keeps it local-only),
     * so the app in Azure does not expose it and it needs no entry here.
     */
    private static final Set<String> NOT_CONNECTOR_OPERATIONS = Set.of(
        // Dataverse's webhook service endpoint posts the Synapse Link state-table changes here (issue 2); no flow
        // calls it, so the connector does not describe it.
        "POST dataverse/webhook",
        // the status page for people (issue 6): HTML for a browser, with the key, and anonymously when the setting
        // allows it; flows get the same data from the actions
        "GET status", "GET public/status");

    private static final Pattern ROUTE_PARAMETER = Pattern.compile("\\{\\*?([^}:?=]+)[^}]*}");

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();
    private LinkHealth app;
    private LocalServer server;
    /** Every operation called in this test, with the statuses it answered (each answer checked). */
    private final Map<String, Set<String>> covered = new TreeMap<>();

    @BeforeEach
    void start() throws Exception {
        app = LinkHealth.inMemory(Settings.of(Map.of(Settings.MAX_BODY_BYTES, Long.toString(BODY_LIMIT))),
            new TestClock(StatusScenario.NOW), event -> { }, true);
        RemoteExecutionContextParser parser = new RemoteExecutionContextParser();
        StatusScenario.seed(callback -> app.processor().process(parser.parse(callback.build(), TransportHints.NONE)));
        server = new LocalServer(app, "127.0.0.1", 0, KEY, 0).start();
    }

    @AfterEach
    void stop() {
        server.close();
        app.close();
    }

    // ------------------------------------------------------------------ the function classes

    /** One HTTP-triggered function, as its annotations declare it. */
    private record HttpFunction(String name, String javaMethod, List<String> methods, String route,
                                AuthorizationLevel authLevel, Set<String> bindingNames) {
        /** {@code route} with every parameter as a bare {@code {name}} (constraints, {@code ?} and {@code *} removed). */
        String template() {
            return ROUTE_PARAMETER.matcher(route).replaceAll(m -> Matcher.quoteReplacement("{" + m.group(1).trim() + "}"));
        }

        Set<String> routeParameters() {
            return parametersOf(template());
        }
    }

    /** Every method with {@code @FunctionName} and an {@code @HttpTrigger} parameter in the app's compiled classes. */
    private static List<HttpFunction> httpFunctions() throws Exception {
        Path classes = Path.of(DataverseWebhookFunction.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<HttpFunction> found = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(classes)) {
            files = walk.filter(f -> f.toString().endsWith(".class")).sorted().toList();
        }
        for (Path file : files) {
            String relative = classes.relativize(file).toString();
            String className = relative.substring(0, relative.length() - ".class".length()).replace(File.separatorChar, '.');
            if (className.endsWith("module-info") || className.endsWith("package-info")) {
                continue;
            }
            Class<?> type = Class.forName(className, false, ConnectorAgreementTest.class.getClassLoader());
            for (Method m : type.getDeclaredMethods()) {
                FunctionName name = m.getAnnotation(FunctionName.class);
                if (name == null) {
                    continue;
                }
                HttpTrigger trigger = null;
                Set<String> bindings = new TreeSet<>();
                for (Annotation[] parameter : m.getParameterAnnotations()) {
                    for (Annotation a : parameter) {
                        if (a instanceof HttpTrigger t) {
                            trigger = t;
                        } else if (a instanceof BindingName b) {
                            bindings.add(b.value());
                        }
                    }
                }
                if (trigger == null) {
                    continue;
                }
                String route = trigger.route().isEmpty() ? name.value() : trigger.route(); // the host's default route
                route = route.replaceAll("^/+|/+$", "");
                List<String> methods = Arrays.stream(trigger.methods()).map(HttpMethod::name).sorted().toList();
                found.add(new HttpFunction(name.value(), type.getSimpleName() + "." + m.getName(), methods, route,
                    trigger.authLevel(), bindings));
            }
        }
        assertFalse(found.isEmpty(), "no HTTP functions under " + classes);
        return found;
    }

    /** The route prefix of host.json ({@code extensions.http.routePrefix}, {@code api} when unset), as a base path. */
    private static String appBasePath() throws Exception {
        Path root = SwaggerSchemaValidator.connectorDefinitionPath().getParent().getParent();
        JsonNode host = JSON.readTree(root.resolve("host.json").toFile());
        JsonNode prefix = host.path("extensions").path("http").path("routePrefix");
        String text = prefix.isTextual() ? prefix.asText() : "api";
        return text.isEmpty() ? "" : "/" + text.replaceAll("^/+|/+$", "");
    }

    private static Set<String> parametersOf(String template) {
        Set<String> names = new TreeSet<>();
        Matcher m = ROUTE_PARAMETER.matcher(template);
        while (m.find()) {
            names.add(m.group(1).trim());
        }
        return names;
    }

    /** The operation's parameters and its path item's, the operation's winning on the same name and place. */
    private static List<JsonNode> parameters(Operation op) {
        Map<String, JsonNode> byKey = new LinkedHashMap<>();
        for (JsonNode source : List.of(op.pathItem().path("parameters"), op.node().path("parameters"))) {
            for (JsonNode raw : source) {
                JsonNode p = CONNECTOR.resolve(raw);
                byKey.put(p.path("in").asText() + ":" + p.path("name").asText(), p);
            }
        }
        return new ArrayList<>(byKey.values());
    }

    private static Set<String> parameterNames(Operation op, String in) {
        Set<String> names = new TreeSet<>();
        parameters(op).stream().filter(p -> in.equals(p.path("in").asText())).forEach(p -> names.add(p.path("name").asText()));
        return names;
    }

    /**
     * The definition's basePath is {@code /} and every path starts with the host's route prefix, so a request reaches
     * the same path whether the connection's dynamichosturl policy keeps the basePath or replaces it.
     */
    @Test
    void everyPathStartsWithTheHostsRoutePrefixBelowTheBasePathSlash() throws Exception {
        assertEquals("/", CONNECTOR.definition().path("basePath").asText());
        assertEquals(API, appBasePath(), "host.json's routePrefix");
        for (Operation op : CONNECTOR.operations().values()) {
            assertTrue(op.path().startsWith(API + "/"), op.operationId() + ": " + op.path());
        }
    }

    /**
     * Each connection names its own Function app: the definition's host is a reserved name nobody can own
     * ({@code .invalid}), and a dynamichosturl policy sends every operation to {@code https://<hostName>} of the
     * connection, with the paths of the definition. A test connection calls a cheap GET that needs the key.
     */
    @Test
    void eachConnectionNamesItsFunctionAppAndIsTestedWithAKeyedGet() throws Exception {
        JsonNode definition = CONNECTOR.definition();
        assertTrue(definition.path("host").asText().endsWith(".invalid"), definition.path("host").asText());
        JsonNode properties = JSON.readTree(SwaggerSchemaValidator.connectorDefinitionPath().resolveSibling("apiProperties.json")
            .toFile()).path("properties");
        JsonNode hostName = properties.path("connectionParameters").path("hostName");
        assertEquals("string", hostName.path("type").asText(), properties.toString());
        assertEquals("true", hostName.path("uiDefinition").path("constraints").path("required").asText());
        List<JsonNode> hostPolicies = new ArrayList<>();
        properties.path("policyTemplateInstances").forEach(p -> {
            if (p.path("templateId").asText().equals("dynamichosturl")) {
                hostPolicies.add(p);
            }
        });
        assertEquals(1, hostPolicies.size(), "one dynamichosturl policy");
        JsonNode parameters = hostPolicies.get(0).path("parameters");
        assertEquals("https://@connectionParameters('hostName')", parameters.path("x-ms-apimTemplateParameter.urlTemplate").asText());
        assertTrue(parameters.path("x-ms-apimTemplate-operationName").isMissingNode(), "it applies to every operation");
        // one connection type, and it is the one the Functions host checks before any code runs
        assertTrue(properties.path("connectionParameterSets").isMissingNode(), "a single connection type");
        assertEquals(Set.of("hostName", "api_key"), fieldNames(properties.path("connectionParameters")));
        assertEquals("securestring", properties.path("connectionParameters").path("api_key").path("type").asText());
        assertEquals(Set.of("api_key"), fieldNames(definition.path("securityDefinitions")));

        String test = definition.path("x-ms-capabilities").path("testConnection").path("operationId").asText();
        Operation op = CONNECTOR.operation(test);
        assertEquals("GET", op.method());
        assertTrue(parameters(op).stream().noneMatch(p -> p.path("required").asBoolean(false)), "no required parameters");
        expect(200, call(test, op.path(), null));
        expect(401, send(test, request(server.baseUrl(), test, op.path(), null)));
    }

    /** The Privacy policy link of the metadata is the page published from docs/privacy.md, which says so. */
    @Test
    void thePrivacyPolicyLinkIsThePageInDocs() throws Exception {
        String privacy = null;
        for (JsonNode p : CONNECTOR.definition().path("x-ms-connector-metadata")) {
            if (p.path("propertyName").asText().equals("Privacy policy")) {
                privacy = p.path("propertyValue").asText();
            }
        }
        assertNotNull(privacy, "x-ms-connector-metadata has no Privacy policy");
        URI uri = URI.create(privacy);
        assertEquals("https", uri.getScheme(), privacy);
        assertFalse(uri.getPath() == null || uri.getPath().isEmpty() || uri.getPath().equals("/"), "not a site's root: " + privacy);
        Path page = SwaggerSchemaValidator.connectorDefinitionPath().getParent().getParent().resolve("docs/privacy.md");
        String text = Files.readString(page, StandardCharsets.UTF_8);
        assertTrue(text.contains(privacy), "docs/privacy.md names the address it is published at, " + privacy);
        for (String section : List.of("## What the service keeps, and where", "## How long")) {
            assertTrue(text.contains(section), "docs/privacy.md has '" + section + "'");
        }
        JsonNode contact = CONNECTOR.definition().path("info").path("contact");
        assertTrue(text.contains(contact.path("email").asText()), "the contact email is the privacy contact too");
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void everyOperationIsAnHttpFunctionWithTheSameNameMethodPathParametersAndAuthLevel() throws Exception {
        List<HttpFunction> functions = httpFunctions();
        String base = appBasePath();
        List<String> problems = new ArrayList<>();
        for (Operation op : CONNECTOR.operations().values()) {
            List<HttpFunction> named = functions.stream().filter(f -> f.name().equals(op.operationId())).toList();
            if (named.size() != 1) {
                problems.add(op.operationId() + ": expected one HTTP function with @FunctionName(\"" + op.operationId()
                    + "\"), found " + named.size());
                continue;
            }
            HttpFunction f = named.get(0);
            String where = op.operationId() + " (" + f.javaMethod() + ")";
            if (!f.methods().equals(List.of(op.method()))) {
                problems.add(where + ": methods " + f.methods() + ", the definition says " + op.method());
            }
            String appPath = base + "/" + f.template();
            String definitionPath = CONNECTOR.basePath() + op.path();
            if (!appPath.equals(definitionPath)) {
                problems.add(where + ": path " + appPath + ", the definition says " + definitionPath);
            }
            if (f.authLevel() != AuthorizationLevel.FUNCTION) {
                problems.add(where + ": auth level " + f.authLevel() + ", the connector sends a function key (FUNCTION)");
            }
            Set<String> declaredPath = parameterNames(op, "path");
            if (!declaredPath.equals(f.routeParameters())) {
                problems.add(where + ": route parameters " + f.routeParameters() + ", the definition declares " + declaredPath);
            }
            Set<String> declaredPathInTemplate = parametersOf(op.path());
            if (!declaredPath.equals(declaredPathInTemplate)) {
                problems.add(op.operationId() + ": the path " + op.path() + " has " + declaredPathInTemplate
                    + " but declares the path parameters " + declaredPath);
            }
            Set<String> unbound = new TreeSet<>(f.routeParameters());
            unbound.removeAll(f.bindingNames());
            if (!unbound.isEmpty()) {
                problems.add(where + ": no @BindingName for the route parameters " + unbound);
            }
            Set<String> unknownBindings = new TreeSet<>(f.bindingNames());
            unknownBindings.removeAll(f.routeParameters());
            unknownBindings.removeAll(parameterNames(op, "query"));
            if (!unknownBindings.isEmpty()) {
                problems.add(where + ": @BindingName " + unknownBindings + " is neither a route nor a declared query parameter");
            }
            boolean declaresBody = parameters(op).stream().anyMatch(p -> "body".equals(p.path("in").asText()));
            if (declaresBody != op.method().equals("POST")) {
                problems.add(op.operationId() + ": a body parameter on " + op.method() + " (only the POST triggers take one)");
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void theAppExposesNothingUnderTheBasePathThatTheDefinitionLacks() throws Exception {
        String base = appBasePath();
        Map<String, Operation> byMethodAndPath = new LinkedHashMap<>();
        CONNECTOR.operations().values().forEach(op -> byMethodAndPath.put(op.method() + " " + CONNECTOR.basePath() + op.path(), op));
        List<String> problems = new ArrayList<>();
        Set<String> allowedSeen = new TreeSet<>();
        for (HttpFunction f : httpFunctions()) {
            if (f.methods().isEmpty()) {
                problems.add(f.name() + " (" + f.javaMethod() + ") accepts every method (methods = {}); name them");
                continue;
            }
            for (String method : f.methods()) {
                String exposed = method + " " + f.template();
                if (NOT_CONNECTOR_OPERATIONS.contains(exposed)) {
                    allowedSeen.add(exposed);
                    continue;
                }
                Operation op = byMethodAndPath.get(method + " " + base + "/" + f.template());
                if (op == null) {
                    problems.add(f.name() + " (" + f.javaMethod() + ") exposes " + method + " " + base + "/" + f.template()
                        + ", which the definition lacks");
                } else if (!op.operationId().equals(f.name())) {
                    problems.add(f.name() + " serves " + exposed + ", which the definition names " + op.operationId());
                }
            }
        }
        assertEquals(List.of(), problems);
        assertEquals(NOT_CONNECTOR_OPERATIONS, allowedSeen, "every allow-listed route is still an HTTP function");
    }

    // ------------------------------------------------------------------ HTTP

    private record Answer(int status, String contentType, String body, JsonNode json, HttpResponse<String> response) {
        String location() {
            return response.headers().firstValue("Location").orElse(null);
        }
    }

    /** The success status an operation declares (201 for the triggers, 204 for the delete, else 200). */
    private static int success(String operationId) {
        return CONNECTOR.operation(operationId).statuses().stream().filter(s -> s.matches("2\\d\\d"))
            .mapToInt(Integer::parseInt).min().orElseThrow();
    }

    private static boolean takesBody(String operationId) {
        return parameters(CONNECTOR.operation(operationId)).stream().anyMatch(p -> "body".equals(p.path("in").asText()));
    }

    private HttpRequest.Builder request(String baseUrl, String operationId, String pathAndQuery, String body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery)).timeout(Duration.ofSeconds(20));
        String method = CONNECTOR.operation(operationId).method();
        if (body == null) {
            return builder.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return builder.header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    }

    /** Sends with the function key in the header. */
    private Answer call(String operationId, String pathAndQuery, String body) throws Exception {
        return send(operationId, request(server.baseUrl(), operationId, pathAndQuery, body).header("x-functions-key", KEY));
    }

    /**
     * Sends a request of an operation and checks the answer against the definition: the status is declared; the
     * body is exactly as that status's schema says (none when it declares none); a body's media type is one the
     * operation produces (application/json for a success, application/problem+json for an error, whose status
     * member is the response's); the headers the response declares are present.
     */
    private Answer send(String operationId, HttpRequest.Builder builder) throws Exception {
        HttpRequest request = builder.build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        int status = response.statusCode();
        String contentType = response.headers().firstValue("Content-Type").orElse(null);
        String body = response.body() == null ? "" : response.body();
        String what = operationId + " " + request.method() + " " + request.uri().getRawPath()
            + (request.uri().getRawQuery() == null ? "" : "?" + request.uri().getRawQuery()) + " -> " + status + " "
            + contentType + " " + (body.length() > 300 ? body.substring(0, 300) + "..." : body);
        List<String> errors = new ArrayList<>(CONNECTOR.validate(operationId, status, contentType, body));
        JsonNode json = null;
        if (!body.isEmpty()) {
            String media = contentType == null ? null : contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
            if (status < 400 && !CONNECTOR.produces(operationId).contains(media)) {
                errors.add("Content-Type " + contentType + " is not one of " + CONNECTOR.produces(operationId));
            }
            String expected = status >= 400 ? "application/problem+json" : "application/json";
            if (!expected.equals(media)) {
                errors.add("Content-Type " + contentType + ", expected " + expected + " for " + status);
            }
            json = JSON.readTree(body);
            if (status >= 400 && json.path("status").asInt() != status) {
                errors.add("the problem's status member is " + json.path("status") + ", the response's " + status);
            }
        } else if (status >= 400) {
            errors.add("an error the app answers itself carries a problem document; this one has no body");
        }
        if (status >= 400 && CONNECTOR.response(operationId, status).map(r -> r.has("schema")).orElse(false)) {
            errors.add("the error response " + status + " declares a schema; only the success response may");
        }
        CONNECTOR.response(operationId, status).ifPresent(declared -> declared.path("headers").fieldNames()
            .forEachRemaining(header -> {
                if (response.headers().firstValue(header).isEmpty()) {
                    errors.add("the declared header " + header + " is missing");
                }
            }));
        assertEquals(List.of(), errors, what);
        covered.computeIfAbsent(operationId, k -> new TreeSet<>()).add(Integer.toString(status));
        return new Answer(status, contentType, body, json, response);
    }

    private Answer expect(int status, Answer answer) {
        assertEquals(status, answer.status(), answer.body());
        return answer;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    // ------------------------------------------------------------------ valid requests, from the definition

    /** A request of an operation: the path (every path parameter valid) below the base path, and the body or null. */
    private record Valid(String path, String body) {
    }

    private Valid valid(String operationId) throws Exception {
        Operation op = CONNECTOR.operation(operationId);
        String path = op.path();
        String body = null;
        for (JsonNode p : parameters(op)) {
            String name = p.path("name").asText();
            switch (p.path("in").asText()) {
                case "path" -> path = path.replace("{" + name + "}", encode(validValue(name, p)));
                case "body" -> body = validBody(CONNECTOR.resolve(p.path("schema"))).toString();
                case "query" -> { } // optional; see everyDeclaredQueryParameterIsAcceptedWithAValidValue
                default -> fail(operationId + ": a parameter in " + p.path("in") + " this test does not know how to send");
            }
            if (p.path("required").asBoolean(false) && p.path("in").asText().equals("query")) {
                fail(operationId + ": the required query parameter " + name + " needs a value in valid()");
            }
        }
        return new Valid(CONNECTOR.basePath() + path, body);
    }

    /** A valid value of a (non-body) parameter or a schema, from what the definition says about it. */
    private String validValue(String name, JsonNode schema) throws Exception {
        switch (name) {
            case "subscriptionId":
                return subscribe("OnHealthEvent", "{\"callbackUrl\":\"" + CALLBACK + "\"}").path("id").asText();
            case "skipToken":
                return skipToken();
            case "organization":
                return com.synapselinkhealth.testing.CallbackBuilder.ORGANIZATION_NAME;
            default:
                break;
        }
        if (schema.path("x-ms-notification-url").asBoolean(false)) {
            return CALLBACK;
        }
        JsonNode dynamic = schema.get("x-ms-dynamic-values");
        if (dynamic != null) {
            return switch (dynamic.path("operationId").asText()) {
                case "ListProfiles" -> CONTOSO;
                case "ListProfileTables" -> "contact";
                case "ListEventTypes" -> "TableSyncFailed";
                default -> fail(name + ": dynamic values from " + dynamic.path("operationId") + " this test does not know");
            };
        }
        if (schema.has("enum")) {
            return schema.get("enum").get(0).asText();
        }
        if (schema.path("format").asText().equals("date-time")) {
            return "2024-06-01T00:00:00Z";
        }
        if (schema.path("type").asText().equals("integer")) {
            return schema.has("default") ? schema.get("default").asText()
                : schema.has("minimum") ? schema.get("minimum").asText() : "1";
        }
        return fail(name + ": no valid value known; teach validValue() about it");
    }

    /** A body with every declared property set to a valid value. */
    private JsonNode validBody(JsonNode schema) throws Exception {
        ObjectNode body = JSON.createObjectNode();
        for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
            JsonNode p = CONNECTOR.resolve(property.getValue());
            if (p.path("type").asText().equals("array")) {
                ArrayNode items = body.putArray(property.getKey());
                items.add(validValue(property.getKey(), CONNECTOR.resolve(p.path("items"))));
            } else {
                body.put(property.getKey(), validValue(property.getKey(), p));
            }
        }
        return body;
    }

    /** A skip token the service issued: the one in the next link of the first one-event page. */
    private String skipToken() throws Exception {
        JsonNode page = expect(200, call("ListRecentEvents", API + "/events?top=1", null)).json();
        URI next = URI.create(page.path("nextLink").asText());
        for (String pair : next.getRawQuery().split("&")) {
            if (pair.startsWith("skipToken=")) {
                return URLDecoder.decode(pair.substring("skipToken=".length()), StandardCharsets.UTF_8);
            }
        }
        return fail("no skipToken in " + next);
    }

    /**
     * Subscribes with a trigger and checks the 201: a Subscription, and a Location that is absolute, on the same
     * scheme, host and port as the request and below the same base path, naming the subscription's id, with nothing
     * of the request's query (the key) in it.
     */
    private JsonNode subscribe(String operationId, String body) throws Exception {
        Answer created = expect(201, call(operationId, CONNECTOR.basePath() + CONNECTOR.operation(operationId).path(), body));
        assertLocation(created);
        return created.json();
    }

    private void assertLocation(Answer created) {
        String location = created.location();
        assertNotNull(location, "201 without Location");
        URI uri = URI.create(location);
        URI requested = created.response().request().uri();
        assertTrue(uri.isAbsolute(), location);
        assertEquals(requested.getScheme(), uri.getScheme(), location);
        assertEquals(requested.getHost(), uri.getHost(), location);
        assertEquals(requested.getPort(), uri.getPort(), location);
        String id = created.json().path("id").asText();
        assertFalse(id.isEmpty(), created.body());
        Operation delete = CONNECTOR.operation("DeleteSubscription");
        Set<String> parameters = parameterNames(delete, "path");
        assertEquals(1, parameters.size(), delete.path());
        assertEquals(CONNECTOR.basePath() + delete.path().replace("{" + parameters.iterator().next() + "}", id),
            uri.getRawPath(), "the Location is the DeleteSubscription path of the new subscription: " + location);
        assertEquals(null, uri.getRawQuery(), "Location carries no query: " + location);
    }

    // ------------------------------------------------------------------ query parameters

    @Test
    void everyDeclaredQueryParameterIsAcceptedWithAValidValue() throws Exception {
        int checked = 0;
        for (Operation op : CONNECTOR.operations().values()) {
            List<JsonNode> query = parameters(op).stream().filter(p -> "query".equals(p.path("in").asText())).toList();
            if (query.isEmpty()) {
                continue;
            }
            Valid valid = valid(op.operationId());
            StringBuilder all = new StringBuilder();
            for (JsonNode p : query) {
                String name = p.path("name").asText();
                List<String> values = new ArrayList<>();
                if (p.has("enum")) {
                    p.get("enum").forEach(v -> values.add(v.asText())); // every value of an enumeration
                } else {
                    values.add(validValue(name, p));
                }
                for (String value : values) {
                    String one = valid.path() + "?" + name + "=" + encode(value);
                    expect(success(op.operationId()), call(op.operationId(), one, valid.body()));
                    checked++;
                }
                all.append(all.length() == 0 ? "?" : "&").append(name).append('=').append(encode(values.get(0)));
            }
            expect(success(op.operationId()), call(op.operationId(), valid.path() + all, valid.body()));
        }
        assertTrue(checked > 0, "some operation declares query parameters");
    }

    @Test
    void anUndeclaredQueryParameterIsIgnoredNotAnError() throws Exception {
        for (Operation op : CONNECTOR.operations().values()) {
            Valid valid = valid(op.operationId());
            Answer plain = expect(success(op.operationId()), call(op.operationId(), valid.path(), valid.body()));
            if (op.operationId().equals("DeleteSubscription")) {
                valid = valid(op.operationId()); // the first call removed it
            }
            Answer extra = expect(success(op.operationId()), call(op.operationId(),
                valid.path() + "?undeclaredParameter=whatever&%24filter=name%20eq%20%27x%27", valid.body()));
            if (op.method().equals("GET")) {
                assertEquals(plain.json(), extra.json(), op.operationId() + ": the same answer with and without it");
            } else if (plain.json() != null) {
                ObjectNode a = ((ObjectNode) plain.json().deepCopy()).without("id");
                ObjectNode b = ((ObjectNode) extra.json().deepCopy()).without("id");
                assertEquals(a, b, op.operationId() + ": the same subscription with and without it");
            }
        }
    }

    // ------------------------------------------------------------------ responses, every declared status

    @Test
    void theTriggersAnswerTheirDeclaredStatusesWithTheDeclaredBodies() throws Exception {
        for (String trigger : List.of("OnHealthEvent", "OnTableSyncFailure")) {
            String path = CONNECTOR.basePath() + CONNECTOR.operation(trigger).path();
            JsonNode full = subscribe(trigger, valid(trigger).body());
            assertEquals(trigger, full.path("trigger").asText());
            assertEquals(CONTOSO, full.path("profile").asText());
            assertEquals("contact", full.path("table").asText());
            JsonNode minimal = subscribe(trigger, "{\"callbackUrl\":\"" + CALLBACK + "\"}");
            assertTrue(minimal.path("profile").isNull() && minimal.path("table").isNull(), minimal.toString());

            // the key in the query, as some clients send it: Location still carries no query
            Answer keyInQuery = expect(201, send(trigger, request(server.baseUrl(), trigger, path + "?code=" + KEY,
                "{\"callbackUrl\":\"" + CALLBACK + "\"}")));
            assertLocation(keyInQuery);
            assertFalse(keyInQuery.location().contains(KEY), keyInQuery.location());

            expect(400, call(trigger, path, "this is not JSON"));
            expect(400, call(trigger, path, "{\"callbackUrl\":"));
            expect(400, call(trigger, path, ""));

            String big = "{\"callbackUrl\":\"" + CALLBACK + "\",\"table\":\"" + "t".repeat((int) BODY_LIMIT) + "\"}";
            expect(413, call(trigger, path, big)); // declared Content-Length over the limit
            expect(413, send(trigger, HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .header("x-functions-key", KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() ->
                    new ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8)))))); // chunked: the function's check

            for (String unusable : List.of("[]", "\"callbackUrl\"", "{}", "{\"callbackUrl\":\"\"}", "{\"callbackUrl\":42}",
                "{\"callbackUrl\":\"ftp://example.com/x\"}", "{\"callbackUrl\":\"not a url\"}",
                "{\"callbackUrl\":\"" + CALLBACK + "\",\"profile\":42}",
                "{\"callbackUrl\":\"" + CALLBACK + "\",\"table\":[\"account\"]}")) {
                expect(422, call(trigger, path, unusable));
            }
        }
        String onHealth = API + "/subscriptions";
        expect(422, call("OnHealthEvent", onHealth, "{\"callbackUrl\":\"" + CALLBACK + "\",\"events\":[\"NoSuchEvent\"]}"));
        expect(422, call("OnHealthEvent", onHealth, "{\"callbackUrl\":\"" + CALLBACK + "\",\"events\":[42]}"));
        expect(422, call("OnHealthEvent", onHealth, "{\"callbackUrl\":\"" + CALLBACK + "\",\"minimumSeverity\":\"fatal\"}"));
        assertEquals(6, app.subscriptions().list().size(), "only the 201s subscribed");
    }

    /**
     * "When a health digest is ready" takes only the callback URL: its subscription takes the HealthDigest alone, with
     * no profile or table filter (a digest is about a whole organization).
     */
    @Test
    void theDigestTriggerAnswersItsDeclaredStatusesAndTakesOnlyTheDigest() throws Exception {
        String trigger = "OnHealthDigest";
        String path = CONNECTOR.basePath() + CONNECTOR.operation(trigger).path();
        JsonNode created = subscribe(trigger, "{\"callbackUrl\":\"" + CALLBACK + "\",\"profile\":\"" + CONTOSO + "\"}");
        assertEquals(trigger, created.path("trigger").asText());
        assertTrue(created.path("profile").isNull() && created.path("table").isNull(), created.toString());
        assertEquals("[\"HealthDigest\"]", created.path("events").toString());
        expect(400, call(trigger, path, "this is not JSON"));
        expect(400, call(trigger, path, ""));
        String big = "{\"callbackUrl\":\"" + CALLBACK + "\",\"table\":\"" + "t".repeat((int) BODY_LIMIT) + "\"}";
        expect(413, call(trigger, path, big));
        for (String unusable : List.of("[]", "{}", "{\"callbackUrl\":42}", "{\"callbackUrl\":\"ftp://example.com/x\"}")) {
            expect(422, call(trigger, path, unusable));
        }
    }

    /**
     * Location and nextLink name the host the client addressed (its Host header), as in Azure, where the request URL
     * the function sees is the public host name; so a client behind a proxy that keeps the Host header is sent back
     * to the proxy, not around it.
     */
    @Test
    void locationAndNextLinkNameTheHostTheClientAddressed() throws Exception {
        String host = "linkhealth-proxy.example:9443";
        String body = "{\"callbackUrl\":\"" + CALLBACK + "\"}";
        String created = raw("POST " + API + "/subscriptions HTTP/1.1\r\nHost: " + host
            + "\r\nx-functions-key: " + KEY + "\r\nContent-Type: application/json\r\nContent-Length: "
            + body.getBytes(StandardCharsets.UTF_8).length + "\r\nConnection: close\r\n\r\n" + body);
        assertTrue(created.startsWith("HTTP/1.1 201"), created);
        String id = JSON.readTree(created.substring(created.indexOf("\r\n\r\n") + 4)).path("id").asText();
        assertTrue(created.toLowerCase(Locale.ROOT).contains("\r\nlocation: http://" + host + API
            + "/subscriptions/" + id + "\r\n"), created);

        String page = raw("GET " + API + "/events?top=1 HTTP/1.1\r\nHost: " + host
            + "\r\nx-functions-key: " + KEY + "\r\nConnection: close\r\n\r\n");
        assertTrue(page.startsWith("HTTP/1.1 200"), page);
        JsonNode json = JSON.readTree(page.substring(page.indexOf("\r\n\r\n") + 4));
        assertEquals(List.of(), CONNECTOR.validate("ListRecentEvents", 200, json));
        assertTrue(json.path("nextLink").asText().startsWith("http://" + host + API + "/events?"),
            json.path("nextLink").asText());
    }

    /** One request written as is (the JDK client will not send a Host header of our choosing); the whole response. */
    private String raw(String request) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void theStrictCallbackPolicyRefusesNonPublicCallbacksWith422() throws Exception {
        try (LinkHealth strict = LinkHealth.inMemory(Settings.of(Map.of()), new TestClock(StatusScenario.NOW), event -> { });
             LocalServer strictServer = new LocalServer(strict, "127.0.0.1", 0, KEY, 0).start()) {
            for (String trigger : List.of("OnHealthEvent", "OnTableSyncFailure")) {
                String path = CONNECTOR.basePath() + CONNECTOR.operation(trigger).path();
                // literal addresses, so no name resolution is needed to refuse them
                for (String url : List.of("https://127.0.0.1/x?sig=a", "https://10.0.0.4/x?sig=a", "https://169.254.169.254/x",
                    "https://168.63.129.16/x", "https://100.64.0.1/x", "https://[::1]/x", "https://[::ffff:192.168.0.1]/x",
                    "https://0.0.0.0/x", "http://127.0.0.1:1/workflows/x?sig=a")) {
                    Answer refused = expect(422, send(trigger, request(strictServer.baseUrl(), trigger, path,
                        "{\"callbackUrl\":\"" + url + "\"}").header("x-functions-key", KEY)));
                    assertFalse(refused.body().contains("sig="), "the callback URL's signature is never echoed: " + refused.body());
                }
            }
            assertEquals(0, strict.subscriptions().list().size());
        }
    }

    @Test
    void deleteSubscriptionAnswers204ThenNotFound() throws Exception {
        int before = app.subscriptions().list().size();
        for (String trigger : List.of("OnHealthEvent", "OnTableSyncFailure", "OnHealthDigest")) {
            JsonNode created = subscribe(trigger, "{\"callbackUrl\":\"" + CALLBACK + "\"}");
            String path = API + "/subscriptions/" + created.path("id").asText();
            Answer removed = expect(204, call("DeleteSubscription", path, null));
            assertEquals("", removed.body());
            expect(404, call("DeleteSubscription", path, null));
        }
        expect(404, call("DeleteSubscription", API + "/subscriptions/" + UUID.randomUUID(), null));
        expect(404, call("DeleteSubscription", API + "/subscriptions/not-an-id", null));
        assertEquals(before, app.subscriptions().list().size());
    }

    @Test
    void theActionsAnswerTheirDeclaredStatusesWithTheDeclaredBodies() throws Exception {
        String base = API;
        assertEquals(3, expect(200, call("ListProfiles", base + "/profiles", null)).json().path("value").size());
        assertEquals(com.synapselinkhealth.health.HealthEventName.values().length, expect(200, call("ListEventTypes", base + "/event-types", null)).json().path("value").size());

        for (String profile : List.of(CONTOSO, StatusScenario.FABRIC_ID.toString(), StatusScenario.ARCHIVE_ID.toString())) {
            expect(200, call("GetProfileHealth", base + "/profiles/" + profile + "/health", null));
            expect(200, call("ListProfileTables", base + "/profiles/" + profile + "/tables", null));
        }
        for (String table : StatusScenario.CONTOSO_TABLES) {
            expect(200, call("GetTableStatus", base + "/profiles/" + CONTOSO + "/tables/" + table, null));
        }
        JsonNode digest = expect(200, call("GetHealthDigest", base + "/digest", null)).json();
        assertEquals(3, digest.path("profiles").size(), digest.toString());
        assertEquals("AdaptiveCard", digest.path("card").path("type").asText());
        expect(200, call("GetHealthDigest", base + "/digest?organization="
            + com.synapselinkhealth.testing.CallbackBuilder.ORGANIZATION_NAME.toUpperCase(Locale.ROOT), null));
        expect(404, call("GetHealthDigest", base + "/digest?organization=no-such-organization", null));
        expect(400, call("GetHealthDigest", base + "/digest?organization=" + "o".repeat(300), null));
        JsonNode page = expect(200, call("ListRecentEvents", base + "/events?top=2", null)).json();
        for (int pages = 0; page.has("nextLink"); pages++) {
            assertTrue(pages < 50, "the next links end");
            page = expect(200, send("ListRecentEvents", HttpRequest.newBuilder(URI.create(page.path("nextLink").asText()))
                .header("x-functions-key", KEY).GET())).json();
        }

        expect(400, call("GetProfileHealth", base + "/profiles/not-a-guid/health", null));
        expect(404, call("GetProfileHealth", base + "/profiles/" + UNKNOWN_PROFILE + "/health", null));
        expect(400, call("ListProfileTables", base + "/profiles/12345/tables", null));
        expect(400, call("ListProfileTables", base + "/profiles/" + CONTOSO + "/tables?state=broken", null));
        expect(404, call("ListProfileTables", base + "/profiles/" + UNKNOWN_PROFILE + "/tables", null));
        expect(400, call("GetTableStatus", base + "/profiles/%7Bnot%7D/tables/contact", null));
        expect(404, call("GetTableStatus", base + "/profiles/" + UNKNOWN_PROFILE + "/tables/contact", null));
        expect(404, call("GetTableStatus", base + "/profiles/" + CONTOSO + "/tables/nosuchtable", null));
        // RFC 3339 date-times, lower-case separators and a non-UTC offset included
        for (String since : List.of("2024-06-01T00:00:00Z", "2024-06-01t00:00:00z", "2024-06-01T02:00:00.5%2B02:00")) {
            expect(200, call("ListRecentEvents", base + "/events?since=" + since, null));
        }
        for (String query : List.of("top=0", "top=101", "top=ten", "severity=fatal", "since=yesterday", "event=NoSuchEvent",
            "event=TableSyncFailed,Nope", "skipToken=bm90LWEtdG9rZW4")) {
            expect(400, call("ListRecentEvents", base + "/events?" + query, null));
        }
    }

    @Test
    void everyOperationAnswers401WithAProblemWithoutTheRightKey() throws Exception {
        for (Operation op : CONNECTOR.operations().values()) {
            Valid valid = valid(op.operationId());
            int before = app.subscriptions().list().size();
            expect(401, send(op.operationId(), request(server.baseUrl(), op.operationId(), valid.path(), valid.body())));
            expect(401, send(op.operationId(), request(server.baseUrl(), op.operationId(), valid.path(), valid.body())
                .header("x-functions-key", KEY + "x")));
            expect(401, send(op.operationId(), request(server.baseUrl(), op.operationId(),
                valid.path() + "?code=" + encode("not-" + KEY), valid.body())));
            assertEquals(before, app.subscriptions().list().size(), op.operationId() + ": nothing changed");
        }
    }

    @Test
    void everyDeclaredStatusOfEveryOperationIsExercised() throws Exception {
        theTriggersAnswerTheirDeclaredStatusesWithTheDeclaredBodies();
        theDigestTriggerAnswersItsDeclaredStatusesAndTakesOnlyTheDigest();
        deleteSubscriptionAnswers204ThenNotFound();
        theActionsAnswerTheirDeclaredStatusesWithTheDeclaredBodies();
        everyOperationAnswers401WithAProblemWithoutTheRightKey();
        Map<String, Set<String>> declared = new TreeMap<>();
        for (Operation op : CONNECTOR.operations().values()) {
            Set<String> statuses = new LinkedHashSet<>(op.statuses());
            statuses.remove("default");
            declared.put(op.operationId(), new TreeSet<>(statuses));
        }
        assertEquals(declared, covered, "every operation was called for every status it declares, and for no other");
        assertEquals(new HashSet<>(CONNECTOR.operations().keySet()), covered.keySet());
    }
}
