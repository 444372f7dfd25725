package com.synapselinkhealth.perf;

import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.net.InetSocketAddress;

/** The cold-start baseline: the JDK's HTTP server answering 202 to anything, nothing else. */
public final class BareHttpServer {
    private BareHttpServer() {
    }

    public static void main(String[] args) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), 64);
        server.createContext("/", exchange -> {
            try (exchange; InputStream in = exchange.getRequestBody()) {
                in.readAllBytes();
                exchange.sendResponseHeaders(202, -1);
            }
        });
        server.start();
    }
}
