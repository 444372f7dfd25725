package com.synapselinkhealth.local.http;

import com.synapselinkhealth.config.HttpLimits;

/**
 * Ends the connections past their deadline, run by the selector thread a few times a second: a request whose head or
 * body is late gets 408, an idle keep-alive connection, a response the client does not read, or a lingering
 * connection is closed.
 */
final class DeadlineSweep {
    private final HttpLimits limits;
    private final ConnectionTable table;
    private final ResponseWriter writer;
    private final HttpCounters counters;

    DeadlineSweep(HttpLimits limits, ConnectionTable table, ResponseWriter writer, HttpCounters counters) {
        this.limits = limits;
        this.table = table;
        this.writer = writer;
        this.counters = counters;
    }

    void sweep(long now) {
        for (Connection c : table.snapshot()) {
            if (now - c.deadline < 0) {
                continue;
            }
            switch (c.state) {
                case HEAD -> {
                    if (c.headStarted || !c.afterResponse) {
                        counters.timedOut.incrementAndGet();
                        writer.respondNow(c, 408, "request-timeout", "Request timeout", "The request line and headers "
                            + "did not arrive within " + limits.headerTimeout().toSeconds() + " s.");
                    } else {
                        table.close(c); // an idle keep-alive connection
                    }
                }
                case BODY -> {
                    counters.timedOut.incrementAndGet();
                    writer.respondNow(c, 408, "request-timeout", "Request timeout", "The body did not arrive within "
                        + limits.bodyTimeout().toSeconds() + " s.");
                }
                default -> {
                    if (c.state == Connection.State.WRITING) {
                        counters.timedOut.incrementAndGet();
                    }
                    table.close(c);
                }
            }
        }
    }
}
