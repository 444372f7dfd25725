package com.synapselinkhealth.testing;

import com.azure.data.tables.TableServiceClient;
import com.azure.data.tables.TableServiceClientBuilder;
import com.synapselinkhealth.azure.tables.TableNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real Azurite (npm {@code azurite}, pinned in package-lock.json) for the tests of the Azure Storage
 * implementations. One server per test JVM: started by the first test class that asks
 * ({@code @ExtendWith(Azurite.class)} or any static method here), in memory, on free ports of 127.0.0.1, and
 * stopped by a shutdown hook (SIGTERM, then SIGKILL after a few seconds: Azurite may ignore SIGTERM once it
 * served requests). Tests keep apart by table names ({@link #freshTableNames()}).
 *
 * <p>Needs {@code node_modules/.bin/azurite}: {@code bash build-tools/npm-ensure.sh} installs it (the CI entry point
 * {@code .ci/run} always does). Without it the tests fail, they are not skipped.
 */
public final class Azurite implements BeforeAllCallback {
    /** Azurite's well-known development account and key (public, documented by Microsoft). */
    public static final String ACCOUNT = "devstoreaccount1";
    public static final String KEY =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STOP_GRACE = Duration.ofSeconds(3);
    private static final SecureRandom RANDOM = new SecureRandom();

    private static Server server;
    private static TableServiceClient tables;

    /** The running server's ports and process. */
    private record Server(Process process, int blobPort, int queuePort, int tablePort, Path log) {
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
    }

    /** Starts the shared server unless it runs. */
    public static synchronized void start() {
        if (server == null) {
            server = launch();
        }
    }

    /** The explicit devstoreaccount1 connection string for the running server's ports. */
    public static synchronized String connectionString() {
        start();
        String host = "http://127.0.0.1:";
        return "DefaultEndpointsProtocol=http;AccountName=" + ACCOUNT + ";AccountKey=" + KEY
            + ";BlobEndpoint=" + host + server.blobPort + "/" + ACCOUNT
            + ";QueueEndpoint=" + host + server.queuePort + "/" + ACCOUNT
            + ";TableEndpoint=" + host + server.tablePort + "/" + ACCOUNT + ";";
    }

    /** One Tables client for the whole run. */
    public static synchronized TableServiceClient tables() {
        if (tables == null) {
            tables = new TableServiceClientBuilder().connectionString(connectionString()).buildClient();
        }
        return tables;
    }

    /** Table names no other test uses: a random prefix. */
    public static TableNames freshTableNames() {
        StringBuilder prefix = new StringBuilder("t");
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        for (int i = 0; i < 10; i++) {
            prefix.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return TableNames.withPrefix(prefix.toString());
    }

    public static synchronized int tablePort() {
        start();
        return server.tablePort;
    }

    public static synchronized int queuePort() {
        start();
        return server.queuePort;
    }

    private static Server launch() {
        Path azurite = findAzurite();
        IOException lastFailure = null;
        for (int attempt = 1; attempt <= 3; attempt++) {
            try {
                Server started = launch(azurite);
                if (started != null) {
                    return started;
                }
            } catch (IOException e) {
                lastFailure = e;
            }
        }
        throw new IllegalStateException("Azurite did not start in 3 attempts (ports taken, or it could not be run)",
            lastFailure);
    }

    /** @return the server, or null when a port was taken in between (try other ports) */
    private static Server launch(Path azurite) throws IOException {
        int[] ports = freePorts(3);
        Path workspace = Files.createTempDirectory("azurite-");
        Path log = workspace.resolve("azurite.log");
        List<String> command = new ArrayList<>(List.of(azurite.toString(), "--silent", "--inMemoryPersistence",
            "--disableTelemetry",
            "--blobHost", "127.0.0.1", "--blobPort", Integer.toString(ports[0]),
            "--queueHost", "127.0.0.1", "--queuePort", Integer.toString(ports[1]),
            "--tableHost", "127.0.0.1", "--tablePort", Integer.toString(ports[2]),
            "--skipApiVersionCheck", "--disableProductStyleUrl"));
        Process process = new ProcessBuilder(command).directory(workspace.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Server started = new Server(process, ports[0], ports[1], ports[2], log);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop(process);
            delete(workspace);
        }, "azurite-stop"));
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                String output = read(log);
                if (output.contains("EADDRINUSE")) {
                    return null; // a port was taken between choosing and binding it
                }
                throw new IllegalStateException("Azurite (" + String.join(" ", command) + ") exited with "
                    + process.exitValue() + ":\n" + output);
            }
            if (accepts(ports[2]) && accepts(ports[1])) {
                return started;
            }
            sleep(100);
        }
        stop(process);
        throw new IllegalStateException("Azurite did not accept connections on 127.0.0.1:" + ports[2] + " within "
            + STARTUP_TIMEOUT.toSeconds() + " s. Its output:\n" + read(log));
    }

    private static Path findAzurite() {
        Path dir = Paths.get(System.getProperty("user.dir")).toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            Path candidate = d.resolve("node_modules/.bin/azurite");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
            if (Files.exists(d.resolve("package.json"))) {
                break;
            }
        }
        throw new IllegalStateException("node_modules/.bin/azurite is missing (looked from " + dir + "): the Azure Storage"
            + " tests need Azurite. Run `bash build-tools/npm-ensure.sh` in the project root (it runs `npm ci` with the"
            + " versions pinned in package-lock.json; .ci/run does this before every build).");
    }

    private static int[] freePorts(int count) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
                sockets.add(socket);
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket s : sockets) {
                s.close();
            }
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void stop(Process process) {
        if (!process.isAlive()) {
            return;
        }
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        children.forEach(ProcessHandle::destroyForcibly);
    }

    private static void delete(Path workspace) {
        try (var files = Files.walk(workspace)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a temporary directory left behind is harmless
        }
    }

    private static String read(Path log) {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Azurite", e);
        }
    }
}
