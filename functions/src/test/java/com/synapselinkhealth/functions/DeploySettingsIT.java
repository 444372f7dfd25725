package com.synapselinkhealth.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * A deploy that works the first time: every app setting the staged functions resolve ({@code %NAME%} in any binding
 * member, and each binding's {@code connection}) is written by the deploy, that is the azure-functions-maven-plugin's
 * {@code <appSettings>} in pom.xml, or set when the app is created ({@link #SET_WHEN_THE_APP_IS_CREATED}, by the
 * commands of docs/deploying.md). The Functions host refuses to index a function whose {@code %NAME%} is not an app
 * setting.
 *
 * <p>Also: the configuration is one table in docs/configuration.md, mirrored by local.settings.sample.json and the
 * pom's deploy settings with the same defaults; the Service Bus functions are deployed disabled; host.json keeps
 * successful runs visible; the app runs on Java 17, Linux, Flex Consumption; docs/deploying.md gives the az commands
 * in the order they must run. Run by failsafe after {@code package}, which stages the function.json files.
 */
class DeploySettingsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PERCENT_NAME = Pattern.compile("%([^%\\s]+)%");
    /**
     * Settings the platform writes when the app is created, not the deploy: {@code az functionapp create
     * --storage-account} sets AzureWebJobsStorage (docs/deploying.md then switches it to the identity-based
     * {@code AzureWebJobsStorage__accountName}) and {@code --app-insights} sets APPLICATIONINSIGHTS_CONNECTION_STRING.
     */
    private static final Set<String> SET_WHEN_THE_APP_IS_CREATED = Set.of("AzureWebJobsStorage",
        "APPLICATIONINSIGHTS_CONNECTION_STRING");
    /** Settings of the sample that are Core Tools' own, not the app's. */
    private static final Set<String> CORE_TOOLS_ONLY = Set.of("FUNCTIONS_WORKER_RUNTIME");

    private static Path base;
    private static Map<String, JsonNode> functions;
    private static Document pom;
    private static Map<String, String> deployed;
    private static Map<String, String> readmeDefaults;
    private static String deploying;

    @BeforeAll
    static void read() throws Exception {
        base = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
        Path staging = base.resolve("target/azure-functions/synapse-link-health");
        assertTrue(Files.isDirectory(staging), "no staging folder " + staging + ": run 'mvn package' first");
        functions = new TreeMap<>();
        try (Stream<Path> folders = Files.list(staging)) {
            for (Path folder : folders.filter(f -> Files.isRegularFile(f.resolve("function.json"))).toList()) {
                JsonNode json = JSON.readTree(folder.resolve("function.json").toFile());
                if (exists(json.path("entryPoint").asText())) { // else left over from an older build (FunctionJsonIT)
                    functions.put(folder.getFileName().toString(), json);
                }
            }
        }
        assertFalse(functions.isEmpty(), "no function.json under " + staging);
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(false);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        pom = factory.newDocumentBuilder().parse(base.resolve("pom.xml").toFile());
        deployed = appSettings();
        deploying = Files.readString(base.resolve("docs/deploying.md"), StandardCharsets.UTF_8);
        readmeDefaults = configurationTable(
            Files.readString(base.resolve("docs/configuration.md"), StandardCharsets.UTF_8));
    }

    private static boolean exists(String entryPoint) {
        int dot = entryPoint.lastIndexOf('.');
        try {
            return dot > 0 && Class.forName(entryPoint.substring(0, dot), false, DeploySettingsIT.class.getClassLoader()) != null;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    // ------------------------------------------------------------------------------------------ pom.xml

    private static Element child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        return null;
    }

    private static Map<String, String> properties() {
        Map<String, String> properties = new LinkedHashMap<>();
        Element props = child(pom.getDocumentElement(), "properties");
        for (Node n = props.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                properties.put(e.getTagName(), e.getTextContent().trim());
            }
        }
        return properties;
    }

    /** {@code ${name}} replaced by the pom's property, as Maven does for the plugin's configuration. */
    private static String resolve(String text, Map<String, String> properties) {
        Matcher m = Pattern.compile("\\$\\{([^}]+)}").matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = properties.get(m.group(1));
            assertTrue(value != null, "pom.xml uses ${" + m.group(1) + "}, which it does not define");
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        return m.appendTail(out).toString();
    }

    private static Element functionsPluginConfiguration() {
        NodeList plugins = pom.getElementsByTagName("plugin");
        for (int i = 0; i < plugins.getLength(); i++) {
            Element plugin = (Element) plugins.item(i);
            Element artifact = child(plugin, "artifactId");
            if (artifact != null && artifact.getTextContent().trim().equals("azure-functions-maven-plugin")) {
                return child(plugin, "configuration");
            }
        }
        throw new AssertionError("pom.xml has no azure-functions-maven-plugin");
    }

    /** The app settings azure-functions:deploy writes, by name, with the pom's properties resolved. */
    private static Map<String, String> appSettings() {
        Map<String, String> properties = properties();
        Map<String, String> settings = new TreeMap<>();
        Element appSettings = child(functionsPluginConfiguration(), "appSettings");
        assertTrue(appSettings != null, "the azure-functions-maven-plugin configuration has no <appSettings>");
        for (Node n = appSettings.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element property) {
                String name = child(property, "name").getTextContent().trim();
                String value = resolve(child(property, "value").getTextContent().trim(), properties);
                assertTrue(settings.put(name, value) == null, "pom.xml sets " + name + " twice");
            }
        }
        return settings;
    }

    // ------------------------------------------------------------------------------------------ docs

    /**
     * The configuration table of docs/configuration.md: each setting (a cell may name several, separated by
     * {@code /}) and its default: the first {@code `value`} of the default cell, {@code ""} for "empty ...",
     * {@code null} for none ("— (required in Azure)").
     */
    private static Map<String, String> configurationTable(String text) {
        int start = text.indexOf("# Configuration");
        assertTrue(start >= 0, "docs/configuration.md has no Configuration section");
        int end = text.indexOf("\n## ", start + 1);
        Map<String, String> defaults = new LinkedHashMap<>();
        for (String line : text.substring(start, end < 0 ? text.length() : end).split("\n")) {
            if (!line.startsWith("| `")) {
                continue;
            }
            String[] cells = line.split("\\|", -1);
            String defaultCell = cells[2].trim();
            String value;
            Matcher quoted = Pattern.compile("^`([^`]*)`").matcher(defaultCell);
            if (quoted.find()) {
                value = quoted.group(1);
            } else if (defaultCell.startsWith("empty")) {
                value = "";
            } else {
                value = null;
            }
            Matcher names = Pattern.compile("`([^`]+)`").matcher(cells[1]);
            while (names.find()) {
                defaults.put(names.group(1), value);
            }
        }
        assertFalse(defaults.isEmpty(), "no settings in the Configuration table of docs/configuration.md");
        return defaults;
    }

    // ------------------------------------------------------------------------------------------ tests

    /** Every setting a function.json resolves, with the functions that need it. */
    private static Map<String, Set<String>> resolvedSettings() {
        Map<String, Set<String>> needed = new TreeMap<>();
        for (Map.Entry<String, JsonNode> function : functions.entrySet()) {
            for (JsonNode binding : function.getValue().path("bindings")) {
                for (Map.Entry<String, JsonNode> member : binding.properties()) {
                    if (!member.getValue().isTextual()) {
                        continue;
                    }
                    Matcher m = PERCENT_NAME.matcher(member.getValue().asText());
                    while (m.find()) {
                        needed.computeIfAbsent(m.group(1), k -> new TreeSet<>()).add(function.getKey());
                    }
                    if (member.getKey().equals("connection")) {
                        needed.computeIfAbsent("connection " + member.getValue().asText(), k -> new TreeSet<>())
                            .add(function.getKey());
                    }
                }
            }
        }
        return needed;
    }

    /** A connection is set by its own name or by a {@code NAME__member} section (an identity-based connection). */
    private static boolean deploySets(String setting) {
        if (setting.startsWith("connection ")) {
            String name = setting.substring("connection ".length());
            return SET_WHEN_THE_APP_IS_CREATED.contains(name) || !deployed.getOrDefault(name, "").isEmpty()
                || deployed.entrySet().stream().anyMatch(e -> e.getKey().startsWith(name + "__") && !e.getValue().isEmpty());
        }
        return SET_WHEN_THE_APP_IS_CREATED.contains(setting) || !deployed.getOrDefault(setting, "").isEmpty();
    }

    @Test
    void theDeploySetsEverySettingTheFunctionsResolve() {
        Map<String, Set<String>> needed = resolvedSettings();
        assertTrue(needed.containsKey("LINKHEALTH_RECONCILE_SCHEDULE") && needed.containsKey("connection LINKHEALTH_SERVICEBUS"),
            "the staged functions resolve what this test expects them to: " + needed.keySet());
        List<String> missing = new ArrayList<>();
        needed.forEach((setting, users) -> {
            if (!deploySets(setting)) {
                missing.add(setting + " (used by " + users + ")");
            }
        });
        assertEquals(List.of(), missing, "settings the functions resolve that the pom's <appSettings> does not set");
    }

    @Test
    void theServiceBusFunctionsAreDeployedDisabledUntilAConnectionIsConfigured() {
        Set<String> serviceBus = new TreeSet<>();
        functions.forEach((name, json) -> json.path("bindings").forEach(b -> {
            if (b.path("connection").asText().equals("LINKHEALTH_SERVICEBUS")) {
                serviceBus.add(name);
            }
        }));
        assertEquals(Set.of("DataverseServiceBusQueue", "DataverseServiceBusTopic"), serviceBus);
        for (String function : serviceBus) {
            assertEquals("true", deployed.get("AzureWebJobs." + function + ".Disabled"), function);
        }
        // the placeholder namespace can never resolve, nor be registered by anyone
        assertTrue(deployed.get("LINKHEALTH_SERVICEBUS__fullyQualifiedNamespace").endsWith(".invalid"));
        assertFalse(deployed.containsKey("LINKHEALTH_SERVICEBUS"), "no connection string in the pom");
    }

    @Test
    void theReadmeTableThePomAndTheSampleAgreeOnNamesAndDefaults() throws IOException {
        JsonNode sample = JSON.readTree(base.resolve("local.settings.sample.json").toFile()).path("Values");
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> d : deployed.entrySet()) {
            if (!readmeDefaults.containsKey(d.getKey())) {
                problems.add("the pom sets " + d.getKey() + ", which docs/configuration.md does not list");
            } else if (!d.getValue().equals(readmeDefaults.get(d.getKey()))) {
                problems.add("the pom sets " + d.getKey() + "=" + d.getValue() + ", docs/configuration.md's default is "
                    + readmeDefaults.get(d.getKey()));
            }
        }
        sample.fieldNames().forEachRemaining(name -> {
            if (!CORE_TOOLS_ONLY.contains(name) && !readmeDefaults.containsKey(name)) {
                problems.add("local.settings.sample.json sets " + name + ", which docs/configuration.md does not list");
            }
        });
        readmeDefaults.forEach((name, value) -> {
            if (value == null || value.isEmpty()) {
                return; // no default (required or off): neither file invents one
            }
            if (!value.equals(deployed.get(name))) {
                problems.add("docs/configuration.md's default of " + name + " is " + value + "; the pom sets "
                    + deployed.get(name));
            }
            if (!value.equals(sample.path(name).asText(null))) {
                problems.add("docs/configuration.md's default of " + name + " is " + value
                    + "; local.settings.sample.json has " + sample.path(name).asText(null));
            }
        });
        assertEquals(List.of(), problems);
    }

    @Test
    void hostJsonKeepsSuccessfulRunsVisible() throws IOException {
        JsonNode levels = JSON.readTree(base.resolve("host.json").toFile()).path("logging").path("logLevel");
        Set<String> visible = Set.of("Trace", "Debug", "Information");
        for (String category : List.of("Host.Results", "Function", "default")) {
            JsonNode level = levels.path(category);
            assertTrue(level.isMissingNode() || visible.contains(level.asText()),
                category + " logs at " + level.asText() + ": successful runs would not show in the Monitor tab");
        }
    }

    @Test
    void theAppRunsJava17OnLinuxInAFlexConsumptionPlan() {
        Element configuration = functionsPluginConfiguration();
        Element runtime = child(configuration, "runtime");
        assertEquals("linux", child(runtime, "os").getTextContent().trim());
        assertEquals("17", child(runtime, "javaVersion").getTextContent().trim());
        assertEquals("Flex Consumption", child(configuration, "pricingTier").getTextContent().trim());
        // Flex Consumption sets the runtime itself and refuses these as app settings
        assertFalse(deployed.containsKey("FUNCTIONS_EXTENSION_VERSION") || deployed.containsKey("FUNCTIONS_WORKER_RUNTIME"));
    }

    @Test
    void theReadmeDeploySectionGivesTheCommandsInOrder() {
        int start = deploying.indexOf("# Deploying to Azure");
        assertTrue(start >= 0, "docs/deploying.md has no 'Deploying to Azure' section");
        int end = deploying.indexOf("\n## ", start + 1);
        String section = deploying.substring(start, end < 0 ? deploying.length() : end);
        List<String> steps = List.of("az group create", "az storage account create", "az monitor app-insights component create",
            "az functionapp create", "--flexconsumption-location", "az functionapp identity assign",
            "Storage Blob Data Owner", "Storage Queue Data Contributor", "Storage Table Data Contributor",
            "az functionapp config appsettings set", "azure-functions:deploy", "az functionapp keys", "./linkhealth register",
            "pac connector create");
        int at = 0;
        for (String step : steps) {
            int found = section.indexOf(step, at);
            assertTrue(found >= 0, "the deploy section lacks '" + step + "' after the previous step");
            at = found;
        }
        assertTrue(section.contains("AzureWebJobsStorage__accountName"), "the identity-based storage connection");
        assertTrue(section.contains("--runtime java --runtime-version 17"), "Java 17");
    }
}
