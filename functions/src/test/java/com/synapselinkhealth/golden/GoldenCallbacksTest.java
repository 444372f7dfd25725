package com.synapselinkhealth.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.synapselinkhealth.dataverse.RowChange;
import com.synapselinkhealth.dataverse.json.RowChangeJson;
import com.synapselinkhealth.ingest.ProcessingResult;
import com.synapselinkhealth.statetables.Columns;
import com.synapselinkhealth.statetables.StateTable;
import com.synapselinkhealth.testing.Pipeline;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real-format webhook bodies (src/test/resources/callbacks) against what they must become: the parsed row change
 * (as the ingest queue's JSON) and, through a fresh processor, the outcome and events
 * (src/test/resources/callbacks/expected, same file name). Compared as JSON trees.
 */
class GoldenCallbacksTest {
    /**
     * {@code -Dgolden.update=true} rewrites the expected files from what the code does now (run from the repository
     * root, then review the diff): for a deliberate change of the queue format or the rules.
     */
    static final String UPDATE_PROPERTY = "golden.update";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path dir(String name) {
        try {
            return Path.of(GoldenCallbacksTest.class.getResource("/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> fixtures() throws IOException {
        try (Stream<Path> files = Files.list(dir("callbacks"))) {
            return files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json"))
                .sorted().toList();
        }
    }

    private static byte[] body(String name) {
        try {
            return Files.readAllBytes(dir("callbacks").resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void becomesWhatTheGoldenFileSays(String name) throws IOException {
        Pipeline pipeline = new Pipeline();
        RowChange change = pipeline.parse(body(name));
        StateTable.fromLogicalName(change.table()).ifPresent(table -> {
            Columns.check(table, change.attributes(), "row data");
            Columns.check(table, change.before(), "pre image");
        });
        ProcessingResult result = pipeline.processor.process(change);
        ObjectNode actual = JSON.createObjectNode();
        actual.put("outcome", result.outcome().name());
        ArrayNode events = actual.putArray("events");
        result.events().forEach(e -> events.add(e.name().name()));
        actual.set("rowChange", JSON.readTree(RowChangeJson.write(change)));
        if (Boolean.getBoolean(UPDATE_PROPERTY)) {
            ObjectNode formatted = (ObjectNode) actual.get("rowChange").get("formattedValues");
            Map<String, JsonNode> sorted = new TreeMap<>();
            formatted.properties().forEach(e -> sorted.put(e.getKey(), e.getValue()));
            formatted.removeAll().setAll(sorted);
            Path source = Path.of("functions/src/test/resources/callbacks/expected").resolve(name);
            Files.writeString(source, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(actual) + "\n");
        }
        JsonNode expected = JSON.readTree(dir("callbacks/expected").resolve(name).toFile());
        assertEquals(expected.get("outcome"), actual.get("outcome"), name);
        assertEquals(expected.get("events"), actual.get("events"), name);
        assertEquals(expected.get("rowChange"), actual.get("rowChange"), name);
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void isInDataverseWebhookShape(String name) throws IOException {
        String text = new String(body(name), StandardCharsets.UTF_8);
        assertFalse(text.contains("\n"), "one line, as Dataverse sends it");
        assertFalse(text.replace("\\/", "").contains("/"), "every / escaped as \\/");
        assertTrue(body(name).length >= 5_000 && body(name).length <= 11_000, name + " has " + body(name).length + " bytes");
        JsonNode root = JSON.readTree(text);
        assertEquals(40, root.get("Stage").intValue());
        assertEquals(30, root.get("ParentContext").get("Stage").intValue());
        assertTrue(root.get("ParentContext").get("ParentContext").isNull());
        JsonNode target = root.get("InputParameters").get(0);
        assertEquals("Target", target.get("key").asText());
        String message = root.get("MessageName").asText();
        assertEquals(message.equals("Delete") ? "EntityReference:http://schemas.microsoft.com/xrm/2011/Contracts"
            : "Entity:http://schemas.microsoft.com/xrm/2011/Contracts", target.get("value").get("__type").asText());
        assertEquals(!message.equals("Create"), root.get("PreEntityImages").size() > 0, "pre image, except on Create");
        assertEquals(message.equals("Update"), root.get("PostEntityImages").size() > 0, "post image, on Update");
        root.get("PreEntityImages").forEach(image -> assertFalse(image.get("value").has("__type"), "images carry no __type"));
    }

    @Test
    void everyStateTableHasACreateUpdateAndDelete() throws IOException {
        Set<String> seen = new HashSet<>();
        for (String name : fixtures()) {
            JsonNode root = JSON.readTree(body(name));
            seen.add(root.get("PrimaryEntityName").asText() + " " + root.get("MessageName").asText());
        }
        for (StateTable table : StateTable.values()) {
            for (String message : List.of("Create", "Update", "Delete")) {
                assertTrue(seen.contains(table.logicalName() + " " + message), table.logicalName() + " " + message);
            }
        }
        assertTrue(seen.contains("account Update"));
    }
}
