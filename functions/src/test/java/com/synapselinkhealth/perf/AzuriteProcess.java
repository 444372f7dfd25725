package com.synapselinkhealth.perf;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Azurite from {@code node_modules/.bin/azurite} on fixed free loopback ports, keeping its data on disk in a
 * workspace folder so it can be stopped and started again with what it held (the well-known development account;
 * see {@code testing/Azurite} for the tests' own in-memory instance).
 */
final class AzuriteProcess implements AutoCloseable {
    static final String ACCOUNT = "devstoreaccount1";
    static final String KEY =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private final Path azurite;
    private final Path workspace;
    private final int[] ports;
    private Process process;

    AzuriteProcess(Path repo, Path workspace) throws IOException {
        this.azurite = repo.resolve("node_modules/.bin/azurite");
        if (!Files.isExecutable(azurite)) {
            throw new IllegalStateException("node_modules/.bin/azurite is missing: run `bash build-tools/npm-ensure.sh`.");
        }
        this.workspace = Files.createDirectories(workspace);
        this.ports = freePorts();
    }

    void start() throws IOException, InterruptedException {
        List<String> command = List.of(azurite.toString(), "--silent", "--disableTelemetry", "--location",
            workspace.toString(), "--blobHost", "127.0.0.1", "--blobPort", Integer.toString(ports[0]),
            "--queueHost", "127.0.0.1", "--queuePort", Integer.toString(ports[1]),
            "--tableHost", "127.0.0.1", "--tablePort", Integer.toString(ports[2]),
            "--skipApiVersionCheck", "--disableProductStyleUrl");
        process = new ProcessBuilder(command).directory(workspace.toFile()).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(workspace.resolve("azurite.log").toFile())).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Azurite exited with " + process.exitValue() + "; see "
                    + workspace.resolve("azurite.log"));
            }
            if (accepts(ports[1]) && accepts(ports[2])) {
                return;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("Azurite did not listen within 60 s");
    }

    /** SIGTERM, then SIGKILL after 3 s (Azurite may ignore SIGTERM once it served requests). */
    void stop() throws InterruptedException {
        if (process == null || !process.isAlive()) {
            return;
        }
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        if (!process.waitFor(3, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
        children.forEach(ProcessHandle::destroyForcibly);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while ((accepts(ports[1]) || accepts(ports[2])) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    String connectionString() {
        String host = "http://127.0.0.1:";
        return "DefaultEndpointsProtocol=http;AccountName=" + ACCOUNT + ";AccountKey=" + KEY
            + ";BlobEndpoint=" + host + ports[0] + "/" + ACCOUNT
            + ";QueueEndpoint=" + host + ports[1] + "/" + ACCOUNT
            + ";TableEndpoint=" + host + ports[2] + "/" + ACCOUNT + ";";
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    private static int[] freePorts() throws IOException {
        try (ServerSocket a = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
             ServerSocket b = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
             ServerSocket c = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return new int[] {a.getLocalPort(), b.getLocalPort(), c.getLocalPort()};
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
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
}
