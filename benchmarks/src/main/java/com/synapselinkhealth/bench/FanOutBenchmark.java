package com.synapselinkhealth.bench;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.netty.NettyAsyncHttpClientBuilder;
import com.azure.core.http.policy.UserAgentPolicy;
import com.azure.core.util.Context;
import com.sun.net.httpserver.HttpServer;
import com.synapselinkhealth.delivery.CallbackAddressPolicy;
import com.synapselinkhealth.delivery.DeliveryService;
import com.synapselinkhealth.delivery.RetrySchedule;
import com.synapselinkhealth.delivery.http.CallbackSender;
import com.synapselinkhealth.health.HealthEvent;
import com.synapselinkhealth.health.HealthEventName;
import com.synapselinkhealth.health.cloudevents.HealthCloudEvents;
import com.synapselinkhealth.memory.InMemoryDeadLetterStore;
import com.synapselinkhealth.memory.InMemoryDeliveryLedger;
import com.synapselinkhealth.memory.InMemoryDeliveryQueue;
import com.synapselinkhealth.memory.InMemorySubscriptionStore;
import com.synapselinkhealth.subscriptions.CallbackUrl;
import com.synapselinkhealth.subscriptions.Subscription;
import com.synapselinkhealth.subscriptions.SubscriptionFilter;
import com.synapselinkhealth.subscriptions.TriggerKind;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Flux;

/**
 * Delivery fan-out, a timed harness (not JMH: one round is a burst of 1,000 HTTP posts, milliseconds long): one
 * event published to 1,000 matching subscriptions through {@link DeliveryService} (the app's delivery queue, 16
 * threads, its {@link CallbackSender}), against the same 1,000 POSTs of the same body sent with the same azure-core
 * pipeline on the Netty client, first from 16 threads sending one at a time (the delivery queue's concurrency), then
 * asynchronously with up to 128 in flight. All to one local sink on 127.0.0.1 answering 200; rounds alternate.
 *
 * <pre>java -cp target/benchmarks.jar com.synapselinkhealth.bench.FanOutBenchmark [rounds]</pre>
 */
public final class FanOutBenchmark {
    private static final int SUBSCRIPTIONS = 1_000;
    private static final int THREADS = 16;

