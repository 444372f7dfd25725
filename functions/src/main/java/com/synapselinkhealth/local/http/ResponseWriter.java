package com.synapselinkhealth.local.http;

import com.synapselinkhealth.config.HttpLimits;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes responses from the selector thread without blocking, within {@link HttpLimits#responseTimeout()}: a worker's
 * answer, or the server's own (timeouts, overload, malformed requests). After a response that ends the connection it
 * lingers: sends FIN and keeps reading and dropping what the client still sends, within
 * {@link HttpLimits#lingerTime()}, before closing.
 */
final class ResponseWriter {
    static final int RETRY_AFTER_SECONDS = 2;

    private final HttpLimits limits;
    private final GuardedHttpServer.ProblemFactory problems;
    private final ConnectionTable table;
    private final HttpCounters counters;

    ResponseWriter(HttpLimits limits, GuardedHttpServer.ProblemFactory problems, ConnectionTable table,
                   HttpCounters counters) {
        this.limits = limits;
        this.problems = problems;
        this.table = table;
        this.counters = counters;
    }

    /** Answers 400 and closes after writing; false, for a reader to return. */
    boolean badRequest(Connection c, String type, String title, String detail) {
        respondNow(c, 400, type, title, detail);
        return false;
    }

    /** Answers 503 with {@code Retry-After}: the server holds as many {@code what} as it allows. */
    void overloaded(Connection c, String what) {
        counters.refused.incrementAndGet();
        respondNow(c, 503, "overloaded", "The server is busy", "The server is receiving or working as many "
            + what + " as it allows; try again in " + RETRY_AFTER_SECONDS + " s.");
    }

    /** Answers from the selector thread (no worker) and closes the connection after writing. */
    void respondNow(Connection c, int status, String type, String title, String detail) {
        RawResponse response = problems.problem(status, type, title, detail);
        if (status == 503) {
            response = withRetryAfter(response);
        }
        c.discarding = c.state == Connection.State.HEAD || c.state == Connection.State.BODY;
        c.discardRemaining = -1;
        startWrite(c, response, true);
    }

    static RawResponse withRetryAfter(RawResponse r) {
        Map<String, String> headers = new LinkedHashMap<>(r.headers());
        headers.put("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
        return new RawResponse(r.status(), headers, r.body());
    }

    /**
     * Starts writing a response, closing the connection after it when {@code close}; true when it is written whole and
     * the connection waits for its next request (see {@link #writeSome}).
     */
    boolean startWrite(Connection c, RawResponse response, boolean close) {
        if (c.state == Connection.State.CLOSED) {
            return false;
        }
        c.releaseReserved();
        c.body = null;
        c.closeAfter |= close;
        c.out = ByteBuffer.wrap(ResponseBytes.of(response, c.closeAfter, "HEAD".equals(c.method)));
        c.state = Connection.State.WRITING;
        c.since = System.nanoTime();
        long limit = close ? Math.min(limits.responseTimeout().toNanos(), limits.lingerTime().toNanos())
            : limits.responseTimeout().toNanos();
        c.deadline = c.since + limit;
        try {
            return writeSome(c);
        } catch (IOException e) {
            table.close(c);
            return false;
        }
    }

    /**
     * Writes what the socket takes now; true when that finished the response and the connection waits for its next
     * request, so the bytes it already sent (pipelined) are to be read now.
     */
    boolean writeSome(Connection c) throws IOException {
        if (c.state != Connection.State.WRITING) {
            c.interest();
            return false;
        }
        c.channel.write(c.out);
        if (c.out.hasRemaining()) {
            c.interest();
            return false;
        }
        c.out = null;
        if (c.closeAfter || c.inputEnded) {
            linger(c);
            return false;
        }
        c.startHead(System.nanoTime(), true);
        return true;
    }

    /** Sends FIN, then reads and drops what the client still sends, within the linger bounds, then closes. */
    private void linger(Connection c) {
        if (c.inputEnded) {
            table.close(c);
            return;
        }
        try {
            c.channel.shutdownOutput();
        } catch (IOException e) {
            table.close(c);
            return;
        }
        c.state = Connection.State.LINGER;
        c.deadline = System.nanoTime() + limits.lingerTime().toNanos();
        c.interest();
    }
}
