package com.synapselinkhealth.local;

import com.synapselinkhealth.app.LinkHealth;
import com.synapselinkhealth.config.NcrontabSchedule;
import com.synapselinkhealth.config.Settings;
import java.io.PrintStream;
import java.net.BindException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./linkhealth serve [options]}: hosts the function app on this machine ({@link LocalServer}) with the stores
 * of the settings, prints where it listens and each health event as it happens, and runs until Ctrl+C.
 */
final class ServeCommand {
    private ServeCommand() {
    }

    static int run(String[] args, PrintStream out) throws Exception {
        Options o = Options.parse(args, System.getenv());
        EventPrinter printer = new EventPrinter(out, System.console() != null);
        LinkHealth app = LinkHealth.fromSettings(Settings.fromEnvironment(), Clock.systemUTC(), printer::print,
            o.allowLocalCallbacks);
        LocalServer server;
        try {
            server = new LocalServer(app, o.host, o.port, o.functionKey, o.stallCheckSeconds).start();
        } catch (BindException e) {
            app.close();
            throw new UsageException("Cannot listen on " + o.host + ":" + o.port + " (" + e.getMessage()
                + "); is another server running there? Choose another port with --port.");
        }
        out.println("Synapse Link Health is listening on " + server.baseUrl() + (app.isDurable()
            ? " (state in Azure Tables, ingest and delivery queues in Azure Storage, from AzureWebJobsStorage)."
            : " (embedded in-memory stores; set AzureWebJobsStorage for Azure Tables)."));
        out.println("  Dataverse webhook: POST " + server.baseUrl() + LocalServer.WEBHOOK_PATH);
        out.println(o.functionKey == null
            ? "  No function key set: FUNCTION-level routes are OPEN (set " + Options.FUNCTION_KEY_VARIABLE
                + " to require one)."
            : "  Function key required: ?code=<key> or header x-functions-key.");
        out.println("  Connector API: " + server.baseUrl() + "/api/subscriptions, /api/profiles, /api/events, /api/event-types,"
            + " /api/digest"
            + (o.allowLocalCallbacks ? " (local callbacks ALLOWED: http and loopback URLs accepted)" : ""));
        out.println("  Status page: " + server.baseUrl() + "/api/status" + (o.functionKey == null ? "" : "?code=<key>")
            + " (JSON: format=json)");
        Optional<URI> environment = app.settings().dataverseEnvironment();
        if (environment.isPresent() && o.reconcileSeconds > 0) {
            server.reconcileEvery(o.reconcileSeconds);
            out.println("  Reconciling with " + environment.get().getHost() + " now and every " + o.reconcileSeconds
                + " s (--reconcile-seconds; 0 turns it off).");
        }
        String digest = o.digestSchedule != null ? o.digestSchedule : app.settings().digestSchedule();
        if (!digest.equals("off")) {
            Optional<Instant> first = server.digestOn(NcrontabSchedule.parse(digest));
            out.println("  Health digest on '" + digest + "' (UTC), next " + first.map(Object::toString).orElse("never")
                + "; on demand: GET " + server.baseUrl() + "/api/digest");
        }
        out.println("Health events are printed below as they happen. Ctrl+C stops.");
        out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }));
        stopped.await();
        return 0;
    }

    /**
     * Command-line options of {@code serve}. The function key comes from {@value #FUNCTION_KEY_VARIABLE} (preferred:
     * other users of the machine see a command line in the process list, not another process's environment), or
     * {@code --function-key}, which wins when both are given.
     */
    static final class Options {
        static final String FUNCTION_KEY_VARIABLE = "LINKHEALTH_FUNCTION_KEY";
        int port = 7071;
        String host = "127.0.0.1";
        String functionKey;
        long stallCheckSeconds = 300;
        long reconcileSeconds = 900;
        /** The digest's schedule from --digest-schedule, {@code off}, or null for the setting's. */
        String digestSchedule;
        boolean allowLocalCallbacks;

        static Options parse(String[] args) {
            return parse(args, Map.of());
        }

        static Options parse(String[] args, Map<String, String> environment) {
            Options o = new Options();
            CommandLine options = new CommandLine(args);
            while (options.next()) {
                switch (options.name()) {
                    case "--port" -> o.port = options.intValue(0, 65535);
                    case "--host" -> o.host = options.value();
                    case "--function-key" -> o.functionKey = options.value();
                    case "--allow-local-callbacks" -> o.allowLocalCallbacks = true;
                    case "--stall-check-seconds" -> o.stallCheckSeconds = options.intValue(0, 86_400);
                    case "--reconcile-seconds" -> o.reconcileSeconds = options.intValue(0, 86_400);
                    case "--digest-schedule" -> o.digestSchedule = digestSchedule(options.value());
                    default -> throw new UsageException("Unknown option '" + options.name() + "' for serve.\n\n"
                        + Main.USAGE);
                }
            }
            if (o.functionKey != null && o.functionKey.isBlank()) {
                throw new UsageException("--function-key cannot be empty.");
            }
            if (o.functionKey == null) {
                String fromEnvironment = environment.get(FUNCTION_KEY_VARIABLE);
                if (fromEnvironment != null && !fromEnvironment.isEmpty()) {
                    if (fromEnvironment.isBlank()) {
                        throw new UsageException(FUNCTION_KEY_VARIABLE + " cannot be blank.");
                    }
                    o.functionKey = fromEnvironment.strip();
                }
            }
            return o;
        }

        /** {@code off}, or a valid NCRONTAB schedule. */
        private static String digestSchedule(String value) {
            if (value.strip().equalsIgnoreCase("off")) {
                return "off";
            }
            try {
                return NcrontabSchedule.parse(value).toString();
            } catch (IllegalArgumentException e) {
                throw new UsageException("--digest-schedule: " + e.getMessage());
            }
        }
    }
}
