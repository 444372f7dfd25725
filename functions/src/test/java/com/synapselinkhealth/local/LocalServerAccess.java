package com.synapselinkhealth.local;

import com.synapselinkhealth.app.LinkHealth;
import com.synapselinkhealth.health.HealthEvent;
import java.io.PrintStream;
import java.util.Map;

/** Test access to the local server and the console printer from the hostile suite's package. */
public final class LocalServerAccess implements AutoCloseable {
    private final LocalServer server;

    private LocalServerAccess(LocalServer server) {
        this.server = server;
    }

    public static LocalServerAccess start(LinkHealth app, String key) throws java.io.IOException {
        return new LocalServerAccess(new LocalServer(app, "127.0.0.1", 0, key, 0).start());
    }

    public String baseUrl() {
        return server.baseUrl();
    }

    public boolean awaitIdle(long millis) throws InterruptedException {
        return server.awaitIdle(millis);
    }

    public int openConnections() {
        return server.http().openConnections();
    }

    public Map<String, Long> counters() {
        return server.http().counters();
    }

    public static Object eventPrinter(PrintStream out) {
        return new EventPrinter(out, true);
    }

    public static void print(Object printer, HealthEvent event) {
        ((EventPrinter) printer).print(event);
    }

    @Override
    public void close() {
        server.close();
    }
}
