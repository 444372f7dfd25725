package com.synapselinkhealth.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.synapselinkhealth.config.Settings;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reads what {@code mvn package} staged for deployment ({@code target/azure-functions/<app>/}) and checks every
 * function.json binding against the contract, so a wrong annotation fails the build. Run by failsafe after
 * {@code package}.
 *
 * <p>The staging folder is not cleaned between builds, so a folder of a function that no longer exists can be
 * left over; such a folder (its entry point's class is gone) is reported, not failed on. Every folder whose
 * entry point does exist must be one of the expected functions and point at the method that declares it.
 */
class FunctionJsonIT {
    private static final String APP = "synapse-link-health";
    private static final Set<String> EXPECTED = Set.of("DataverseWebhook", "ProcessIngestQueue", "DeliverEvent",
        "DataverseServiceBusQueue", "DataverseServiceBusTopic", "StallCheck", "ReconcileTimer", "RetentionTimer",
        "DigestTimer",
        // the connector's read-only actions
        "ListProfiles", "GetProfileHealth", "ListProfileTables", "GetTableStatus", "ListRecentEvents", "ListEventTypes",
        "GetHealthDigest",
        // the connector's webhook triggers
        "OnHealthEvent", "OnTableSyncFailure", "OnHealthDigest", "DeleteSubscription",
        // the status page, with the key and anonymous (answers only when LINKHEALTH_STATUS_PAGE_ANONYMOUS=true)
        "StatusPage", "PublicStatusPage");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The Java worker's hook for making entry point instances, and the class the jar registers for it. */
    private static final String INJECTOR_SERVICE =
        "META-INF/services/com.microsoft.azure.functions.spi.inject.FunctionInstanceInjector";
    private static final String INJECTOR = "com.synapselinkhealth.app.FunctionInjector";
    private static Path base;
    private static Path staging;
    /** function.json by function (folder) name, only folders whose entry point class exists. */
    private static final Map<String, JsonNode> FUNCTIONS = new TreeMap<>();
    private static final List<String> STALE = new ArrayList<>();

    @BeforeAll
    static void readStaging() throws IOException {
        base = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
        staging = base.resolve("target/azure-functions/" + APP);
        assertTrue(Files.isDirectory(staging), "no staging folder " + staging + ": run 'mvn package' first");
        try (Stream<Path> folders = Files.list(staging)) {
            for (Path folder : folders.filter(f -> Files.isRegularFile(f.resolve("function.json"))).sorted().toList()) {
                JsonNode json = JSON.readTree(folder.resolve("function.json").toFile());
                String entryPoint = json.path("entryPoint").asText();
                if (entryPointClass(entryPoint) == null) {
                    STALE.add(folder.getFileName() + " (" + entryPoint + ")");
                } else {
                    FUNCTIONS.put(folder.getFileName().toString(), json);
                }
            }
        }
        if (!STALE.isEmpty()) {
            System.err.println("FunctionJsonIT: ignoring staged function folders left over from older builds, whose "
                + "entry point no longer exists (run 'mvn clean package' before deploying): " + STALE);
        }
    }

    private static Class<?> entryPointClass(String entryPoint) {
        int dot = entryPoint.lastIndexOf('.');
        if (dot <= 0) {
            return null;
        }
        try {
            return Class.forName(entryPoint.substring(0, dot), false, FunctionJsonIT.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            return null;
        }
    }

    /** The bindings of one function by name, each binding's members as text (arrays joined with commas). */
    private static Map<String, Map<String, String>> bindings(String function) {
        JsonNode json = FUNCTIONS.get(function);
        assertNotNull(json, function + " has no function.json in " + staging + "; staged: " + FUNCTIONS.keySet());
        Map<String, Map<String, String>> byName = new LinkedHashMap<>();
        for (JsonNode binding : json.path("bindings")) {
            Map<String, String> members = new TreeMap<>();
            for (Map.Entry<String, JsonNode> f : binding.properties()) {
                if (f.getValue().isArray()) {
                    List<String> items = new ArrayList<>();
                    f.getValue().forEach(i -> items.add(i.asText()));
                    members.put(f.getKey(), String.join(",", items));
                } else {
                    members.put(f.getKey(), f.getValue().asText());
                }
            }
            String name = members.get("name");
            assertNotNull(name, function + " has a binding without a name: " + binding);
            assertTrue(byName.put(name, members) == null, function + " has two bindings named " + name);
        }
        return byName;
    }

    @Test
    void exactlyTheExpectedFunctionsAreStaged() {
        assertEquals(new TreeSet<>(EXPECTED), FUNCTIONS.keySet());
    }

    @Test
    void exactlyTheExpectedFunctionsAreDeclaredInTheCode() throws IOException {
        Set<String> declared = new TreeSet<>();
        Path classes = base.resolve("target/classes");
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace('/', '.').replace('\\', '.');
                name = name.substring(0, name.length() - ".class".length());
                Class<?> type;
                try {
                    type = Class.forName(name, false, FunctionJsonIT.class.getClassLoader());
                } catch (ClassNotFoundException | LinkageError e) {
                    continue;
                }
                for (Method m : type.getDeclaredMethods()) {
                    FunctionName fn = m.getAnnotation(FunctionName.class);
                    if (fn != null) {
                        assertTrue(declared.add(fn.value()), "two methods named function " + fn.value());
                    }
                }
            }
        }
        assertEquals(new TreeSet<>(EXPECTED), declared);
    }

    @Test
    void everyEntryPointIsAPublicMethodOfTheStagedJarNamedLikeItsFolder() throws IOException {
        for (Map.Entry<String, JsonNode> function : FUNCTIONS.entrySet()) {
            String folder = function.getKey();
            JsonNode json = function.getValue();
            String entryPoint = json.path("entryPoint").asText();
            Class<?> type = entryPointClass(entryPoint);
            String methodName = entryPoint.substring(entryPoint.lastIndexOf('.') + 1);
            List<Method> matching = new ArrayList<>();
            for (Method m : type.getMethods()) {
                FunctionName fn = m.getAnnotation(FunctionName.class);
                if (m.getName().equals(methodName) && fn != null && fn.value().equals(folder)) {
                    matching.add(m);
                }
            }
            assertEquals(1, matching.size(), folder + ": " + entryPoint + " is not one public @FunctionName(\"" + folder
                + "\") method");
            assertTrue(Modifier.isPublic(type.getModifiers()), type + " must be public");
            assertEquals(1, type.getConstructors().length, type + " has one public constructor: the host makes it "
                + "through the registered injector (app.FunctionInjector), which calls it");

            String scriptFile = json.path("scriptFile").asText();
            assertTrue(scriptFile.endsWith(".jar"), folder + ": scriptFile " + scriptFile);
            Path jar = staging.resolve(folder).resolve(scriptFile).normalize();
            assertTrue(jar.startsWith(staging), folder + ": scriptFile " + scriptFile + " leaves the staging folder");
            assertTrue(Files.isRegularFile(jar), folder + ": scriptFile " + jar + " does not exist");
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                String entry = type.getName().replace('.', '/') + ".class";
                assertNotNull(zip.getEntry(entry), jar + " does not contain " + entry);
                ZipEntry services = zip.getEntry(INJECTOR_SERVICE);
                assertNotNull(services, jar + " does not register the injector that makes the entry points");
                assertEquals(INJECTOR, new String(zip.getInputStream(services).readAllBytes(), StandardCharsets.UTF_8).strip());
                assertNotNull(zip.getEntry(INJECTOR.replace('.', '/') + ".class"), jar + " does not contain " + INJECTOR);
            }
        }
    }

    @Test
    void theWebhookIsPostOnlyAtDataverseWebhookWithFunctionKeysAndQueuesItsOutput() {
        Map<String, Map<String, String>> bindings = bindings("DataverseWebhook");
        assertEquals(Set.of("request", "ingest", "$return"), bindings.keySet());
        assertEquals(Map.of("type", "httpTrigger", "direction", "in", "name", "request", "route", "dataverse/webhook",
            "methods", "POST", "authLevel", "FUNCTION", "dataType", "binary"), bindings.get("request"));
        assertEquals(Map.of("type", "queue", "direction", "out", "name", "ingest", "queueName", "linkhealth-ingest",
            "connection", "AzureWebJobsStorage"), bindings.get("ingest"));
        assertEquals(Map.of("type", "http", "direction", "out", "name", "$return"), bindings.get("$return"));
    }

    @Test
    void theQueueProcessorIsTriggeredByTheIngestQueue() {
        Map<String, Map<String, String>> bindings = bindings("ProcessIngestQueue");
        assertEquals(Set.of("message"), bindings.keySet());
        assertEquals(Map.of("type", "queueTrigger", "direction", "in", "name", "message", "queueName", "linkhealth-ingest",
            "connection", "AzureWebJobsStorage"), bindings.get("message"));
    }

    @Test
    void deliveriesAreTriggeredByTheDeliveryQueue() {
        Map<String, Map<String, String>> bindings = bindings("DeliverEvent");
        assertEquals(Set.of("message"), bindings.keySet());
        assertEquals(Map.of("type", "queueTrigger", "direction", "in", "name", "message", "queueName", "linkhealth-delivery",
            "connection", "AzureWebJobsStorage"), bindings.get("message"));
    }

    @Test
    void theServiceBusQueueTriggerReadsTheConfiguredQueue() {
        Map<String, Map<String, String>> bindings = bindings("DataverseServiceBusQueue");
        assertEquals(Set.of("message"), bindings.keySet());
        assertEquals(Map.of("type", "serviceBusTrigger", "direction", "in", "name", "message",
            "queueName", "%LINKHEALTH_SERVICEBUS_QUEUE%", "connection", "LINKHEALTH_SERVICEBUS", "dataType", "binary"),
            bindings.get("message"));
    }

    @Test
    void theServiceBusTopicTriggerReadsTheConfiguredSubscription() {
        Map<String, Map<String, String>> bindings = bindings("DataverseServiceBusTopic");
        assertEquals(Set.of("message"), bindings.keySet());
        assertEquals(Map.of("type", "serviceBusTrigger", "direction", "in", "name", "message",
            "topicName", "%LINKHEALTH_SERVICEBUS_TOPIC%", "subscriptionName", "%LINKHEALTH_SERVICEBUS_SUBSCRIPTION%",
            "connection", "LINKHEALTH_SERVICEBUS", "dataType", "binary"), bindings.get("message"));
    }

    @Test
    void theStallCheckRunsEveryFiveMinutes() {
        Map<String, Map<String, String>> bindings = bindings("StallCheck");
        assertEquals(Set.of("timer"), bindings.keySet());
        assertEquals(Map.of("type", "timerTrigger", "direction", "in", "name", "timer", "schedule", "0 */5 * * * *"),
            bindings.get("timer"));
    }

    @Test
    void theRetentionTimerRunsHourly() {
        Map<String, Map<String, String>> bindings = bindings("RetentionTimer");
        assertEquals(Set.of("timer"), bindings.keySet());
        assertEquals(Map.of("type", "timerTrigger", "direction", "in", "name", "timer", "schedule", "0 17 * * * *"),
            bindings.get("timer"));
    }

    @Test
    void theReconciliationTimerRunsOnTheConfiguredSchedule() {
        Map<String, Map<String, String>> bindings = bindings("ReconcileTimer");
        assertEquals(Set.of("timer"), bindings.keySet());
        assertEquals(Map.of("type", "timerTrigger", "direction", "in", "name", "timer",
            "schedule", "%LINKHEALTH_RECONCILE_SCHEDULE%"), bindings.get("timer"));
    }

    @Test
    void theDigestTimerRunsOnTheConfiguredSchedule() {
        Map<String, Map<String, String>> bindings = bindings("DigestTimer");
        assertEquals(Set.of("timer"), bindings.keySet());
        assertEquals(Map.of("type", "timerTrigger", "direction", "in", "name", "timer",
            "schedule", "%LINKHEALTH_DIGEST_SCHEDULE%"), bindings.get("timer"));
    }

    @Test
    void theConnectorsActionsAreGetOnlyWithFunctionKeysAtTheDefinitionsPaths() {
        Map<String, String> routes = Map.of("ListProfiles", "profiles", "GetProfileHealth", "profiles/{profileId}/health",
            "ListProfileTables", "profiles/{profileId}/tables", "GetTableStatus", "profiles/{profileId}/tables/{table}",
            "ListRecentEvents", "events", "ListEventTypes", "event-types", "GetHealthDigest", "digest");
        routes.forEach((function, route) -> {
            Map<String, Map<String, String>> bindings = bindings(function);
            assertEquals(Set.of("request", "$return"), bindings.keySet(), function);
            assertEquals(Map.of("type", "httpTrigger", "direction", "in", "name", "request", "route", route,
                "methods", "GET", "authLevel", "FUNCTION"), bindings.get("request"), function);
            assertEquals(Map.of("type", "http", "direction", "out", "name", "$return"), bindings.get("$return"), function);
        });
    }

    @Test
    void theTriggersSubscribeWithPostAndUnsubscribeWithDeleteWithFunctionKeys() {
        assertEquals(Map.of("type", "httpTrigger", "direction", "in", "name", "request", "route", "subscriptions",
            "methods", "POST", "dataType", "binary", "authLevel", "FUNCTION"), bindings("OnHealthEvent").get("request"));
        assertEquals(Map.of("type", "httpTrigger", "direction", "in", "name", "request",
            "route", "subscriptions/table-sync-failures", "methods", "POST", "dataType", "binary", "authLevel", "FUNCTION"),
            bindings("OnTableSyncFailure").get("request"));
        assertEquals(Map.of("type", "httpTrigger", "direction", "in", "name", "request",
            "route", "subscriptions/health-digest", "methods", "POST", "dataType", "binary", "authLevel", "FUNCTION"),
            bindings("OnHealthDigest").get("request"));
        assertEquals(Map.of("type", "httpTrigger", "direction", "in", "name", "request",
            "route", "subscriptions/{subscriptionId}", "methods", "DELETE", "authLevel", "FUNCTION"),
            bindings("DeleteSubscription").get("request"));
        for (String function : List.of("OnHealthEvent", "OnTableSyncFailure", "OnHealthDigest", "DeleteSubscription")) {
            assertEquals(Set.of("request", "$return"), bindings(function).keySet(), function);
        }
    }

    @Test
    void theStatusPageIsGetOnlyWithAKeyAndItsPublicTwinIsAnonymous() {
        assertEquals(Map.of("type", "httpTrigger", "direction", "in", "name", "request", "route", "status",
            "methods", "GET", "authLevel", "FUNCTION"), bindings("StatusPage").get("request"));
        assertEquals(Map.of("type", "httpTrigger", "direction", "in", "name", "request", "route", "public/status",
            "methods", "GET", "authLevel", "ANONYMOUS"), bindings("PublicStatusPage").get("request"));
        for (String function : List.of("StatusPage", "PublicStatusPage")) {
            assertEquals(Set.of("request", "$return"), bindings(function).keySet(), function);
        }
    }

    @Test
    void theStagedHostJsonIsTheProjectsWithTheBundleAndTheQueueRetries() throws IOException {
        JsonNode staged = JSON.readTree(staging.resolve("host.json").toFile());
        assertEquals(JSON.readTree(base.resolve("host.json").toFile()), staged,
            "the staged host.json is not the project's: run 'mvn package' again");
        assertEquals("2.0", staged.path("version").asText());
        assertEquals("Microsoft.Azure.Functions.ExtensionBundle", staged.path("extensionBundle").path("id").asText());
        assertEquals("[4.*, 5.0.0)", staged.path("extensionBundle").path("version").asText());
        JsonNode maxDequeueCount = staged.path("extensions").path("queues").path("maxDequeueCount");
        assertTrue(maxDequeueCount.isInt(), "extensions.queues.maxDequeueCount missing: " + staged);
        assertEquals(Settings.DEFAULT_MAX_DEQUEUE_COUNT, maxDequeueCount.asInt());
    }
}
