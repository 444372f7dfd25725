package com.synapselinkhealth.local;

import static com.synapselinkhealth.testing.SynapseLinkTables.CONTACT_STATE;
import static com.synapselinkhealth.testing.SynapseLinkTables.EXTERNAL_STATES;
import static com.synapselinkhealth.testing.SynapseLinkTables.PROFILES;
import static com.synapselinkhealth.testing.SynapseLinkTables.STATES;
import static com.synapselinkhealth.testing.SynapseLinkTables.state;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.synapselinkhealth.config.Settings;
import com.synapselinkhealth.statetables.ChoiceSet;
import com.synapselinkhealth.testing.SynapseLink;
import com.synapselinkhealth.testing.SynapseLinkTables;
import com.synapselinkhealth.webapi.FakeDataverse.Answer;
import com.synapselinkhealth.webapi.FakeDataverse;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./linkhealth reconcile --environment URL --access-token T} against the local Dataverse stand-in. */
class ReconcileCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJleHAiOjB9.cli-secret-signature";

    @TempDir
    Path dir;
    private FakeDataverse dataverse;
    private final List<LogRecord> logs = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            synchronized (logs) {
                logs.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private Level rootLevel;

    @BeforeEach
    void start() throws Exception {
        dataverse = SynapseLinkTables.loadHealthy(new FakeDataverse());
        Logger root = Logger.getLogger("");
        rootLevel = root.getLevel();
        root.setLevel(Level.ALL);
        capture.setLevel(Level.ALL);
        root.addHandler(capture);
    }

    @AfterEach
    void stop() {
        Logger root = Logger.getLogger("");
        root.removeHandler(capture);
        root.setLevel(rootLevel);
        dataverse.close();
    }

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

    private static Run main(String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Run reconcile(String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("reconcile", "--environment", dataverse.url(), "--access-token", TOKEN));
        args.addAll(List.of(more));
        return main(args.toArray(String[]::new));
    }

    /** No log record, at any level, and no output carries the token. */
    private void assertTokenNowhere(Run run) {
        assertFalse(run.out().contains(TOKEN) || run.out().contains("cli-secret"), run.out());
        assertFalse(run.err().contains(TOKEN) || run.err().contains("cli-secret"), run.err());
        synchronized (logs) {
            for (LogRecord r : logs) {
                String text = r.getMessage() + " " + java.util.Arrays.toString(r.getParameters()) + " " + r.getThrown();
                assertFalse(text.contains("cli-secret"), "token in log " + r.getLoggerName() + ": " + text);
            }
        }
    }

    private static List<String> keys(JsonNode node) {
        List<String> out = new ArrayList<>();
        Iterator<String> names = node.fieldNames();
        names.forEachRemaining(out::add);
        return new ArrayList<>(new TreeSet<>(out));
    }

    @Test
    void printsEachEventAsOneCloudEventLineLikeNormalizeAndASummaryOnStderr() throws Exception {
        dataverse.put(STATES, "synapselinkprofileentitystateid", state(CONTACT_STATE, "contact", 8, 1001));

        Run run = reconcile();

        assertEquals(0, run.status(), run.err());
        List<JsonNode> events = run.events();
        assertEquals(1, events.size(), run.out());
        JsonNode event = events.get(0);
        assertEquals("1.0", event.path("specversion").asText());
        assertEquals("com.synapselinkhealth.synapselink.TableSyncFailed", event.path("type").asText());
        assertEquals("contact", event.path("subject").asText());
        assertEquals("TableSyncFailed", event.path("data").path("eventName").asText());
        assertEquals(SynapseLink.PROFILE_NAME, event.path("data").path("profileName").asText());
        assertEquals("error", event.path("data").path("severity").asText());
        assertEquals(1, run.out().split("\n").length, "one line per event");

        Path body = dir.resolve("failed.json");
        Files.write(body, SynapseLink.tableState(CONTACT_STATE, "contact").target("syncstate", ChoiceSet.ENTITY_SYNC_STATE.of(8))
            .preImage("syncstate", ChoiceSet.ENTITY_SYNC_STATE.of(4)).build());
        List<JsonNode> normalizedEvents = main("normalize", body.toString()).events();
        assertEquals(1, normalizedEvents.size());
        JsonNode normalized = normalizedEvents.get(0);
        assertEquals(keys(normalized), keys(event), "the same CloudEvent attributes as normalize");
        assertEquals(keys(normalized.path("data")), keys(event.path("data")), "the same data fields as normalize");

        assertTrue(run.err().contains("Read from 127.0.0.1:"), run.err());
        assertTrue(run.err().matches("(?s).*synapselinkprofileentitystate\\s+1 row.*"), run.err());
        assertTrue(run.err().matches("(?s).*synapselinkprofile\\s+1 row.*"), run.err());
        assertTrue(run.err().contains("1 health event."), run.err());
        assertTokenNowhere(run);
    }

    @Test
    void aForbiddenTableIsNamedTheOthersArePrintedAndTheStatusIsOne() throws Exception {
        dataverse.forbid(EXTERNAL_STATES);
        dataverse.put(STATES, "synapselinkprofileentitystateid", state(CONTACT_STATE, "contact", 8, 1001));
        Run run = reconcile();
        assertEquals(1, run.status());
        assertEquals(1, run.events().size());
        assertTrue(run.err().contains("synapselinkexternaltablestate   failed: The application user lacks the privilege "
            + "to read synapselinkexternaltablestates"), run.err());
        assertTokenNowhere(run);
    }

    @Test
    void anExpiredTokenIsSaidPlainly() throws Exception {
        dataverse.first(PROFILES, Answer.error(401, "0x80072560", "ExpiredAuthTicket"));
        Run run = reconcile();
        assertEquals(1, run.status());
        assertEquals("", run.out());
        assertTrue(run.err().startsWith("Dataverse at 127.0.0.1 refused the access token (401 Unauthorized): the token "
            + "given with --access-token or DATAVERSE_ACCESS_TOKEN is expired or invalid"), run.err());
        assertEquals(1, dataverse.received.size());
        assertTrue(run.err().matches("(?s).*synapselinkprofile\\s+failed \\(see above\\).*"), run.err());
        assertTrue(run.err().matches("(?s).*synapselinkexternaltablestate\\s+not read.*"), run.err());
        assertTokenNowhere(run);
    }

    @Test
    void aWrongEnvironmentIsSaidPlainly() throws Exception {
        try (FakeDataverse nothing = new FakeDataverse()) {
            Run run = main("reconcile", "--environment=" + nothing.url(), "--access-token=" + TOKEN);
            assertEquals(1, run.status());
            assertTrue(run.err().contains("check the environment URL"), run.err());
            assertTokenNowhere(run);
        }
    }

    @Test
    void throttlingThatDoesNotEndIsSaidPlainly() throws Exception {
        dataverse.first(PROFILES, Answer.throttled(0), Answer.throttled(0), Answer.throttled(0), Answer.throttled(0));
        Run run = reconcile();
        assertEquals(1, run.status());
        assertTrue(run.err().contains("throttling requests (429 Too Many Requests)"), run.err());
        assertTrue(run.err().contains("try again later"), run.err());
        synchronized (logs) {
            assertTrue(logs.stream().noneMatch(r -> r.getLoggerName() != null && r.getLoggerName().startsWith("com.azure")),
                () -> "the pipeline's own retry noise is held back; the summary says it: "
                    + logs.stream().map(r -> r.getLoggerName() + " " + r.getMessage()).toList());
        }
        assertEquals(null, Logger.getLogger("com.azure").getLevel(), "and let through again afterwards");
        assertTokenNowhere(run);
    }

    @Test
    void aWrongCommandLineIsStatusTwo() throws Exception {
        Run noEnvironment = main("reconcile", "--access-token", TOKEN);
        if (System.getenv(Settings.DATAVERSE_ENVIRONMENT_URL) == null) {
            assertEquals(2, noEnvironment.status());
            assertTrue(noEnvironment.err().contains("reconcile needs the Dataverse environment"), noEnvironment.err());
        }
        Run http = main("reconcile", "--environment", "http://contoso.crm.dynamics.com", "--access-token", TOKEN);
        assertEquals(2, http.status());
        assertTrue(http.err().contains("https"), http.err());
        assertTrue(http.err().startsWith("--environment is 'http://contoso.crm.dynamics.com'; it must be"), http.err());
        Run path = main("reconcile", "--environment", "https://contoso.crm.dynamics.com/api/data/v9.2");
        assertEquals(2, path.status());
        assertTrue(path.err().contains("no path"), path.err());
        assertEquals(2, main("reconcile", "--environment", dataverse.url(), "--frobnicate").status());
        assertEquals(2, main("reconcile", "--environment", dataverse.url(), "--access-token").status());
        Run spaces = main("reconcile", "--environment", dataverse.url(), "--access-token", "two words");
        assertEquals(2, spaces.status());
        assertFalse(spaces.err().contains("two words"), spaces.err());
        assertTrue(main("help").out().contains("reconcile --environment URL [--access-token T]"));
    }

    @Test
    void theEnvironmentAndTokenFallBackToTheirSettings() {
        ReconcileCommand.Options o = ReconcileCommand.Options.parse(new String[0], Map.of(
            Settings.DATAVERSE_ENVIRONMENT_URL, "https://contoso.crm.dynamics.com/",
            Settings.DATAVERSE_ACCESS_TOKEN, "from-env")::get);
        assertEquals("https://contoso.crm.dynamics.com", o.environment.toString());
        assertEquals("from-env", o.accessToken);
        ReconcileCommand.Options flags = ReconcileCommand.Options.parse(new String[] {"--environment",
            "https://fabrikam.crm4.dynamics.com", "--access-token", "from-flag"}, Map.of(
            Settings.DATAVERSE_ENVIRONMENT_URL, "https://contoso.crm.dynamics.com", Settings.DATAVERSE_ACCESS_TOKEN, "x")::get);
        assertEquals("https://fabrikam.crm4.dynamics.com", flags.environment.toString());
        assertEquals("from-flag", flags.accessToken);
        Settings.InvalidSettingException e = assertThrows(Settings.InvalidSettingException.class,
            () -> ReconcileCommand.Options.parse(new String[0],
                Map.of(Settings.DATAVERSE_ENVIRONMENT_URL, "https://contoso.crm.dynamics.com?x=1")::get));
        assertTrue(e.getMessage().contains(Settings.DATAVERSE_ENVIRONMENT_URL), e.getMessage());
    }
}
