package com.synapselinkhealth.perf;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Sends a fixed list of requests at a fixed concurrency (that many threads, each sending one request at a time
 * over its own keep-alive connection, {@link RawHttp}) and records, per request, when it was first sent, how long the answer took and
 * its status. With {@code resendUntil} set, a request without a 2xx answer (connection refused, 5xx) is sent again
 * every 250 ms until it gets one or the deadline passes, as a sender that retries would.
 */
final class HttpLoad {
    /** What happened to the requests of one run. */
    static final class Result {
        final long[] firstSentNanos;
        final long[] latencyNanos;
        final int[] status;
        final int[] tries;
        long wallNanos;
        long endNanos;

        Result(int n) {
            firstSentNanos = new long[n];
            latencyNanos = new long[n];
            status = new int[n];
            tries = new int[n];
        }

        double perSecond() {
            return status.length / (wallNanos / 1e9);
        }

        Percentiles latencies() {
            return new Percentiles(latencyNanos);
        }

        Map<Integer, Integer> statusCounts() {
            Map<Integer, Integer> counts = new TreeMap<>();
            for (int s : status) {
                counts.merge(s, 1, Integer::sum);
            }
            return counts;
        }

        boolean accepted(int i) {
            return status[i] >= 200 && status[i] < 300;
        }
    }

    private final int port;
    private final int concurrency;
    private final Duration timeout;

    HttpLoad(int port, int concurrency, Duration timeout) {
        this.port = port;
        this.concurrency = concurrency;
        this.timeout = timeout;
    }

    /**
     * @param between called by request index before it is sent (e.g. to start a fault at a given point); may block
     * @param resendUntilNanos 0 to send each request once
     */
    Result run(int n, IntFunction<RawHttp.Request> request, IntConsumerBefore between, long resendUntilNanos)
        throws InterruptedException {
        Result result = new Result(n);
        AtomicInteger nextIndex = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(concurrency, daemon("load"));
        long start = System.nanoTime();
        for (int t = 0; t < concurrency; t++) {
            threads.execute(() -> {
                try (RawHttp connection = new RawHttp("127.0.0.1", port, (int) timeout.toMillis())) {
                    for (int i = nextIndex.getAndIncrement(); i < n; i = nextIndex.getAndIncrement()) {
                        between.before(i);
                        send(connection, i, request.apply(i), result, resendUntilNanos);
                    }
                }
            });
        }
        threads.shutdown();
        if (!threads.awaitTermination(15, TimeUnit.MINUTES)) {
            threads.shutdownNow();
            throw new IllegalStateException("the load run did not finish in 15 minutes");
        }
        result.endNanos = System.nanoTime();
        result.wallNanos = result.endNanos - start;
        return result;
    }

    Result run(int n, IntFunction<RawHttp.Request> request) throws InterruptedException {
        return run(n, request, i -> { }, 0);
    }

    private static void send(RawHttp connection, int i, RawHttp.Request request, Result result, long resendUntilNanos) {
        while (true) {
            long sent = System.nanoTime();
            if (result.tries[i]++ == 0) {
                result.firstSentNanos[i] = sent;
            }
            int status;
            try {
                status = connection.send(request);
            } catch (java.io.IOException | RuntimeException e) {
                status = 0;
            }
            result.latencyNanos[i] = System.nanoTime() - sent;
            result.status[i] = status;
            boolean ok = status >= 200 && status < 300;
            if (ok || resendUntilNanos == 0 || (status >= 400 && status < 500) || System.nanoTime() > resendUntilNanos) {
                return;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** A hook run before request {@code i} is sent. */
    interface IntConsumerBefore {
        void before(int i);
    }

    static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    static List<String> describe(Map<Integer, Integer> counts) {
        return counts.entrySet().stream().map(e -> (e.getKey() == 0 ? "no answer" : "HTTP " + e.getKey()) + " x"
            + e.getValue()).toList();
    }
}