    private FanOutBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        java.util.logging.LogManager.getLogManager().reset();
        run(args.length > 0 ? Integer.parseInt(args[0]) : 10);
        // netty's event loops and the sender pools are not daemon threads
        System.exit(0);
    }

    /** Measures {@code rounds} rounds (after 3 warm-up rounds) and prints the table; stops what it started. */
    public static void run(int rounds) throws Exception {
        AtomicInteger received = new AtomicInteger();
        HttpServer sink = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
        sink.setExecutor(Executors.newFixedThreadPool(8));
        sink.createContext("/", exchange -> {
            try (exchange; InputStream in = exchange.getRequestBody()) {
                in.readAllBytes();
                exchange.sendResponseHeaders(200, -1);
            }
            received.incrementAndGet();
        });
        sink.start();
        String base = "http://127.0.0.1:" + sink.getAddress().getPort() + "/workflows/";

        InMemorySubscriptionStore subscriptions = new InMemorySubscriptionStore();
        for (int i = 0; i < SUBSCRIPTIONS; i++) {
            subscriptions.save(new Subscription(UUID.randomUUID().toString(), TriggerKind.OnHealthEvent,
                CallbackUrl.parse(base + i + "/triggers/manual/paths/invoke?sig=s" + i),
                new SubscriptionFilter(null, null, Set.of(), null), Instant.now(), 0));
        }
        InMemoryDeliveryQueue queue = new InMemoryDeliveryQueue(THREADS);
        DeliveryService delivery = new DeliveryService(subscriptions, queue, new InMemoryDeliveryLedger(100_000),
            new CallbackSender(new CallbackAddressPolicy(true)), new InMemoryDeadLetterStore(), RetrySchedule.DEFAULT,
            Clock.systemUTC(), () -> 0.5);
        queue.workWith(delivery::attempt);

        HttpPipeline pipeline = new HttpPipelineBuilder()
            .httpClient(new NettyAsyncHttpClientBuilder(reactor.netty.http.client.HttpClient.create().followRedirect(false))
                .connectTimeout(Duration.ofSeconds(10)).responseTimeout(Duration.ofSeconds(30))
                .readTimeout(Duration.ofSeconds(30)).writeTimeout(Duration.ofSeconds(30)).build())
            .policies(new UserAgentPolicy("synapse-link-health/1.0")).build();
        ExecutorService senders = Executors.newFixedThreadPool(THREADS);
        String json = HealthCloudEvents.toJson(event());
        byte[] body = json.getBytes(StandardCharsets.UTF_8);

        System.out.println("machine: nproc " + Runtime.getRuntime().availableProcessors() + ", JDK "
            + System.getProperty("java.runtime.version") + ", load average " + loadAverage());
        System.out.printf(Locale.ROOT, "one event (%d bytes of CloudEvent JSON) to %d subscriptions on a local sink;"
            + " %d rounds after 3 warm-up rounds%n", body.length, SUBSCRIPTIONS, rounds);
        long[][] ms = new long[3][rounds];
        for (int r = -3; r < rounds; r++) {
            long a = time(received, () -> delivery.publish(event()));
            long b = time(received, () -> plainThreads(pipeline, senders, base, json, body));
            long c = time(received, () -> plainAsync(pipeline, base, json, body));
            if (r >= 0) {
                ms[0][r] = a;
                ms[1][r] = b;
                ms[2][r] = c;
            }
        }
        String[] names = {"DeliveryService.publish (16 delivery threads)", "plain POSTs, 16 threads, sendSync",
            "plain POSTs, async, <= 128 in flight"};
        System.out.println("| fan-out of 1,000 | median (ms) | min (ms) | max (ms) | posts/s at the median |");
        System.out.println("| --- | --- | --- | --- | --- |");
        for (int i = 0; i < 3; i++) {
            long[] t = ms[i].clone();
            Arrays.sort(t);
            System.out.printf(Locale.ROOT, "| %s | %d | %d | %d | %.0f |%n", names[i], t[rounds / 2], t[0], t[rounds - 1],
                SUBSCRIPTIONS / (t[rounds / 2] / 1000.0));
        }
        System.out.println("load average after: " + loadAverage());
        queue.close();
        senders.shutdownNow();
        sink.stop(0);
    }

    private static long time(AtomicInteger received, Runnable burst) throws InterruptedException {
        int target = received.get() + SUBSCRIPTIONS;
        long t0 = System.nanoTime();
        burst.run();
        long deadline = t0 + TimeUnit.SECONDS.toNanos(120);
        while (received.get() < target) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the sink got " + (received.get() - target + SUBSCRIPTIONS) + " of "
                    + SUBSCRIPTIONS);
            }
            Thread.sleep(1);
        }
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    }

    private static HttpRequest request(String base, int i, String json, byte[] body) {
        return new HttpRequest(HttpMethod.POST, base + i + "/triggers/manual/paths/invoke?sig=s" + i)
            .setHeader(HttpHeaderName.CONTENT_TYPE, "application/json; charset=utf-8")
            .setHeader(HttpHeaderName.fromString("webhook-id"), UUID.randomUUID().toString())
            .setBody(body);
    }

    private static void plainThreads(HttpPipeline pipeline, ExecutorService senders, String base, String json, byte[] body) {
        List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
        for (int i = 0; i < SUBSCRIPTIONS; i++) {
            int n = i;
            sent.add(senders.submit(() -> {
                try (HttpResponse response = pipeline.sendSync(request(base, n, json, body), Context.NONE)) {
                    response.getStatusCode();
                }
            }));
        }
    }

    private static void plainAsync(HttpPipeline pipeline, String base, String json, byte[] body) {
        Flux.range(0, SUBSCRIPTIONS)
            .flatMap(i -> pipeline.send(request(base, i, json, body)).doOnNext(HttpResponse::close), 128)
            .subscribe();
    }

    private static HealthEvent event() {
        return HealthEvent.builder().id(UUID.randomUUID().toString()).name(HealthEventName.TableSyncFailed)
            .time(Instant.parse("2026-11-20T09:14:05Z")).organization("contoso").profileName("Contoso Lake")
            .profileId(UUID.randomUUID()).table("contact").stateTable("synapselinkprofileentitystate")
            .previousState("InProgress").currentState("CompletedWithFailures")
            .lastSyncedAt(Instant.parse("2026-11-20T08:59:00Z")).lakeRecordCount(1234L).dataverseRecordCount(1240L)
            .rowId(UUID.randomUUID()).operationId(UUID.randomUUID()).correlationId(UUID.randomUUID())
            .summary("Sync of table contact in profile Contoso Lake failed at 2026-11-20 09:14 UTC (was InProgress).")
            .build();
    }

    private static String loadAverage() {
        try {
            String[] p = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return p[0] + " " + p[1] + " " + p[2];
        } catch (Exception e) {
            return "unknown";
        }
    }
}
