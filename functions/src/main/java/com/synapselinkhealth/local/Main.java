package com.synapselinkhealth.local;

import com.synapselinkhealth.app.LinkHealth;
import com.synapselinkhealth.config.Settings;
import com.synapselinkhealth.dataverse.TransportHints;
import com.synapselinkhealth.dataverse.json.RowChangeJson;
import com.synapselinkhealth.health.EventPublisher;
import com.synapselinkhealth.health.HealthEvent;
import com.synapselinkhealth.health.cloudevents.HealthCloudEvents;
import com.synapselinkhealth.ingest.IntakeResult;
import com.synapselinkhealth.text.VisibleText;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;

/** {@code ./linkhealth}: run the app on this machine with embedded stores (serve, normalize, demo). */
public final class Main {
    private static final String USAGE = String.join("\n",
        "Usage: linkhealth <command> [options]",
        "",
        "Commands:",
        "  demo [--no-wait]           replay sample Synapse Link callbacks through a local server, print the events and",
        "                             the status page URL, and (in a terminal, unless --no-wait) keep serving the page",
        "  serve [--port N] [--host H] [--stall-check-seconds N] [--reconcile-seconds N] [--allow-local-callbacks]",
        "                             the function key comes from LINKHEALTH_FUNCTION_KEY (--function-key KEY also",
        "                             works, but shows the key in the process list);",
        "                             host the function app on this machine (embedded in-memory stores and queues,",
        "                             or Azure Tables and Storage queues when AzureWebJobsStorage is set);",
        "                             --allow-local-callbacks lets subscriptions use http and loopback URLs (development only);",
        "                             with DATAVERSE_ENVIRONMENT_URL it reconciles every --reconcile-seconds (900; 0 = off);",
        "                             the health digest runs on --digest-schedule 'S M H d m w' (NCRONTAB, UTC; default",
        "                             LINKHEALTH_DIGEST_SCHEDULE, else 0 0 7 * * *; off = never)",
        "  normalize FILE...          print the health events (CloudEvents, one JSON per line) of webhook bodies",
        "  register --environment URL --url WEBHOOK_URL --key KEY [--access-token T] [--dry-run] [--remove]",
        "                             register the webhook, its steps and images in Dataverse (see register --help)",
        ReconcileCommand.USAGE_LINE,
        "  help                       show this text",
        "",
        "Settings come from environment variables (see docs/configuration.md).");

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        quietJdkLogging();
        int status = run(args, System.out, System.err);
        if (status >= 0) {
            System.exit(status);
        }
    }

    /** @return the exit status, or -1 when a server keeps running */
    static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        if (args.length == 0 || args[0].equals("help") || args[0].equals("--help") || args[0].equals("-h")) {
            out.println(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        String[] rest = java.util.Arrays.copyOfRange(args, 1, args.length);
        try {
            return switch (args[0]) {
                case "normalize" -> normalize(rest, out, err);
                case "serve" -> serve(rest, out);
                case "demo" -> demo(out, demoWaits(rest));
                case "register" -> RegisterCommand.run(rest, out, err);
                case "reconcile" -> ReconcileCommand.run(rest, System.getenv(), out, err);
                default -> {
                    err.println("Unknown command '" + args[0] + "'.\n\n" + USAGE);
                    yield 2;
                }
            };
        } catch (UsageException | Settings.InvalidSettingException e) {
            err.println(e.getMessage());
            return 2;
        }
    }

    static int normalize(String[] files, PrintStream out, PrintStream err) throws IOException {
        if (files.length == 0) {
            throw new UsageException("normalize needs at least one file.\n\n" + USAGE);
        }
        LinkHealth app = LinkHealth.inMemory(Settings.fromEnvironment(), Clock.systemUTC(), EventPublisher.NONE);
        int status = 0;
        for (String file : files) {
            byte[] body;
            try {
                body = Files.readAllBytes(Path.of(file));
            } catch (NoSuchFileException e) {
                err.println(VisibleText.of(file) + ": no such file");
                status = 1;
                continue;
            } catch (IOException e) {
                err.println(VisibleText.of(file) + ": cannot be read: " + VisibleText.of(e.getMessage()));
                status = 1;
                continue;
            }
            IntakeResult result = app.intake().accept("normalize", body, null, Map.of(), TransportHints.NONE);
            if (result instanceof IntakeResult.Rejected rejected) {
                err.println(VisibleText.of(file) + ": rejected (" + rejected.problem().kind().name().toLowerCase().replace('_', '-') + "): "
                    + rejected.problem().getMessage());
                status = 1;
            } else if (result instanceof IntakeResult.Accepted accepted) {
                for (HealthEvent event : app.processor().process(RowChangeJson.read(accepted.queueMessage())).events()) {
                    out.println(HealthCloudEvents.toJson(event));
                }
            }
        }
        out.flush();
        return status;
    }

    static int serve(String[] args, PrintStream out) throws Exception {
        Options o = Options.parse(args, System.getenv());
        EventPrinter printer = new EventPrinter(out, System.console() != null);
        LinkHealth app = LinkHealth.fromSettings(Settings.fromEnvironment(), Clock.systemUTC(), printer::print,
            o.allowLocalCallbacks);
        LocalServer server;
        try {
            server = new LocalServer(app, o.host, o.port, o.functionKey, o.stallCheckSeconds).start();
        } catch (java.net.BindException e) {
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
        java.util.Optional<URI> environment = app.settings().dataverseEnvironment();
        if (environment.isPresent() && o.reconcileSeconds > 0) {
            server.reconcileEvery(o.reconcileSeconds);
            out.println("  Reconciling with " + environment.get().getHost() + " now and every " + o.reconcileSeconds
                + " s (--reconcile-seconds; 0 turns it off).");
        }
        String digest = o.digestSchedule != null ? o.digestSchedule : app.settings().digestSchedule();
        if (!digest.equals("off")) {
            java.util.Optional<java.time.Instant> first =
                server.digestOn(com.synapselinkhealth.config.NcrontabSchedule.parse(digest));
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

    /** In a terminal the demo keeps its server up for the status page until Ctrl+C; never with --no-wait or piped. */
    private static boolean demoWaits(String[] args) {
        for (String arg : args) {
            if (!arg.equals("--no-wait")) {
                throw new UsageException("Unknown option '" + arg + "' for demo.\n\n" + USAGE);
            }
        }
        return args.length == 0 && System.console() != null;
    }

    static int demo(PrintStream out, boolean keepServing) throws Exception {
        List<String> samples = demoSamples();
        List<HealthEvent> raised = new CopyOnWriteArrayList<>();
        String key = randomKey();
        // the demo's page is served without a key (loopback only), so its URL can be printed without one
        Settings settings = Settings.fromEnvironment().with(Map.of(Settings.STATUS_PAGE_ANONYMOUS, "true"));
        try (LinkHealth app = LinkHealth.inMemory(settings, Clock.systemUTC(), raised::add, true);
             LocalServer server = new LocalServer(app, "127.0.0.1", 0, key, 0).start();
             DemoFlow flow = DemoFlow.start()) {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            out.println("Synapse Link Health demo");
            out.println("Started a local server at " + server.baseUrl() + " with embedded in-memory stores and a function key,");
            out.println("and a stand-in Power Automate flow listening at " + flow.redactedUrl() + ".");
            out.println();
            HttpResponse<String> subscribed = client.send(HttpRequest.newBuilder(
                    URI.create(server.baseUrl() + "/api/subscriptions"))
                .header("Content-Type", "application/json").header("x-functions-key", key)
                .POST(HttpRequest.BodyPublishers.ofString("{\"callbackUrl\":\"" + flow.callbackUrl()
                    + "\",\"minimumSeverity\":\"info\"}")).build(), HttpResponse.BodyHandlers.ofString());
            String location = subscribed.headers().firstValue("Location").orElse(null);
            out.println("The flow's trigger subscribed: POST /api/subscriptions -> " + subscribed.statusCode()
                + (location == null ? "" : ", Location " + location));
            out.println();
            out.println("Replaying " + samples.size() + " Dataverse webhook callbacks of the Synapse Link state tables:");
            for (String sample : samples) {
                byte[] body = resource("demo/" + sample);
                HttpRequest request = HttpRequest.newBuilder(URI.create(server.baseUrl() + LocalServer.WEBHOOK_PATH))
                    .header("Content-Type", "application/json; charset=utf-8")
                    .header("x-functions-key", key)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                out.printf("  POST %-52s -> %d %s%n", sample, response.statusCode(), reason(response.statusCode()));
            }
            server.awaitIdle(10_000);
            app.awaitDeliveries(30_000);
            out.println();
            out.println(raised.size() + " health events:");
            out.println();
            EventPrinter printer = new EventPrinter(out, System.console() != null);
            raised.stream().sorted(java.util.Comparator.comparing(HealthEvent::time)).forEach(printer::print);
            out.println();
            List<HealthEvent> received = flow.received().stream().map(HealthCloudEvents::fromJson)
                .sorted(java.util.Comparator.comparing(HealthEvent::time)).toList();
            out.println("The flow received " + received.size() + " of them (POST with the event id in webhook-id):");
            for (HealthEvent event : received) {
                out.println("  " + VisibleText.of(event.summary()));
            }
            if (!received.isEmpty()) {
                out.println();
                out.println("The last one as the flow got it (its data.card and data.markdown left out here):");
                out.println(HealthCloudEvents.toJson(received.get(received.size() - 1)));
                StatusPageDemo.printMarkdown(out, flow.received(), received.get(received.size() - 1).id());
            }
            printDigest(out, client, server.baseUrl(), key);
            if (location != null) {
                HttpResponse<String> deleted = client.send(HttpRequest.newBuilder(URI.create(location))
                    .header("x-functions-key", key).DELETE().build(), HttpResponse.BodyHandlers.ofString());
                out.println();
                out.println("The flow's trigger unsubscribed: DELETE " + location + " -> " + deleted.statusCode());
            }
            StatusPageDemo.finish(out, server.baseUrl(), keepServing);
        }
        out.flush();
        return 0;
    }

    /**
     * The demo's last step: the health digest as the Get health digest action answers it, its Markdown message shown.
     * The flow above subscribed to every event and so does not get the scheduled digest: a flow asks for it.
     */
    private static void printDigest(PrintStream out, HttpClient client, String baseUrl, String key) throws Exception {
        HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/digest"))
            .header("x-functions-key", key).GET().build(), HttpResponse.BodyHandlers.ofString());
        out.println();
        out.println("The health digest: GET /api/digest -> " + answer.statusCode() + ". The DigestTimer sends the same each"
            + " morning to the flows that ask for it (the trigger 'When a health digest is ready'). Its Markdown message:");
        out.println();
        if (answer.statusCode() == 200) {
            com.fasterxml.jackson.databind.JsonNode digest = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(answer.body());
            digest.path("markdown").asText().strip().lines().forEach(line -> out.println("  " + line));
        }
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 202 -> "Accepted";
            default -> status >= 400 ? "rejected" : "";
        };
    }

    static List<String> demoSamples() throws IOException {
        String index = new String(resource("demo/index.txt"), StandardCharsets.UTF_8);
        List<String> names = new ArrayList<>();
        for (String line : index.split("\\R")) {
            String name = line.strip();
            if (!name.isEmpty() && !name.startsWith("#")) {
                names.add(name);
            }
        }
        return names;
    }

    static byte[] resource(String name) throws IOException {
        try (InputStream in = Main.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing bundled resource " + name);
            }
            return in.readAllBytes();
        }
    }

    private static String randomKey() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void quietJdkLogging() {
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        java.util.logging.ConsoleHandler handler = new java.util.logging.ConsoleHandler();
        handler.setLevel(Level.WARNING);
        handler.setFormatter(new VisibleLogFormatter());
        root.addHandler(handler);
        root.setLevel(Level.WARNING);
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
                        + USAGE);
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
    }

    /** {@code off}, or a valid NCRONTAB schedule. */
    static String digestSchedule(String value) {
        if (value.strip().equalsIgnoreCase("off")) {
            return "off";
        }
        try {
            return com.synapselinkhealth.config.NcrontabSchedule.parse(value).toString();
        } catch (IllegalArgumentException e) {
            throw new UsageException("--digest-schedule: " + e.getMessage());
        }
    }

    /** A command line that cannot be run; the message says why. */
    static final class UsageException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

}
