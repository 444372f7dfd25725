package com.synapselinkhealth.perf;

import com.azure.data.tables.TableServiceClientBuilder;
import com.synapselinkhealth.azure.tables.TableDeadLetterStore;
import com.synapselinkhealth.azure.tables.TableNames;
import com.synapselinkhealth.store.DeadLetter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The load and fault test behind {@code perf/load}: starts {@code ./linkhealth serve} (in-memory, or on an Azurite
 * it starts), subscribes a local sink, posts realistic webhook traffic at a fixed concurrency, measures the webhook
 * against the server's trivial {@code /api/health} route in the same run, and checks that every expected event
 * reached the sink exactly once and nothing else did. Scenarios: {@code load}, {@code azurite-restart} (Azurite
 * stopped and started again mid-run), {@code server-kill} (the server SIGKILLed mid-run and started again).
 * Loopback only; secrets (function key, the sink's sig) are never printed.
 */
public final class LoadTest {
    /** In the fault scenarios a second flow, answering 500 to everything, subscribes to these events only. */
    private static final String FAILING_FLOW_EVENT = "ProfileError";
    private final Options o;
    private final Path repo;
    private final Path work;
    private final String key = randomKey();

    private LoadTest(Options o) throws Exception {
        this.o = o;
        this.repo = Path.of(System.getProperty("linkhealth.repo", ".")).toAbsolutePath().normalize();
        this.work = Files.createTempDirectory("linkhealth-load-");
    }

    public static void main(String[] args) throws Exception {
        Logger.getLogger("").setLevel(Level.SEVERE);
        for (var h : Logger.getLogger("").getHandlers()) {
            h.setLevel(Level.SEVERE);
        }
        Options o = Options.parse(args);
        boolean ok = new LoadTest(o).run();
        System.exit(ok ? 0 : 1);
    }

    private boolean run() throws Exception {
        System.out.printf(Locale.ROOT, "== scenario %s, storage %s, %d callbacks, concurrency %d, seed %d ==%n",
            o.scenario, o.storage, o.callbacks, o.concurrency, o.seed);
        System.out.println(Machine.describe());
        AzuriteProcess azurite = null;
        Map<String, String> env = new HashMap<>();
        env.put("LINKHEALTH_DELIVERY_RETRY_SCHEDULE", o.scenario.equals("load") ? "1s,2s,5s,10s,30s" : "1s,2s,4s,8s,16s");
        boolean faultRun = o.scenario.equals("azurite-restart") || o.scenario.equals("server-kill");
        if (o.scenario.equals("accept")) {
            // the 202 path alone: callbacks are queued (durably, with storage) but not worked (test-only setting)
            env.put("LINKHEALTH_TEST_HOLD_QUEUES", "true");
        }
        if (faultRun) {
            // A killed server's taken messages come back after the queue visibility (120 s by default); 20 s keeps the
            // fault runs inside the 40 s "nothing more arrives" window below (a deployment keeps the default).
            env.put("LINKHEALTH_QUEUE_VISIBILITY_SECONDS", "20");
        }
        try (EventSink sink = EventSink.start()) {
            if (o.storage.equals("azurite")) {
                azurite = new AzuriteProcess(repo, work.resolve("azurite"));
                azurite.start();
                env.put("AzureWebJobsStorage", azurite.connectionString());
            } else {
                env.put("AzureWebJobsStorage", "");
            }
            int port = AzuriteProcess.freePort();
            try (ServeProcess serve = new ServeProcess(repo, port, key, env, work.resolve("serve.log"))) {
                long startMillis = serve.start();
                System.out.printf(Locale.ROOT, "server up in %d ms (pid %d, log %s)%n", startMillis, serve.pid(),
                    work.resolve("serve.log"));
                subscribe(serve, sink.callbackUrl(), "\"minimumSeverity\":\"info\"");
                if (faultRun) {
                    subscribe(serve, sink.failingCallbackUrl(), "\"events\":\"" + FAILING_FLOW_EVENT + "\"");
                }
                return switch (o.scenario) {
                    case "load" -> load(serve, sink);
                    case "accept" -> accept(serve);
                    case "bursts" -> bursts(serve, sink);
                    case "azurite-restart" -> fault(serve, sink, azurite, false);
                    case "server-kill" -> fault(serve, sink, azurite, true);
                    default -> throw new IllegalArgumentException("unknown scenario " + o.scenario);
                };
            }
        } finally {
            if (azurite != null) {
                azurite.close();
            }
        }
    }

    // ---- the load scenario ------------------------------------------------------------------------------------

    private boolean load(ServeProcess serve, EventSink sink) throws Exception {
        Workload workload = new Workload(o.seed, 40);
        List<Workload.Callback> warmup = workload.wave(Math.max(200, o.callbacks / 10), 0.1);
        List<Workload.Callback> wave = workload.wave((int) Math.round(o.callbacks / 1.15), 0.15);
        List<Workload.Callback> stale = workload.staleReplays(o.callbacks / 10);
        List<Workload.Callback> all = new ArrayList<>(warmup);
        all.addAll(wave);
        all.addAll(stale);
        Expected expected = Expected.of(all);
        System.out.printf(Locale.ROOT, "workload: %d warm-up + %d measured (%s) + %d stale replays; %d events expected"
            + " (reference: same bodies, in order, through the app in-process)%n", warmup.size(), wave.size(),
            kinds(wave), stale.size(), expected.size());
        if (expected.staleEvents() > 0) {
            System.out.println("WARNING: stale replays raised " + expected.staleEvents() + " events in the reference run");
        }

        HttpLoad load = new HttpLoad(serve.port(), o.concurrency, Duration.ofSeconds(30));
        load.run(Math.max(1000, o.callbacks / 2), i -> HEALTH);
        post(load, serve, warmup, 0);
        System.out.println("warm-up done (health GETs and " + warmup.size() + " callbacks)");
        pause();

        HttpLoad.Result health1 = load.run(wave.size(), i -> HEALTH);
        pause();
        HttpLoad.Result hook = post(load, serve, wave, 0);
        pause();
        HttpLoad.Result health2 = load.run(wave.size(), i -> HEALTH);
        HttpLoad.Result staleRun = post(load, serve, stale, 0);

        Settled settled = awaitDeliveries(sink, expected.size(), 180);
        System.out.println();
        System.out.printf(Locale.ROOT, "| route | requests | concurrency | throughput (req/s) | p50 (ms) | p99 (ms) | max (ms) | statuses |%n");
        System.out.printf(Locale.ROOT, "| --- | --- | --- | --- | --- | --- | --- | --- |%n");
        row("GET /api/health (before)", health1);
        row("POST /api/dataverse/webhook", hook);
        row("GET /api/health (after)", health2);
        row("POST webhook, stale replays", staleRun);
        double trivial = (health1.perSecond() + health2.perSecond()) / 2;
        double ratio = hook.perSecond() / trivial;
        double p99 = hook.latencies().millis(99);
        System.out.println();
        Percentiles lag = expected.lag(sink, wave, hook);
        System.out.printf(Locale.ROOT, "end-to-end lag, callback sent -> event at the sink (%d events of the measured"
            + " wave): min %.1f ms, p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", lag.count(), lag.millis(0), lag.millis(50), lag.millis(99), lag.maxMillis());
        System.out.printf(Locale.ROOT, "the last event reached the sink %.1f s after the last measured callback was"
            + " answered%n", (sink.lastArrival() - hook.endNanos) / 1e9);
        Expected.Check check = expected.check(sink);
        check.print();
        boolean rateOk = ratio >= 0.5;
        boolean p99Ok = p99 < 50;
        System.out.printf(Locale.ROOT, "TARGET webhook rate >= 0.5 x trivial route: %.0f / %.0f = %.2f  %s%n",
            hook.perSecond(), trivial, ratio, rateOk ? "MET" : "MISSED");
        System.out.printf(Locale.ROOT, "TARGET webhook p99 < 50 ms: %.1f ms  %s%n", p99, p99Ok ? "MET" : "MISSED");
        System.out.printf(Locale.ROOT, "TARGET zero lost, zero doubled: lost %d, doubled %d, unexpected %d  %s%n",
            check.lost(), check.doubled(), check.unexpected(), check.clean() ? "MET" : "MISSED");
        System.out.println("load average after the run: " + Machine.loadAverage());
        return check.clean() && hook.statusCounts().keySet().stream().allMatch(s -> s == 200 || s == 202);
    }

    // ---- many callbacks on the same rows, out of order ------------------------------------------------------------

    /**
     * Whole lives of rows posted in shuffled bursts at full concurrency: the server must raise exactly the events of
     * the same callbacks in Dataverse's order (counted per row and event name: ids may differ where an episode was
     * first seen at another version), none twice.
     */
    private boolean bursts(ServeProcess serve, EventSink sink) throws Exception {
        Workload.Bursts bursts = new Workload(o.seed, 40).bursts(o.callbacks);
        Expected expected = Expected.of(bursts.inOrder());
        System.out.printf(Locale.ROOT, "workload: %d rows, %d callbacks in Dataverse's order, %d posted (duplicates"
            + " included) in shuffled bursts of 25 rows; %d events expected (reference: in order, in-process)%n",
            bursts.rows(), bursts.inOrder().size(), bursts.posted().size(), expected.size());
        HttpLoad load = new HttpLoad(serve.port(), o.concurrency, Duration.ofSeconds(30));
        HttpLoad.Result hook = post(load, serve, bursts.posted(), 0);
        awaitDeliveries(sink, expected.size(), 240);
        System.out.println();
        System.out.printf(Locale.ROOT, "| route | requests | concurrency | throughput (req/s) | p50 (ms) | p99 (ms) | max (ms) | statuses |%n");
        System.out.printf(Locale.ROOT, "| --- | --- | --- | --- | --- | --- | --- | --- |%n");
        row("POST /api/dataverse/webhook, bursts", hook);
        System.out.printf(Locale.ROOT, "the last event reached the sink %.1f s after the last callback was answered%n",
            (sink.lastArrival() - hook.endNanos) / 1e9);
        Expected.Check check = expected.checkByRowAndName(sink);
        check.print();
        System.out.printf(Locale.ROOT, "TARGET zero lost, zero doubled: lost %d, doubled %d, unexpected %d  %s%n",
            check.lost(), check.doubled(), check.unexpected(), check.clean() ? "MET" : "MISSED");
        System.out.println("load average after the run: " + Machine.loadAverage());
        return check.clean() && hook.statusCounts().keySet().stream().allMatch(s -> s == 200 || s == 202);
    }

    // ---- the 202 path alone ------------------------------------------------------------------------------------

    /**
     * The webhook with its queue write but nothing worked behind it ({@code LINKHEALTH_TEST_HOLD_QUEUES}): what a
     * 202 costs on its own, against the trivial route, so the load scenario's gap can be told apart from the
     * processing that runs beside it. With storage the queue write goes to Azurite. Nothing is delivered.
     */
    private boolean accept(ServeProcess serve) throws Exception {
        Workload workload = new Workload(o.seed, 40);
        List<Workload.Callback> warmup = workload.wave(Math.max(200, o.callbacks / 10), 0.1);
        List<Workload.Callback> wave = workload.wave((int) Math.round(o.callbacks / 1.15), 0.15);
        HttpLoad load = new HttpLoad(serve.port(), o.concurrency, Duration.ofSeconds(30));
        load.run(Math.max(1000, o.callbacks / 2), i -> HEALTH);
        post(load, serve, warmup, 0);
        pause();
        HttpLoad.Result health1 = load.run(wave.size(), i -> HEALTH);
        pause();
        HttpLoad.Result hook = post(load, serve, wave, 0);
        pause();
        HttpLoad.Result health2 = load.run(wave.size(), i -> HEALTH);
        System.out.println();
        System.out.printf(Locale.ROOT, "| route | requests | concurrency | throughput (req/s) | p50 (ms) | p99 (ms) | max (ms) | statuses |%n");
        System.out.printf(Locale.ROOT, "| --- | --- | --- | --- | --- | --- | --- | --- |%n");
        row("GET /api/health (before)", health1);
        row("POST /api/dataverse/webhook (queued, not worked)", hook);
        row("GET /api/health (after)", health2);
        double trivial = (health1.perSecond() + health2.perSecond()) / 2;
        System.out.printf(Locale.ROOT, "%nwebhook rate / trivial route, 202 path alone: %.0f / %.0f = %.2f; p99 %.1f ms%n",
            hook.perSecond(), trivial, hook.perSecond() / trivial, hook.latencies().millis(99));
        System.out.println("load average after the run: " + Machine.loadAverage());
        return hook.statusCounts().keySet().stream().allMatch(s -> s == 200 || s == 202);
    }

    // ---- the fault scenarios ----------------------------------------------------------------------------------

    private boolean fault(ServeProcess serve, EventSink sink, AzuriteProcess azurite, boolean killServer) throws Exception {
        if (azurite == null) {
            throw new IllegalArgumentException("fault scenarios need --storage azurite");
        }
        Workload workload = new Workload(o.seed + 1, 20);
        List<Workload.Callback> wave = workload.wave(o.callbacks, 0.1);
        Expected expected = Expected.of(wave);
        int faultAt = wave.size() / 3;
        AtomicInteger faultDone = new AtomicInteger();
        long[] outage = new long[2];
        Thread fault = new Thread(() -> {
            try {
                outage[0] = System.nanoTime();
                if (killServer) {
                    serve.kill();
                    System.out.printf(Locale.ROOT, "SIGKILLed the server at callback %d%n", faultAt);
                    long up = serve.start();
                    System.out.printf(Locale.ROOT, "server restarted, answering after %d ms%n", up);
                } else {
                    azurite.stop();
                    System.out.printf(Locale.ROOT, "stopped Azurite at callback %d; restarting it in 5 s%n", faultAt);
                    Thread.sleep(5000);
                    azurite.start();
                    System.out.println("Azurite is back");
                }
                outage[1] = System.nanoTime();
            } catch (Exception e) {
                System.out.println("FAULT INJECTION FAILED: " + e);
            } finally {
                faultDone.set(1);
            }
        }, "fault");
        System.out.printf(Locale.ROOT, "workload: %d callbacks (%s), %d events expected; fault at callback %d;"
            + " a callback without a 2xx is sent again every 250 ms (up to 120 s)%n", wave.size(), kinds(wave),
            expected.size(), faultAt);
        HttpLoad load = new HttpLoad(serve.port(), o.concurrency, Duration.ofSeconds(30));
        long until = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        HttpLoad.Result run = load.run(wave.size(), i -> webhook(wave.get(i)), i -> {
            if (i == faultAt) {
                fault.start();
            }
        }, until);
        fault.join();
        int accepted = 0;
        int resent = 0;
        for (int i = 0; i < wave.size(); i++) {
            accepted += run.accepted(i) ? 1 : 0;
            resent += run.tries[i] > 1 ? 1 : 0;
        }
        System.out.printf(Locale.ROOT, "outage %.1f s; final answers: %s; %d callbacks needed more than one try;"
            + " %d accepted%n", (outage[1] - outage[0]) / 1e9, HttpLoad.describe(run.statusCounts()), resent, accepted);
        Settled settled = awaitDeliveries(sink, expected.size(), 150);
        System.out.printf(Locale.ROOT, "the last event reached the sink %.1f s after the last callback was answered%n",
            (sink.lastArrival() - run.endNanos) / 1e9);
        Expected.Check check = expected.check(sink);
        check.print();
        int expectedDeadLetters = expected.count(FAILING_FLOW_EVENT);
        int kept = awaitDeadLetters(azurite, expectedDeadLetters, 90);
        System.out.printf(Locale.ROOT, "failing flow (500 to everything, subscribed to %s): %d posts refused;"
            + " delivery dead letters %d of %d expected (one per %s event, after the last retry)%n", FAILING_FLOW_EVENT,
            sink.refused(), kept, expectedDeadLetters, FAILING_FLOW_EVENT);
        deadLetters(azurite);
        System.out.printf(Locale.ROOT, "RESULT nothing accepted lost: lost %d of %d expected  %s; doubled %d%s%n",
            check.lost(), expected.size(), check.lost() == 0 ? "MET" : "MISSED", check.doubled(),
            check.doubled() > 0 ? " (at-least-once redelivery)" : "");
        System.out.println("load average after the run: " + Machine.loadAverage());
        return check.lost() == 0 && check.unexpected() == 0 && kept == expectedDeadLetters;
    }

    /** Waits until the delivery dead letters reach {@code expected} or stop growing for 40 s; returns how many. */
    private static int awaitDeadLetters(AzuriteProcess azurite, int expected, int maxSeconds) throws InterruptedException {
        var tables = new TableServiceClientBuilder().connectionString(azurite.connectionString()).buildClient();
        TableDeadLetterStore store = new TableDeadLetterStore(tables, TableNames.defaults());
        long deadline = System.nanoTime() + Duration.ofSeconds(maxSeconds).toNanos();
        int last = -1;
        long lastChange = System.nanoTime();
        while (System.nanoTime() < deadline) {
            int now;
            try {
                now = (int) store.recent(10_000).stream().filter(d -> d.source().equals("delivery")).count();
            } catch (RuntimeException e) {
                now = last;
            }
            if (now >= expected) {
                return now;
            }
            if (now != last) {
                last = now;
                lastChange = System.nanoTime();
            } else if (System.nanoTime() - lastChange > 40_000_000_000L) {
                break;
            }
            Thread.sleep(500);
        }
        return Math.max(0, last);
    }

    private void deadLetters(AzuriteProcess azurite) {
        try {
            var tables = new TableServiceClientBuilder().connectionString(azurite.connectionString()).buildClient();
            List<DeadLetter> letters = new TableDeadLetterStore(tables, TableNames.defaults()).recent(10_000);
            Map<String, Integer> byReason = new TreeMap<>();
            letters.forEach(d -> byReason.merge(d.source() + "/" + d.reason(), 1, Integer::sum));
            System.out.println("dead letters in Azure Tables: " + letters.size() + (byReason.isEmpty() ? "" : " " + byReason));
        } catch (RuntimeException e) {
            System.out.println("dead letters could not be read: " + e.getClass().getSimpleName());
        }
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private void subscribe(ServeProcess serve, String callbackUrl, String filters) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(serve.baseUrl() + "/api/subscriptions"))
            .header("Content-Type", "application/json").header("x-functions-key", key)
            .POST(HttpRequest.BodyPublishers.ofString("{\"callbackUrl\":\"" + callbackUrl + "\"," + filters + "}"))
            .build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            throw new IllegalStateException("subscribing a sink answered " + r.statusCode());
        }
    }

    private HttpLoad.Result post(HttpLoad load, ServeProcess serve, List<Workload.Callback> callbacks, long until)
        throws InterruptedException {
        return load.run(callbacks.size(), i -> webhook(callbacks.get(i)), i -> { }, until);
    }

    private RawHttp.Request webhook(Workload.Callback c) {
        return new RawHttp.Request("POST", "/api/dataverse/webhook", Map.of("Content-Type", "application/json",
            "x-functions-key", key, "x-ms-dynamics-organization", "unqb015df52a05fee11a382000d3a64d",
            "x-ms-dynamics-request-name", "Update"), c.body());
    }

    private static final RawHttp.Request HEALTH = new RawHttp.Request("GET", "/api/health", Map.of(), null);

    private static void row(String name, HttpLoad.Result r) {
        Percentiles p = r.latencies();
        System.out.printf(Locale.ROOT, "| %s | %d | | %.0f | %.1f | %.1f | %.1f | %s |%n", name, p.count(), r.perSecond(),
            p.millis(50), p.millis(99), p.maxMillis(), String.join(", ", HttpLoad.describe(r.statusCounts())));
    }

    private static String kinds(List<Workload.Callback> callbacks) {
        Map<String, Integer> k = new TreeMap<>();
        callbacks.forEach(c -> k.merge(c.kind(), 1, Integer::sum));
        return k.toString().replace("{", "").replace("}", "");
    }

    private static void pause() throws InterruptedException {
        System.gc();
        Thread.sleep(1000);
    }

    /** How long the sink took to stop getting deliveries. */
    private record Settled(double seconds) {
    }

    private static Settled awaitDeliveries(EventSink sink, int expected, int maxSeconds) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + Duration.ofSeconds(maxSeconds).toNanos();
        int last = -1;
        long lastChange = start;
        while (System.nanoTime() < deadline) {
            int now = sink.requests();
            if (now != last) {
                last = now;
                lastChange = System.nanoTime();
            } else if (sink.distinct() >= expected && System.nanoTime() - lastChange > 3_000_000_000L) {
                break;
            } else if (System.nanoTime() - lastChange > 40_000_000_000L) {
                break; // nothing arrived for 40 s: what is missing is lost
            }
            Thread.sleep(50);
        }
        return new Settled((lastChange - start) / 1e9);
    }

    private static String randomKey() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Command-line options. */
    record Options(String scenario, String storage, int callbacks, int concurrency, long seed) {
        static Options parse(String[] args) {
            String scenario = "load";
            String storage = "memory";
            int callbacks = 5000;
            int concurrency = 48;
            long seed = 20261127L;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--scenario" -> scenario = args[++i];
                    case "--storage" -> storage = args[++i];
                    case "--callbacks" -> callbacks = Integer.parseInt(args[++i]);
                    case "--concurrency" -> concurrency = Integer.parseInt(args[++i]);
                    case "--seed" -> seed = Long.parseLong(args[++i]);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            if (callbacks < 100 || callbacks > 50_000 || concurrency < 1 || concurrency > 256) {
                throw new IllegalArgumentException("--callbacks 100..50000, --concurrency 1..256");
            }
            if (!storage.equals("memory") && !storage.equals("azurite")) {
                throw new IllegalArgumentException("--storage memory|azurite");
            }
            return new Options(scenario, storage, callbacks, concurrency, seed);
        }
    }
}
