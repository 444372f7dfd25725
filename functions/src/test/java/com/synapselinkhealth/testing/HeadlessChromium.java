package com.synapselinkhealth.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Headless Chromium driven over the W3C WebDriver protocol by chromedriver, with nothing but the JDK's HTTP client:
 * Debian's {@code chromium} and {@code chromium-driver} packages ({@code /usr/bin/chromium},
 * {@code /usr/bin/chromedriver}; {@code CHROMIUM_BIN} and {@code CHROMEDRIVER_BIN} override). Each instance starts
 * chromedriver on a free loopback port and one browser session with a fresh profile directory; {@link #close()}
 * ends both and deletes the profile.
 */
public final class HeadlessChromium implements AutoCloseable {
    public static final String INSTALL_HINT =
        "headless Chromium is not installed; install it with: apt-get install chromium chromium-driver";
    private static final String ELEMENT = "element-6066-11e4-a52e-4f735466cecf";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process driver;
    private final Path profile;
    private final String base;
    private final String session;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private HeadlessChromium(Process driver, Path profile, String base, String session) {
        this.driver = driver;
        this.profile = profile;
        this.base = base;
        this.session = session;
    }

    private static Optional<Path> executable(String variable, String fallback) {
        String configured = System.getenv(variable);
        Path path = Path.of(configured != null && !configured.isBlank() ? configured : fallback);
        return Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
    }

    /** Whether both the browser and its driver are installed. */
    public static boolean isInstalled() {
        return executable("CHROMIUM_BIN", "/usr/bin/chromium").isPresent()
            && executable("CHROMEDRIVER_BIN", "/usr/bin/chromedriver").isPresent();
    }

    /** Starts chromedriver and a headless browser with a window of the given size. */
    public static HeadlessChromium start(int width, int height) throws Exception {
        Path browser = executable("CHROMIUM_BIN", "/usr/bin/chromium").orElseThrow(() -> new IllegalStateException(INSTALL_HINT));
        Path chromedriver = executable("CHROMEDRIVER_BIN", "/usr/bin/chromedriver")
            .orElseThrow(() -> new IllegalStateException(INSTALL_HINT));
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Path log = Files.createTempFile("chromedriver-", ".log");
        Process process = new ProcessBuilder(chromedriver.toString(), "--port=" + port, "--allowed-ips=127.0.0.1")
            .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Path profile = Files.createTempDirectory("linkhealth-chromium-");
        String base = "http://127.0.0.1:" + port;
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try {
            waitForDriver(http, base, process, log);
            ObjectNode options = JSON.createObjectNode();
            options.put("binary", browser.toString());
            ArrayNode args = options.putArray("args");
            for (String arg : List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--force-device-scale-factor=1", "--lang=en-US", "--hide-scrollbars",
                "--window-size=" + width + "," + height, "--user-data-dir=" + profile)) {
                args.add(arg);
            }
            ObjectNode body = JSON.createObjectNode();
            ObjectNode always = body.putObject("capabilities").putObject("alwaysMatch");
            always.put("browserName", "chrome");
            always.set("goog:chromeOptions", options);
            JsonNode created = send(http, "POST", base + "/session", body);
            return new HeadlessChromium(process, profile, base, created.path("value").path("sessionId").asText());
        } catch (Exception | AssertionError e) {
            process.destroyForcibly();
            deleteTree(profile);
            throw new IllegalStateException("could not start headless Chromium: " + e.getMessage() + "\n"
                + Files.readString(log), e);
        }
    }

    private static void waitForDriver(HttpClient http, String base, Process process, Path log) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("chromedriver exited: " + Files.readString(log));
            }
            try {
                JsonNode status = send(http, "GET", base + "/status", null);
                if (status.path("value").path("ready").asBoolean(false)) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("chromedriver did not become ready in 30 s");
    }

    private static JsonNode send(HttpClient http, String method, String url, JsonNode body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
            .header("Content-Type", "application/json; charset=utf-8");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body.toString()));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
        if (response.statusCode() >= 400) {
            throw new IllegalStateException("WebDriver " + method + " " + url + " -> " + response.statusCode() + ": "
                + json.path("value").path("message").asText(response.body()));
        }
        return json;
    }

    private JsonNode command(String method, String path, JsonNode body) throws Exception {
        return send(http, method, base + "/session/" + session + path, body).path("value");
    }

    public void open(String url) throws Exception {
        ObjectNode body = JSON.createObjectNode();
        body.put("url", url);
        command("POST", "/url", body);
    }

    /** Runs a script in the page ({@code return ...}) and answers its result as JSON. */
    public JsonNode script(String script, Object... args) throws Exception {
        ObjectNode body = JSON.createObjectNode();
        body.put("script", script);
        body.set("args", JSON.valueToTree(args));
        return command("POST", "/execute/sync", body);
    }

    /** Clicks the first element matching a CSS selector, as a user would (scrolled into view, pointer events). */
    public void click(String cssSelector) throws Exception {
        ObjectNode find = JSON.createObjectNode();
        find.put("using", "css selector");
        find.put("value", cssSelector);
        JsonNode found = command("POST", "/element", find);
        String element = found.path(ELEMENT).asText();
        if (element.isEmpty()) {
            throw new IllegalStateException("no element " + cssSelector + ": " + found);
        }
        command("POST", "/element/" + element + "/click", JSON.createObjectNode());
    }

    /** Resizes the window to the page's full height and saves a PNG screenshot. */
    public void screenshot(Path file, int width) throws Exception {
        ObjectNode rect = JSON.createObjectNode();
        rect.put("width", width);
        rect.put("height", 200); // measure the content, not a window made tall by an earlier page
        command("POST", "/window/rect", rect);
        int height = script("return Math.ceil(document.documentElement.scrollHeight);").asInt(800);
        rect.put("height", Math.min(Math.max(height, 200), 6000));
        command("POST", "/window/rect", rect);
        String png = command("GET", "/screenshot", null).asText();
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, Base64.getDecoder().decode(png));
    }

    @Override
    public void close() {
        try {
            send(http, "DELETE", base + "/session/" + session, null);
        } catch (Exception e) {
            // the driver is stopped below either way
        }
        driver.destroy();
        try {
            if (!driver.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                driver.destroyForcibly();
            }
        } catch (InterruptedException e) {
            driver.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        deleteTree(profile);
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp directory left behind is harmless
        }
    }
}
