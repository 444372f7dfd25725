package com.synapselinkhealth.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in for a flow's trigger endpoint on 127.0.0.1: records every request it gets and answers from a script
 * (status, headers, a delay), falling back to 202 once the script is used up.
 *
 * <pre>{@code
 * try (CallbackSink sink = CallbackSink.start()) {
 *     sink.reply(Reply.status(500), Reply.status(200));
 *     ... subscribe sink.callbackUrl() ...
 *     assertEquals(2, sink.received().size());
 * }
 * }</pre>
 *
 * Its callback URL carries a random {@code sig} like a Logic Apps callback URL does; {@link #secret()} is that
 * value, for asserting it never leaks.
 */
public final class CallbackSink implements AutoCloseable {
    public static final String FLOW_PATH = "/workflows/5b2c1f0e9a7d/triggers/manual/paths/invoke";

    /** One request as the sink saw it; header names in lower case. */
    public record Received(String method, String path, String query, Map<String, String> headers, String body,
                           long receivedNanos) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** One scripted answer. */
    public record Reply(int status, Map<String, String> headers, long delayMillis) {
        public static Reply status(int status) {
            return new Reply(status, Map.of(), 0);
        }

        public Reply header(String name, String value) {
            Map<String, String> more = new LinkedHashMap<>(headers);
            more.put(name, value);
            return new Reply(status, more, delayMillis);
        }

        /** Waits this long before answering. */
        public Reply after(long millis) {
            return new Reply(status, headers, millis);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final String secret;
    private final Deque<Reply> script = new ArrayDeque<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile Reply fallback = Reply.status(202);

    private CallbackSink(HttpServer server, ExecutorService executor, String secret) {
        this.server = server;
        this.executor = executor;
        this.secret = secret;
    }

    public static CallbackSink start() throws IOException {
        byte[] sig = new byte[18];
        new SecureRandom().nextBytes(sig);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        ExecutorService executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "callback-sink");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        CallbackSink sink = new CallbackSink(server, executor, "S1g" + HexFormat.of().formatHex(sig));
        server.createContext("/", sink::handle);
        server.start();
        return sink;
    }

    /** Answers the next requests with these, in order. */
    public synchronized CallbackSink reply(Reply... replies) {
        script.addAll(List.of(replies));
        return this;
    }

    /** Answers the next requests with these statuses, in order. */
    public CallbackSink reply(int... statuses) {
        for (int status : statuses) {
            reply(Reply.status(status));
        }
        return this;
    }

    /** What to answer once the script is used up (202 unless set). */
    public CallbackSink otherwise(Reply reply) {
        this.fallback = reply;
        return this;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:port} followed by the path. */
    public String url(String pathAndQuery) {
        return "http://127.0.0.1:" + port() + pathAndQuery;
    }

    /** A Logic Apps-style callback URL with the secret {@code sig}. */
    public String callbackUrl() {
        return callbackUrl(FLOW_PATH);
    }

    /** A Logic Apps-style callback URL on another path (to tell several flows apart). */
    public String callbackUrl(String path) {
        return url(path + "?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=" + secret);
    }

    public String secret() {
        return secret;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public List<Received> received(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    /** Waits until at least {@code count} requests came; false on timeout. */
    public boolean awaitCount(int count, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (received.size() < count) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }

    private synchronized Reply next() {
        Reply r = script.poll();
        return r == null ? fallback : r;
    }

    private void handle(HttpExchange exchange) throws IOException {
        long at = System.nanoTime();
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                exchange.getRequestURI().getRawQuery(), Map.copyOf(headers), new String(body, StandardCharsets.UTF_8), at));
            Reply reply = next();
            if (reply.delayMillis() > 0) {
                try {
                    Thread.sleep(reply.delayMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            reply.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
            exchange.sendResponseHeaders(reply.status(), -1);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
