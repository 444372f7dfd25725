package com.synapselinkhealth.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.synapselinkhealth.statetables.StateTable;
import com.synapselinkhealth.testing.CallbackBuilder;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./linkhealth normalize FILE...}: webhook bodies in, one CloudEvent JSON per line out. */
class MainNormalizeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final UUID ROW = UUID.fromString("e3b1f2a4-5c6d-ef11-9f89-000d3a4a5b6c");
    private static final UUID PROFILE = UUID.fromString("5a1e0c3b-7d2f-ef11-9f89-000d3a4a5b6c");
    private static final UUID OPERATION = UUID.fromString("0f2d7b7e-1a4c-4c4e-9a5b-2f7f0e6f3a11");
    private static final Instant MODIFIED = Instant.parse("2024-06-03T09:29:58Z");

    @TempDir
    Path dir;

    /** What one run printed and returned. */
    record Run(int status, String out, String err) {
        List<JsonNode> events() throws Exception {
            List<JsonNode> events = new ArrayList<>();
            for (String line : out.split("\n")) {
                if (!line.isBlank()) {
                    events.add(JSON.readTree(line));
                }
            }
            return events;
        }
    }

    private static Run normalize(Path... files) throws Exception {
        String[] args = new String[files.length + 1];
        args[0] = "normalize";
        for (int i = 0; i < files.length; i++) {
            args[i + 1] = files[i].toString();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Path file(String name, byte[] body) throws Exception {
        return Files.write(dir.resolve(name), body);
    }

    /** {@code contact} of profile lake-prod: InProgress -> CompletedWithFailures. */
    private static CallbackBuilder failingTable() {
        return CallbackBuilder.update(StateTable.PROFILE_ENTITY_STATE, ROW)
            .operationId(OPERATION)
            .target("syncstate", CallbackBuilder.option(8))
            .target("modifiedon", MODIFIED)
            .preImage("syncstate", CallbackBuilder.option(2))
            .unchanged("entityname", "contact")
            .unchanged("profile", CallbackBuilder.ref("synapselinkprofile", PROFILE, "lake-prod"))
            .unchanged("lakerecordcount", 1200L)
            .unchanged("crmrecordcount", 1250L);
    }

    @Test
    void printsOneCloudEventPerLineForAFailingTable() throws Exception {
        Run run = normalize(file("failing.json", failingTable().build()));

        assertEquals(0, run.status(), run.err());
        assertEquals("", run.err());
        String[] lines = run.out().split("\n");
        assertEquals(1, lines.length, run.out());
        JsonNode event = JSON.readTree(lines[0]);
        assertEquals("1.0", event.path("specversion").asText());
        assertTrue(event.path("type").asText().endsWith("TableSyncFailed"), event.toString());
        assertEquals("contact", event.path("subject").asText());
        assertTrue(event.path("source").asText().contains(CallbackBuilder.ORGANIZATION_NAME), event.toString());
        assertTrue(event.path("source").asText().contains("lake-prod"), event.toString());
        assertEquals(MODIFIED, Instant.parse(event.path("time").asText()));
        assertFalse(event.path("id").asText().isBlank());

        JsonNode data = event.path("data");
        assertEquals("TableSyncFailed", data.path("eventName").asText());
        assertEquals("error", data.path("severity").asText());
        assertEquals("contact", data.path("table").asText());
        assertEquals("synapselinkprofileentitystate", data.path("stateTable").asText());
        assertEquals("lake-prod", data.path("profileName").asText());
        assertEquals(PROFILE.toString(), data.path("profileId").asText());
        assertEquals(ROW.toString(), data.path("rowId").asText());
        assertEquals(OPERATION.toString(), data.path("operationId").asText());
        assertEquals(1200, data.path("lakeRecordCount").asLong());
        assertEquals(1250, data.path("dataverseRecordCount").asLong());
        assertTrue(data.has("lastSyncedAt") && data.path("lastSyncedAt").isNull(), "absent values are null: " + data);
        assertFalse(data.path("summary").asText().isBlank());

        // the same callback normalized again (a fresh run) gets the same id
        Run again = normalize(file("failing-again.json", failingTable().build()));
        assertEquals(event.path("id").asText(), again.events().get(0).path("id").asText());
        // another operation on the same row gets another id
        Run other = normalize(file("failing-other.json", failingTable().operationId(UUID.randomUUID()).build()));
        assertNotEquals(event.path("id").asText(), other.events().get(0).path("id").asText());
    }

    @Test
    void aRejectedFileIsNamedOnStderrTheOthersAreStillProcessedAndTheStatusIs1() throws Exception {
        Path bad = file("broken.json", "{\"MessageName\":".getBytes(StandardCharsets.UTF_8));
        Path good = file("failing.json", failingTable().build());
        Path badDate = file("bad-date.json", failingTable().target("lastsynceddatatime", "/Date(abc)/").build());
        Path missing = dir.resolve("missing.json");

        Run run = normalize(bad, good, badDate, missing);

        assertEquals(1, run.status());
        assertEquals(1, run.events().size(), run.out());
        assertEquals("TableSyncFailed", run.events().get(0).path("data").path("eventName").asText());
        List<String> errors = run.err().lines().toList();
        assertEquals(3, errors.size(), run.err());
        assertTrue(errors.get(0).startsWith(bad.toString()) && errors.get(0).contains("not-json"), errors.get(0));
        assertTrue(errors.get(1).startsWith(badDate.toString()) && errors.get(1).contains("lastsynceddatatime"),
            errors.get(1));
        assertTrue(errors.get(2).startsWith(missing.toString()) && errors.get(2).contains("no such file"), errors.get(2));
    }

    @Test
    void aBodyOfAnotherTableIsIgnoredNotRejected() throws Exception {
        Path account = file("account.json", CallbackBuilder.of("Update", "account", UUID.randomUUID())
            .target("name", "Contoso").build());
        Run run = normalize(account);
        assertEquals(0, run.status());
        assertEquals("", run.out());
        assertEquals("", run.err());

        Run mixed = normalize(account, file("failing.json", failingTable().build()));
        assertEquals(0, mixed.status());
        assertEquals(1, mixed.events().size());
    }

    @Test
    void filesAreReadInOrderAgainstTheStateTheEarlierOnesLeft() throws Exception {
        Path inProgress = file("1-in-progress.json", CallbackBuilder.update(StateTable.PROFILE_ENTITY_STATE, ROW)
            .target("syncstate", CallbackBuilder.option(2))
            .target("versionnumber", 100L)
            .target("modifiedon", Instant.parse("2024-06-03T09:00:00Z"))
            .target("entityname", "contact")
            .build());
        Path failed = file("2-failed.json", CallbackBuilder.update(StateTable.PROFILE_ENTITY_STATE, ROW)
            .target("syncstate", CallbackBuilder.option(8))
            .target("versionnumber", 101L)
            .target("modifiedon", Instant.parse("2024-06-03T09:30:00Z"))
            .build());

        assertEquals("", normalize(inProgress).out(), "a row first seen in a good state fires nothing");

        Run run = normalize(inProgress, failed);
        assertEquals(0, run.status(), run.err());
        List<JsonNode> events = run.events();
        assertEquals(1, events.size(), run.out());
        JsonNode data = events.get(0).path("data");
        assertEquals("TableSyncFailed", data.path("eventName").asText());
        assertEquals("InProgress", data.path("previousState").asText());
        assertEquals("CompletedWithFailures", data.path("currentState").asText());
        // the table name came from the first file: the second one did not carry it
        assertEquals("contact", data.path("table").asText());

        // the same failure delivered twice is one event
        Run twice = normalize(inProgress, failed, failed);
        assertEquals(1, twice.events().size(), twice.out());
    }

    @Test
    void withoutFilesItIsAUsageError() throws Exception {
        Run run = normalize();
        assertEquals(2, run.status());
        assertTrue(run.err().contains("normalize needs at least one file"), run.err());
        assertEquals("", run.out());
    }
}
