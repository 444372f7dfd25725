package com.synapselinkhealth.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.synapselinkhealth.webapi.registration.FakeDataverseRegistration;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code ./linkhealth register} against the local Dataverse stand-in: output, exit status, secrets. */
class RegisterCommandTest {
    private static final String URL = "https://contoso-health.azurewebsites.net/api/dataverse/webhook";
    private static final String KEY = "kF8s2-Qw9zX_functionKey_7Hn3LmP0vR5tY==";
    private static final String TOKEN = FakeDataverseRegistration.TOKEN;

    private FakeDataverseRegistration dataverse;
    private final List<String> logged = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            synchronized (logged) {
                logged.add(record.getLoggerName() + " " + record.getMessage() + " " + record.getThrown());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private final Logger ours = Logger.getLogger("com.synapselinkhealth");
    private Level ourLevel;

    /** What one run printed and returned. */
    record Run(int status, String out, String err) {
        String all() {
            return out + err;
        }
    }

    @BeforeEach
    void start() throws Exception {
        dataverse = new FakeDataverseRegistration();
        Logger.getLogger("").addHandler(capture);
        capture.setLevel(Level.ALL);
        ourLevel = ours.getLevel();
        ours.setLevel(Level.ALL);
    }

    @AfterEach
    void stop() {
        dataverse.close();
        Logger.getLogger("").removeHandler(capture);
        ours.setLevel(ourLevel);
        synchronized (logged) {
            for (String line : logged) {
                assertFalse(line.contains(KEY), "the key was logged: " + line);
                assertFalse(line.contains(TOKEN), "the token was logged: " + line);
            }
        }
    }

    private Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = RegisterCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8), FakeDataverseRegistration::loopbackClient);
        Run run = new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        assertFalse(run.all().contains(KEY), "the key was printed:\n" + run.all());
        assertFalse(run.all().contains(TOKEN), "the token was printed:\n" + run.all());
        return run;
    }

    private Run registerAt(String url, String... extra) {
        List<String> args = new ArrayList<>(List.of("--environment", dataverse.url(), "--url", url, "--key", KEY,
            "--access-token", TOKEN));
        args.addAll(List.of(extra));
        return run(args.toArray(String[]::new));
    }

    @Test
    void registersThenFindsEverythingUnchanged() {
        Run first = registerAt(URL);
        assertEquals(0, first.status(), first.all());
        assertTrue(first.out().contains("  created   endpoint Synapse Link Health (contract Webhook, url " + URL
            + ", authtype WebhookKey, key ***)"), first.out());
        assertTrue(first.out().contains("  created   step     Synapse Link Health: Update of synapselinkprofileentitystate"),
            first.out());
        assertTrue(first.out().contains("  created   image    Synapse Link Health: Delete of synapsedatabase, PreImage"),
            first.out());
        assertTrue(first.out().contains("Done: created 43, updated 0, deleted 0; 0 unchanged."), first.out());
        assertEquals(43, dataverse.writes().size());
        assertTrue(dataverse.received().stream().allMatch(r -> ("Bearer " + TOKEN).equals(r.header("Authorization"))),
            "the --access-token is the bearer token");

        dataverse.clearReceived();
        Run second = registerAt(URL);
        assertEquals(0, second.status(), second.all());
        assertEquals(List.of(), dataverse.writes());
        assertTrue(second.out().contains("  unchanged endpoint Synapse Link Health"), second.out());
        assertEquals(43, second.out().lines().filter(l -> l.startsWith("  unchanged ")).count(), second.out());
        assertTrue(second.out().contains("Nothing to change: the registration is up to date (43 unchanged)."), second.out());
    }

    @Test
    void dryRunPrintsThePlanAndWritesNothing() {
        Run plan = registerAt(URL, "--dry-run");
        assertEquals(0, plan.status(), plan.all());
        assertEquals(List.of(), dataverse.writes());
        assertTrue(plan.out().contains("(dry run: nothing is changed)"), plan.out());
        assertTrue(plan.out().contains("  create    endpoint Synapse Link Health"), plan.out());
        assertEquals(18, plan.out().lines().filter(l -> l.startsWith("  create    step ")).count());
        assertEquals(24, plan.out().lines().filter(l -> l.startsWith("  create    image ")).count());
        assertTrue(plan.out().contains("Dry run, nothing was changed. Plan: create 43, update 0, delete 0; 0 unchanged."),
            plan.out());

        registerAt(URL);
        dataverse.clearReceived();
        Run keyChange = registerAt(URL.replace("contoso-health", "contoso-health-2"), "--dry-run");
        assertTrue(keyChange.out().contains("  update    endpoint Synapse Link Health (url)"), keyChange.out());
        assertEquals(List.of(), dataverse.writes());
    }

    @Test
    void removeDeletesWhatRegisterCreated() {
        registerAt(URL);
        Run dry = run("--environment", dataverse.url(), "--remove", "--dry-run", "--access-token", TOKEN);
        assertTrue(dry.out().contains("  delete    endpoint Synapse Link Health"), dry.out());
        assertEquals(43, dataverse.rows("sdkmessageprocessingsteps").size() + dataverse.rows("sdkmessageprocessingstepimages").size() + 1);

        Run removed = run("--environment", dataverse.url(), "--remove", "--access-token", TOKEN);
        assertEquals(0, removed.status(), removed.all());
        assertTrue(removed.out().contains("  deleted   step     Synapse Link Health: Create of synapselinkprofile"), removed.out());
        assertTrue(removed.out().contains("Done: created 0, updated 0, deleted 43; 0 unchanged."), removed.out());
        assertEquals(List.of(), dataverse.rows("serviceendpoints"));

        Run again = run("--environment", dataverse.url(), "--remove", "--access-token", TOKEN);
        assertEquals(0, again.status());
        assertTrue(again.out().contains("Nothing to remove"), again.out());
    }

    @Test
    void skippedTablesAreSaidWithTheReason() {
        dataverse.disallowCustomSteps("synapselinkexternaltablestate");
        Run run = registerAt(URL);
        assertEquals(0, run.status(), run.all());
        assertTrue(run.out().contains("  skipped   step     Synapse Link Health: Update of synapselinkexternaltablestate "
            + "(skipped: table does not allow custom steps)"), run.out());
        assertTrue(run.out().contains("3 skipped"), run.out());
    }

    @Test
    void theQueryStringOfTheUrlIsNeverPrinted() {
        Run run = registerAt(URL + "?code=" + KEY, "--dry-run");
        assertEquals(0, run.status(), run.all());
        assertTrue(run.out().contains(URL + "?***"), run.out());
        assertTrue(run.err().contains("already has a code= parameter"), run.err());
    }

    @Test
    void aMissingPrivilegeIsOneLineNamingIt() {
        dataverse.refuse("POST", "serviceendpoints", 403, "Principal user (Id=3f1c), is missing prvCreateServiceEndpoint "
            + "privilege (Id=a1b2) on OTC=4618 for entity 'serviceendpoint'.");
        Run run = registerAt(URL);
        assertEquals(1, run.status());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().startsWith("register: The application user may not create service endpoint 'Synapse Link "
            + "Health' in 127.0.0.1 (403 Forbidden: missing prvCreateServiceEndpoint on serviceendpoint)."), run.err());
    }

    @Test
    void anExpiredTokenIsOneLine() {
        dataverse.acceptToken("a-fresh-token");
        Run run = registerAt(URL);
        assertEquals(1, run.status());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().contains("refused the access token (401 Unauthorized)"), run.err());
        assertTrue(run.err().contains("expired"), run.err());
    }

    @Test
    void aWrongEnvironmentIsOneLine() {
        Run run = run("--environment", dataverse.url() + "/wrong", "--url", URL, "--key", KEY, "--access-token", TOKEN);
        assertEquals(1, run.status());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().contains("No Dataverse Web API answers at " + dataverse.url() + "/wrong/api/data/v9.2/; "
            + "check the environment URL"), run.err());
        assertEquals(List.of(), dataverse.writes());
    }

    @Test
    void aRefusedConnectionIsOnePlainLine() throws Exception {
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        Run run = run("--environment", "http://127.0.0.1:" + port, "--url", URL, "--key", KEY, "--access-token", TOKEN);
        assertEquals(1, run.status());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().contains("nothing answers at http://127.0.0.1:" + port + " (connection refused); check the "
            + "environment URL"), run.err());
        assertFalse(run.err().contains("Exception"), run.err());
        assertEquals("", run.out());
    }

    @Test
    void badCommandLinesExitTwo() {
        Run noKey = run("--environment", dataverse.url(), "--url", URL);
        assertEquals(2, noKey.status());
        assertTrue(noKey.err().contains("needs --url and --key"), noKey.err());
        Run httpUrl = run("--environment", dataverse.url(), "--url", "http://x.azurewebsites.net/api/dataverse/webhook",
            "--key", KEY, "--access-token", TOKEN);
        assertEquals(2, httpUrl.status());
        assertTrue(httpUrl.err().contains("must be an absolute https URL"), httpUrl.err());
        Run relative = run("--environment", dataverse.url(), "--url", "/api/dataverse/webhook", "--key", KEY,
            "--access-token", TOKEN);
        assertEquals(2, relative.status());
        Run noEnvironment = run("--url", URL, "--key", KEY);
        assertEquals(2, noEnvironment.status());
        assertTrue(noEnvironment.err().contains("needs --environment"), noEnvironment.err());
        Run badEnvironment = run("--environment", "contoso.crm.dynamics.com", "--url", URL, "--key", KEY,
            "--access-token", TOKEN);
        assertEquals(2, badEnvironment.status());
        assertTrue(badEnvironment.err().contains("must be an absolute https URL"), badEnvironment.err());
        Run unknown = run("--environment", dataverse.url(), "--remove", "--force");
        assertEquals(2, unknown.status());
        assertEquals(List.of(), dataverse.received());
        Run help = run("--help");
        assertEquals(0, help.status());
        assertTrue(help.out().contains("--dry-run"), help.out());
    }

    @Test
    void theCommandAsShippedAcceptsAnHttpStandInOnLoopback() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = RegisterCommand.run(new String[] {"--environment", dataverse.url(), "--url", URL, "--key", KEY,
            "--access-token", TOKEN, "--dry-run"}, new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
        String all = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
        assertEquals(0, status, all);
        assertTrue(all.contains("Dry run, nothing was changed."), all);
        assertEquals(List.of(), dataverse.writes());

        err.reset();
        int remote = RegisterCommand.run(new String[] {"--environment", "http://contoso.crm.dynamics.com", "--url", URL,
            "--key", KEY, "--access-token", TOKEN, "--dry-run"}, new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, remote);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("must be an absolute https URL"), err.toString());
    }

    @Test
    void mainDispatchesRegister() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(new String[] {"register", "--url", URL}, new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, status);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("register needs --environment"));
        out.reset();
        Main.run(new String[] {"help"}, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("register --environment URL"));
    }

    @Test
    void theKeyMayComeFromTheEnvironmentSoItStaysOutOfTheProcessList() {
        String[] args = {"--environment", "https://contoso.crm.dynamics.com", "--url",
            "https://linkhealth.example/api/dataverse/webhook"};
        RegisterCommand.Options fromEnvironment = RegisterCommand.Options.parse(args,
            java.util.Map.of("LINKHEALTH_WEBHOOK_KEY", " env-key \n"));
        assertEquals("env-key", fromEnvironment.key);
        String[] withKey = java.util.Arrays.copyOf(args, args.length + 2);
        withKey[args.length] = "--key";
        withKey[args.length + 1] = "flag-key";
        assertEquals("flag-key", RegisterCommand.Options.parse(withKey, java.util.Map.of("LINKHEALTH_WEBHOOK_KEY", "env-key")).key,
            "--key wins");
        IllegalArgumentException missing = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
            () -> RegisterCommand.Options.parse(args, java.util.Map.of("LINKHEALTH_WEBHOOK_KEY", " ")));
        assertTrue(missing.getMessage().contains("LINKHEALTH_WEBHOOK_KEY"), missing.getMessage());
    }
}
