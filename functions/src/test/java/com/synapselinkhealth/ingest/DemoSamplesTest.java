package com.synapselinkhealth.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.synapselinkhealth.dataverse.RowChange;
import com.synapselinkhealth.health.HealthEvent;
import com.synapselinkhealth.health.HealthEventName;
import com.synapselinkhealth.statetables.Columns;
import com.synapselinkhealth.statetables.StateTable;
import com.synapselinkhealth.testing.Pipeline;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The bodies {@code ./linkhealth demo} replays (src/main/resources/demo), in file-name order, tell their story. */
class DemoSamplesTest {
    private static final UUID PROFILE_ID = UUID.fromString("0a4c5e1f-2b3d-ef11-9f89-000d3a4a5b6c");

    private static Path demoDir() throws URISyntaxException {
        return Path.of(DemoSamplesTest.class.getResource("/demo").toURI());
    }

    /** The bodies in the order the demo replays them: as {@code demo/index.txt} lists them. */
    private static List<Path> demoBodies() throws IOException, URISyntaxException {
        List<Path> bodies = new ArrayList<>();
        for (String line : Files.readAllLines(demoDir().resolve("index.txt"))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                bodies.add(demoDir().resolve(line.strip()));
            }
        }
        return bodies;
    }

    @Test
    void theIndexListsEveryBodyInFileNameOrder() throws Exception {
        try (Stream<Path> files = Files.list(demoDir())) {
            List<Path> json = files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
            assertEquals(json, demoBodies());
        }
    }

    @Test
    void eachBodyRaisesItsEventsInReplayOrder() throws Exception {
        Pipeline pipeline = new Pipeline();
        Map<String, List<HealthEventName>> raised = new LinkedHashMap<>();
        List<HealthEvent> all = new ArrayList<>();
        for (Path body : demoBodies()) {
            RowChange change = pipeline.parse(Files.readAllBytes(body));
            StateTable table = StateTable.fromLogicalName(change.table()).orElseThrow();
            Columns.check(table, change.attributes(), "row data");
            Columns.check(table, change.before(), "pre image");
            ProcessingResult result = pipeline.processor.process(change);
            assertEquals(ProcessingResult.Outcome.APPLIED, result.outcome(), body.getFileName().toString());
            raised.put(body.getFileName().toString(), result.events().stream().map(HealthEvent::name).toList());
            all.addAll(result.events());
        }
        Map<String, List<HealthEventName>> expected = new LinkedHashMap<>();
        expected.put("01-profile-contoso-lake-created.json", List.of());
        expected.put("02-incident-table-state-created.json", List.of());
        expected.put("03-account-initial-sync-completed.json", List.of(HealthEventName.InitialSyncCompleted));
        expected.put("04-contact-sync-completed-with-failures.json", List.of(HealthEventName.TableSyncFailed));
        expected.put("05-incident-delta-table-failed.json", List.of(HealthEventName.DeltaTableFailed));
        expected.put("06-profile-contoso-lake-error.json", List.of(HealthEventName.ProfileError));
        assertEquals(expected, raised);
        assertEquals(all, pipeline.published);

        assertEquals(List.of("account", "contact", "incident"),
            all.stream().filter(e -> e.table() != null).map(HealthEvent::table).toList());
        for (HealthEvent e : all) {
            assertEquals("Contoso Lake", e.profileName(), e.summary());
            assertEquals(PROFILE_ID, e.profileId(), e.summary());
            assertEquals("unqb015df52a05fee11a382000d3a64d", e.organization());
            assertTrue(e.summary().contains("Contoso Lake"), e.summary());
        }
        assertEquals("InProgress", all.get(0).previousState());
        assertEquals("Completed", all.get(0).currentState());
        assertEquals(48_210L, all.get(0).lakeRecordCount());
        assertEquals("CompletedWithFailures", all.get(1).currentState());
        assertEquals("Created", all.get(2).previousState());
        assertEquals("Failed", all.get(2).currentState());
        assertEquals("Active", all.get(3).previousState());
        assertEquals("Error", all.get(3).currentState());
    }

    @Test
    void replayingTheStoryAgainRaisesNothingNew() throws Exception {
        Pipeline pipeline = new Pipeline();
        for (Path body : demoBodies()) {
            pipeline.process(Files.readAllBytes(body));
        }
        for (Path body : demoBodies()) {
            assertEquals(ProcessingResult.Outcome.DUPLICATE, pipeline.process(Files.readAllBytes(body)).outcome());
        }
        assertEquals(4, pipeline.published.size());
    }
}
