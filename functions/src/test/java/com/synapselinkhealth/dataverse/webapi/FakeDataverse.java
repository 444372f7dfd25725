package com.synapselinkhealth.dataverse.webapi;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** A tiny Dataverse Web API stand-in on 127.0.0.1: answers queued per path (+ query), records every request. */
final class FakeDataverse implements AutoCloseable {
    /** One answer: status, headers, JSON body. */
    record Answer(int status, Map<String, String> headers, String body) {
        static Answer json(String body) {
            return new Answer(200, Map.of(), body);
        }
    }

    /** One request as received. */
    record Received(String method, String pathAndQuery, Map<String, List<String>> headers) {
        String header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue().get(0);
                }
            }
            return null;
        }
    }

    private final HttpServer server;
    private final Map<String, Deque<Answer>> answers = new java.util.concurrent.ConcurrentHashMap<>();
    final List<Received> received = new CopyOnWriteArrayList<>();

    FakeDataverse() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Queues answers for a path with query, e.g. {@code /api/data/v9.2/synapselinkprofiles}; the last one repeats. */
    FakeDataverse on(String pathAndQuery, Answer... queued) {
        answers.computeIfAbsent(pathAndQuery, k -> new ArrayDeque<>()).addAll(List.of(queued));
        return this;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String target = exchange.getRequestURI().getRawPath()
            + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
        received.add(new Received(exchange.getRequestMethod(), target, Map.copyOf(exchange.getRequestHeaders())));
        Deque<Answer> queue = answers.get(target);
        Answer answer;
        synchronized (this) {
            answer = queue == null || queue.isEmpty() ? null : queue.size() > 1 ? queue.poll() : queue.peek();
        }
        if (answer == null) {
            answer = new Answer(404, Map.of(), "");
        }
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        if (body.length > 0) {
            exchange.getResponseHeaders().add("Content-Type", "application/json; odata.metadata=minimal");
        }
        exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
