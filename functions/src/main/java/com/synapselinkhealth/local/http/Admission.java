package com.synapselinkhealth.local.http;

import com.synapselinkhealth.config.HttpLimits;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * Accepts new connections within {@link HttpLimits#maxConnectionsPerClient()} and {@link HttpLimits#maxConnections()}:
 * past either, it closes the oldest connection (of that client address, or any) still waiting for its request to make
 * room, else answers the new one 503 with {@code Retry-After} (at most a few such refusals at once; past those, a new
 * connection is closed at once).
 */
final class Admission {
    private static final int MAX_REJECTING = 64;

    private final ServerSocketChannel listener;
    private final Selector selector;
    private final HttpLimits limits;
    private final long maxBodyBytes;
    private final BodyBudget budget;
    private final ConnectionTable table;
    private final ResponseWriter writer;
    private final HttpCounters counters;

    Admission(ServerSocketChannel listener, Selector selector, HttpLimits limits, long maxBodyBytes, BodyBudget budget,
              ConnectionTable table, ResponseWriter writer, HttpCounters counters) {
        this.listener = listener;
        this.selector = selector;
        this.limits = limits;
        this.maxBodyBytes = maxBodyBytes;
        this.budget = budget;
        this.table = table;
        this.writer = writer;
        this.counters = counters;
    }

    /** Accepts every connection waiting on the listener. */
    void accept() throws IOException {
        SocketChannel channel;
        while ((channel = listener.accept()) != null) {
            counters.accepted.incrementAndGet();
            InetAddress client;
            try {
                channel.configureBlocking(false);
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                client = ((InetSocketAddress) channel.getRemoteAddress()).getAddress();
            } catch (IOException | RuntimeException e) {
                channel.close(); // gone before it was set up
                continue;
            }
            boolean room = true;
            if (table.full(limits.maxConnections())) {
                room = evictOldestWaiting(null);
            }
            if (room && table.fullFor(client, limits.maxConnectionsPerClient())) {
                room = evictOldestWaiting(client);
            }
            Connection c = new Connection(channel, client, limits, maxBodyBytes, budget);
            c.key = channel.register(selector, SelectionKey.OP_READ, c);
            table.add(c);
            if (!room) {
                counters.refused.incrementAndGet();
                if (table.rejecting() >= MAX_REJECTING) {
                    table.close(c);
                    continue;
                }
                table.reject(c);
                writer.respondNow(c, 503, "overloaded", "Too many connections", "The server holds as many "
                    + "connections as it allows; try again in " + ResponseWriter.RETRY_AFTER_SECONDS + " s.");
                continue;
            }
            table.admit(c);
            c.startHead(System.nanoTime(), false);
        }
    }

    /** Closes a connection (of {@code client}, or any) to make room; false when none can give way. */
    private boolean evictOldestWaiting(InetAddress client) {
        Connection oldest = table.oldestWaiting(client);
        if (oldest == null) {
            return false;
        }
        counters.evicted.incrementAndGet();
        table.close(oldest);
        return true;
    }
}
