package com.synapselinkhealth.local;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for a Power Automate flow's trigger endpoint, for the demo: accepts POSTs at a signed URL on loopback
 * and keeps what it received.
 */
final class DemoFlow implements AutoCloseable {
    private final HttpServer server;
    private final String signature;
    private final List<String> received = new CopyOnWriteArrayList<>();

    private DemoFlow(HttpServer server, String signature) {
        this.server = server;
        this.signature = signature;
    }

    static DemoFlow start() throws IOException {
        byte[] sig = new byte[16];
        new SecureRandom().nextBytes(sig);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        DemoFlow flow = new DemoFlow(server, HexFormat.of().formatHex(sig));
        server.createContext("/workflows/demo/triggers/manual/paths/invoke", exchange -> {
            try (exchange) {
                String query = exchange.getRequestURI().getRawQuery();
                if (query == null || !query.contains("sig=" + flow.signature)) {
                    exchange.sendResponseHeaders(401, -1);
                    return;
                }
                flow.received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                exchange.sendResponseHeaders(202, -1);
            }
        });
        server.start();
        return flow;
    }

    String callbackUrl() {
        return base() + "?api-version=2016-06-01&sig=" + signature;
    }

    String redactedUrl() {
        return base() + "?sig=…";
    }

    private String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/workflows/demo/triggers/manual/paths/invoke";
    }

    List<String> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
