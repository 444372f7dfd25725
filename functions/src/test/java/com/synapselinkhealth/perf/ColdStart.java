package com.synapselinkhealth.perf;

import com.synapselinkhealth.statetables.StateTable;
import com.synapselinkhealth.testing.CallbackBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The cold start behind {@code perf/cold-start}: time from launching a JVM to the first 202 it answers to a real
 * webhook callback, for {@code serve} (the app's classes as {@code ./linkhealth} runs them) and for a bare JDK
 * HttpServer answering 202, alternating runs in the same session; plus the classes each had loaded by then
 * ({@code -Xlog:class+load}, a separate run).
 */
public final class ColdStart {
    private static final int RUNS = 5;

    private ColdStart() {
    }

    /** One JVM to measure. */
    private record Subject(String name, List<String> command) {
    }

    public static void main(String[] args) throws Exception {
        Path repo = Path.of(System.getProperty("linkhealth.repo", ".")).toAbsolutePath().normalize();
        String appClasspath = args[0];
        String testClasses = args[1];
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String key = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        byte[] body = CallbackBuilder.update(StateTable.PROFILE_ENTITY_STATE, UUID.randomUUID())
            .target("syncstate", CallbackBuilder.option(8)).preImage("syncstate", CallbackBuilder.option(2))
            .unchanged("entityname", "contact").build();
        Path work = Files.createTempDirectory("linkhealth-coldstart-");
        System.out.println(Machine.describe());
        System.out.printf(Locale.ROOT, "%d runs each, alternating; time = JVM launched -> first 202 to a webhook callback%n",
            RUNS);
        List<String> workerFlags = List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-Djava.net.preferIPv4Stack=true");
        for (List<String> flags : List.of(List.<String>of(), workerFlags)) {
            System.out.println();
            System.out.println("JVM flags: " + (flags.isEmpty() ? "(none)" : String.join(" ", flags)
                + "  (the Azure Functions Java worker's defaults)"));
            System.out.println("| server | median (ms) | min (ms) | max (ms) | classes loaded by the first 202 |");
            System.out.println("| --- | --- | --- | --- | --- |");
            List<Subject> subjects = List.of(
                new Subject("./linkhealth serve (in-memory)", command(java, flags, appClasspath,
                    "com.synapselinkhealth.local.Main", "serve", "--function-key", key, "--stall-check-seconds", "0", "--port")),
                new Subject("bare JDK HttpServer", command(java, flags, testClasses,
                    "com.synapselinkhealth.perf.BareHttpServer")));
            long[][] times = new long[subjects.size()][RUNS];
            for (int run = 0; run < RUNS; run++) {
                for (int s = 0; s < subjects.size(); s++) {
                    times[s][run] = measure(subjects.get(s).command(), null, key, body, work);
                }
            }
            for (int s = 0; s < subjects.size(); s++) {
                Path log = work.resolve("classes-" + s + ".log");
                List<String> logged = new ArrayList<>(subjects.get(s).command());
                logged.add(1, "-Xlog:class+load=info:file=" + log);
                long[] t = times[s];
                Arrays.sort(t);
                int classes = (int) measure(logged, log, key, body, work);
                System.out.printf(Locale.ROOT, "| %s | %d | %d | %d | %d |%n", subjects.get(s).name(), t[RUNS / 2], t[0],
                    t[RUNS - 1], classes);
            }
        }
        System.out.println();
        System.out.println("load average after the runs: " + Machine.loadAverage());
    }

    private static List<String> command(String java, List<String> flags, String classpath, String... mainAndArgs) {
        List<String> c = new ArrayList<>();
        c.add(java);
        c.addAll(flags);
        c.add("-cp");
        c.add(classpath);
        c.addAll(List.of(mainAndArgs));
        return c;
    }

    /**
     * Launches the command with a free port appended and posts the callback until it answers 202.
     *
     * @return milliseconds to the first 202, or, with {@code classLog}, the classes loaded by then
     */
    private static long measure(List<String> command, Path classLog, String key, byte[] body, Path work)
        throws IOException, InterruptedException {
        int port = AzuriteProcess.freePort();
        List<String> c = new ArrayList<>(command);
        c.add(Integer.toString(port));
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(c).redirectErrorStream(true)
            .redirectOutput(work.resolve("server.out").toFile()).start();
        try {
            RawHttp.Request request = new RawHttp.Request("POST", "/api/dataverse/webhook",
                Map.of("Content-Type", "application/json", "x-functions-key", key), body);
            long deadline = t0 + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline) {
                try (RawHttp http = new RawHttp("127.0.0.1", port, 30_000)) {
                    int status = http.send(request);
                    if (status == 202) {
                        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
                        if (classLog != null) {
                            List<String> lines = Files.readAllLines(classLog);
                            String last = lines.get(lines.size() - 1);
                            System.out.printf(Locale.ROOT, "  (logged run: first 202 after %d ms; last class loaded at JVM"
                                + " uptime %s)%n", millis, last.substring(1, last.indexOf(']')));
                            return lines.size();
                        }
                        return millis;
                    }
                    throw new IllegalStateException("the server answered " + status + " instead of 202");
                } catch (IOException e) {
                    Thread.sleep(2);
                }
            }
            throw new IllegalStateException("no 202 within 60 s: " + Files.readString(work.resolve("server.out")));
        } finally {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
