package com.synapselinkhealth.local.http;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The open connections of {@link GuardedHttpServer}, how many each client address holds and how many are only being
 * refused; closing a connection gives all of these back. Used by the selector thread only, except
 * {@link #open()}.
 */
final class ConnectionTable {
    private final Set<Connection> connections = new LinkedHashSet<>();
    private final Map<InetAddress, Integer> perClient = new HashMap<>();
    private int rejecting;
    private volatile int open;

    /** Connections open now; read from any thread. */
    int open() {
        return open;
    }

    /** Whether the connections that count toward the limit (all but those being refused) have reached {@code max}. */
    boolean full(int max) {
        return connections.size() - rejecting >= max;
    }

    /** Whether {@code client} holds {@code max} admitted connections already. */
    boolean fullFor(InetAddress client, int max) {
        return perClient.getOrDefault(client, 0) >= max;
    }

    /** Connections being answered 503 and closed right now. */
    int rejecting() {
        return rejecting;
    }

    void add(Connection c) {
        connections.add(c);
        open = connections.size();
    }

    /** Counts a connection against its client address: it may send requests. */
    void admit(Connection c) {
        c.admitted = true;
        perClient.merge(c.client, 1, Integer::sum);
    }

    /** Marks a connection as only being refused: it does not count toward the connection limit. */
    void reject(Connection c) {
        rejecting++;
        c.rejecting = true;
    }

    /**
     * The connection (of {@code client}, or any) that can best give way: one that is only lingering after its answer,
     * else the one that has waited longest for its request; null when none can (all are receiving a body, being
     * worked on or written to).
     */
    Connection oldestWaiting(InetAddress client) {
        Connection oldest = null;
        for (Connection c : connections) {
            if (c.admitted && (c.state == Connection.State.HEAD || c.state == Connection.State.LINGER)
                && (client == null || client.equals(c.client))
                && (oldest == null || rank(c) < rank(oldest) || (rank(c) == rank(oldest) && c.since < oldest.since))) {
                oldest = c;
            }
        }
        return oldest;
    }

    private static int rank(Connection c) {
        return c.state == Connection.State.LINGER ? 0 : 1;
    }

    /** The open connections now, to go through while closing some. */
    List<Connection> snapshot() {
        return new ArrayList<>(connections);
    }

    void close(Connection c) {
        if (c.state == Connection.State.CLOSED) {
            return;
        }
        c.state = Connection.State.CLOSED;
        c.releaseReserved();
        c.body = null;
        c.key.cancel();
        try {
            c.channel.close();
        } catch (IOException e) {
            // closed anyway
        }
        connections.remove(c);
        open = connections.size();
        if (c.admitted) {
            perClient.computeIfPresent(c.client, (k, v) -> v <= 1 ? null : v - 1);
        }
        if (c.rejecting) {
            rejecting--;
        }
    }
}
