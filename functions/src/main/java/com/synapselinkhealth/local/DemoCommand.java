package com.synapselinkhealth.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.synapselinkhealth.app.LinkHealth;
import com.synapselinkhealth.config.Settings;
import com.synapselinkhealth.health.HealthEvent;
import com.synapselinkhealth.health.cloudevents.HealthCloudEvents;
import com.synapselinkhealth.text.VisibleText;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * {@code ./linkhealth demo [--no-wait]}: starts a local server with in-memory stores and a stand-in flow
 * ({@link DemoFlow}), subscribes the flow, replays the bundled sample callbacks of the Synapse Link state tables and
 * prints the events raised, what the flow received and the health digest; then the status page's URL
 * ({@link StatusPageDemo}).
 */
final class DemoCommand {
    private DemoCommand() {
    }

    static int run(String[] args, PrintStream out) throws Exception {
        return demo(out, waits(args));
    }

    /** In a terminal the demo keeps its server up for the status page until Ctrl+C; never with --no-wait or piped. */
    private static boolean waits(String[] args) {
        for (String arg : args) {
            if (!arg.equals("--no-wait")) {
                throw new UsageException("Unknown option '" + arg + "' for demo.\n\n" + Main.USAGE);
            }
        }
        return args.length == 0 && System.console() != null;
    }

    static int demo(PrintStream out, boolean keepServing) throws Exception {
        List<String> samples = samples();
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
            raised.stream().sorted(Comparator.comparing(HealthEvent::time)).forEach(printer::print);
            out.println();
            List<HealthEvent> received = flow.received().stream().map(HealthCloudEvents::fromJson)
                .sorted(Comparator.comparing(HealthEvent::time)).toList();
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
            JsonNode digest = StatusPageDemo.JSON.readTree(answer.body());
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

    /** The bundled sample callbacks, in the order of {@code demo/index.txt}. */
    private static List<String> samples() throws IOException {
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

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = DemoCommand.class.getClassLoader().getResourceAsStream(name)) {
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
}
