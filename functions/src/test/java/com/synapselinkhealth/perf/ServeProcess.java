package com.synapselinkhealth.perf;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./linkhealth serve} as a child process on a fixed loopback port, with its output in a log file: started,
 * stopped (SIGTERM), killed (SIGKILL) and started again on the same port and settings.
 */
final class ServeProcess implements AutoCloseable {
    private final Path repo;
    private final int port;
    private final String functionKey;
    private final Map<String, String> env;
    private final Path log;
    private Process process;

    ServeProcess(Path repo, int port, String functionKey, Map<String, String> env, Path log) {
        this.repo = repo;
        this.port = port;
        this.functionKey = functionKey;
        this.env = env;
        this.log = log;
    }

    /** Starts the server and waits until /api/health answers; returns the milliseconds that took. */
    long start() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(repo.resolve("linkhealth").toString(), "serve",
            "--port", Integer.toString(port), "--allow-local-callbacks", "--stall-check-seconds", "0"));
        ProcessBuilder builder = new ProcessBuilder(command).directory(repo.toFile()).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        env.forEach((k, v) -> {
            if (v == null || v.isEmpty()) {
                builder.environment().remove(k);
            } else {
                builder.environment().put(k, v);
            }
        });
        builder.environment().put("LINKHEALTH_FUNCTION_KEY", functionKey); // not on the command line: ps shows that
        long t0 = System.nanoTime();
        process = builder.start();
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("linkhealth serve exited with " + process.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<Void> r = client.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/health"))
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("linkhealth serve did not answer within 120 s; see " + log);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed. */
    void kill() throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }
}
