package com.synapselinkhealth.local;

import static com.synapselinkhealth.testing.SynapseLink.sync;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.synapselinkhealth.dataverse.EntityReference;
import com.synapselinkhealth.ingest.EarlyWarningsTest;
import com.synapselinkhealth.statetables.StateTable;
import com.synapselinkhealth.testing.Lifecycle;
import com.synapselinkhealth.testing.Permutations;
import com.synapselinkhealth.testing.SynapseLink;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./linkhealth normalize} gives the events of Dataverse's order whatever order the files are named in. */
class NormalizeOrderTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final EntityReference PROFILE = new EntityReference(StateTable.PROFILE.logicalName(), SynapseLink.PROFILE_ID, null);

    @TempDir
    Path dir;

    private List<Path> files(List<byte[]> callbacks) throws Exception {
        List<Path> files = new ArrayList<>();
        Path life = Files.createTempDirectory(dir, "life");
        for (int i = 0; i < callbacks.size(); i++) {
            files.add(Files.write(life.resolve("callback-" + i + ".json"), callbacks.get(i)));
        }
        return files;
    }

    private static List<JsonNode> normalize(List<Path> files, int[] order) {
        String[] args = new String[order.length + 1];
        args[0] = "normalize";
        for (int i = 0; i < order.length; i++) {
            args[i + 1] = files.get(order[i]).toString();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status;
        try {
            status = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new AssertionError("normalize failed", e);
        }
        assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
        List<JsonNode> events = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                try {
                    events.add(JSON.readTree(line));
                } catch (Exception e) {
                    throw new AssertionError("not a CloudEvent line: " + line, e);
                }
            }
        }
        return events;
    }

    private static Map<String, Long> names(List<JsonNode> events) {
        Map<String, Long> counts = new TreeMap<>();
        events.forEach(e -> counts.merge(e.path("data").path("eventName").asText(), 1L, Long::sum));
        return counts;
    }

    private void assertEveryOrderAsInOrder(List<byte[]> callbacks, Map<String, Long> expected) throws Exception {
        List<Path> files = files(callbacks);
        List<JsonNode> inOrder = normalize(files, Permutations.identity(files.size()));
        if (expected != null) {
            assertEquals(expected, names(inOrder));
        }
        Permutations.forEach(files.size(), order -> {
            List<JsonNode> events = normalize(files, order);
            assertEquals(names(inOrder), names(events), java.util.Arrays.toString(order));
            Set<String> ids = new HashSet<>();
            events.forEach(e -> assertTrue(ids.add(e.path("id").asText()), "id printed twice: " + e));
        });
    }

    @Test
    void aFailureAndRecoveryInEveryOrder() throws Exception {
        assertEveryOrderAsInOrder(Lifecycle.of(StateTable.PROFILE_ENTITY_STATE, UUID.randomUUID())
            .created(Map.of("entityname", "contact", "profile", PROFILE, "syncstate", sync(2)))
            .then("syncstate", sync(8)).then("lakerecordcount", 10L).then("syncstate", sync(4)).callbacks(),
            Map.of("TableSyncFailed", 1L, "TableSyncRecovered", 1L));
    }

    @Test
    void aTableAddedAndRemovedDeleteFirst() throws Exception {
        assertEveryOrderAsInOrder(Lifecycle.of(StateTable.PROFILE_ENTITY, UUID.randomUUID())
            .created(Map.of("entityname", "contact", "profile", PROFILE, "enabled", true)).thenDeleted().callbacks(),
            Map.of("TableAdded", 1L, "TableRemoved", 1L));
    }

    @Test
    void randomLivesOfEveryTable() throws Exception {
        Random random = new Random(77);
        for (StateTable table : StateTable.values()) {
            for (int i = 0; i < 2; i++) {
                assertEveryOrderAsInOrder(Lifecycle.random(table, random, 2 + random.nextInt(2), random.nextBoolean()).callbacks(), null);
            }
        }
    }

    @Test
    void theEarlyWarningsInEveryOrderWithTheirFigures() throws Exception {
        assertEveryOrderAsInOrder(EarlyWarningsTest.lakeFallsBehindAndCatchesUp(UUID.randomUUID()),
            Map.of("RecordCountDrift", 1L, "RecordCountDriftCleared", 1L));
        assertEveryOrderAsInOrder(EarlyWarningsTest.lagGrowsAndDrops(UUID.randomUUID()),
            Map.of("SyncFallingBehind", 1L, "SyncCaughtUp", 1L));
        List<Path> files = files(EarlyWarningsTest.initialSyncOf100k(UUID.randomUUID()));
        List<JsonNode> events = normalize(files, new int[] {5, 3, 1, 4, 0, 2});
        List<JsonNode> progress = events.stream().filter(e -> e.path("data").path("eventName").asText().equals("InitialSyncProgress")).toList();
        assertEquals(List.of(25, 50, 75), progress.stream().map(e -> e.path("data").path("progressPercent").asInt()).sorted().toList());
        progress.forEach(e -> assertTrue(e.path("data").path("estimatedCompletionAt").isTextual(), e.toString()));
        JsonNode drift = normalize(files(EarlyWarningsTest.lakeFallsBehindAndCatchesUp(UUID.randomUUID())), new int[] {0, 1, 2, 3, 4})
            .get(0).path("data");
        assertEquals("RecordCountDrift", drift.path("eventName").asText());
        assertEquals(-1000, drift.path("recordCountDifference").asLong());
        assertEquals("warning", drift.path("severity").asText());
    }
}
