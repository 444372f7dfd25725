package com.synapselinkhealth.perf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A flow's trigger endpoint on 127.0.0.1 for the load test: answers 200 to every POST and counts each
 * {@code webhook-id} it gets, with the time the first copy arrived. Its URL carries a random {@code sig} that is
 * never printed.
 */
final class EventSink implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;
    private final ExecutorService executor;
    private final String sig;
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private final Map<String, Long> firstArrival = new ConcurrentHashMap<>();
    /** Each distinct event's row and name ({@code <rowId>|<eventName>}), from its first copy. */
    private final Map<String, String> rowAndName = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private volatile long lastArrival;

    private EventSink(HttpServer server, ExecutorService executor, String sig) {
        this.server = server;
        this.executor = executor;
        this.sig = sig;
    }

    static EventSink start() throws IOException {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
        ExecutorService executor = Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "load-sink");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        EventSink sink = new EventSink(server, executor, HexFormat.of().formatHex(bytes));
        server.createContext("/", sink::handle);
        server.start();
        return sink;
    }

    /** A Logic Apps-shaped callback URL (secret; keep out of output). */
    String callbackUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort()
            + "/workflows/load/triggers/manual/paths/invoke?api-version=2016-06-01&sig=" + sig;
    }

    /** A flow that answers 500 to everything (its posts are counted apart, never as deliveries). */
    String failingCallbackUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort()
            + "/workflows/fail/triggers/manual/paths/invoke?api-version=2016-06-01&sig=" + sig;
    }

    /** Posts the failing flow refused. */
    int refused() {
        return refused.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        long at = System.nanoTime();
        try (exchange; InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            if (exchange.getRequestURI().getRawPath().startsWith("/workflows/fail/")) {
                refused.incrementAndGet();
                exchange.sendResponseHeaders(500, -1);
                return;
            }
            requests.incrementAndGet();
            lastArrival = at;
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            if (id != null) {
                counts.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
                firstArrival.putIfAbsent(id, at);
                rowAndName.computeIfAbsent(id, k -> rowAndName(body));
            }
            exchange.sendResponseHeaders(200, -1);
        }
    }

    private static String rowAndName(byte[] body) {
        try {
            JsonNode data = JSON.readTree(body).path("data");
            return data.path("rowId").asText() + "|" + data.path("eventName").asText();
        } catch (IOException e) {
            return "unreadable|" + e.getClass().getSimpleName();
        }
    }

    /** Each distinct event's {@code <rowId>|<eventName>}. */
    Map<String, String> rowAndName() {
        return rowAndName;
    }

    int requests() {
        return requests.get();
    }

    /** {@link System#nanoTime()} of the latest post. */
    long lastArrival() {
        return lastArrival;
    }

    int distinct() {
        return counts.size();
    }

    Map<String, AtomicInteger> counts() {
        return counts;
    }

    Long firstArrival(String eventId) {
        return firstArrival.get(eventId);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
