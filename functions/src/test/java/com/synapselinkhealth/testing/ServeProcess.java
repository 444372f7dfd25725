package com.synapselinkhealth.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./linkhealth serve} as a real child JVM (this test run's class path, {@code com.synapselinkhealth.local.Main}),
 * so a test can kill it the hard way (SIGKILL: no shutdown hook, no clean-up) and start it again.
 */
public final class ServeProcess implements AutoCloseable {
    private final Process process;
    private final int port;
    private final Path log;

    private ServeProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts {@code serve --host 127.0.0.1 --port <free> --allow-local-callbacks} and waits until it listens. */
    public static ServeProcess start(Map<String, String> environment) throws IOException, InterruptedException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
            "com.synapselinkhealth.local.Main", "serve", "--host", "127.0.0.1", "--port", Integer.toString(port),
            "--allow-local-callbacks"));
        Path log = Files.createTempFile("serve-", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(log.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("AzureWebJobs") || name.startsWith("LINKHEALTH_"));
        builder.environment().putAll(environment);
        Process process = builder.start();
        CountDownLatch listening = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    if (line.contains("is listening on")) {
                        listening.countDown();
                    }
                }
            } catch (IOException e) {
                // the process went away
            }
        }, "serve-stdout");
        reader.setDaemon(true);
        reader.start();
        ServeProcess serve = new ServeProcess(process, port, log);
        if (!listening.await(60, TimeUnit.SECONDS)) {
            serve.kill();
            throw new IllegalStateException("serve did not start within 60 s; its log:\n" + serve.log());
        }
        return serve;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** SIGKILL, and waits until it is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    public String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        kill();
        try {
            Files.deleteIfExists(log);
        } catch (IOException e) {
            // a temporary file left behind is harmless
        }
    }
}
