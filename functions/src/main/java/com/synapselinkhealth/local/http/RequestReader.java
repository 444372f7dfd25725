package com.synapselinkhealth.local.http;

import com.synapselinkhealth.config.HttpLimits;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Reads requests on the selector thread as their bytes come: the request line and headers within
 * {@link HttpLimits#headerTimeout()} and {@link HttpLimits#maxHeaderBytes()}, then the framing (Content-Length or
 * chunked) that says how the body comes; hands the body to {@link BodyReader}, a request without one to the
 * {@link WorkerPool}. Bytes that arrive after an early answer are discarded within {@link HttpLimits#lingerBytes()};
 * bytes of a next request that arrive while one is being served are kept for later.
 */
final class RequestReader {
    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final HttpLimits limits;
    private final long maxBodyBytes;
    private final ConnectionTable table;
    private final ResponseWriter writer;
    private final WorkerPool workers;
    private final BodyReader bodies;
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(64 * 1024);
    private final byte[] readBytes = new byte[64 * 1024];

    RequestReader(HttpLimits limits, long maxBodyBytes, ConnectionTable table, ResponseWriter writer,
                  WorkerPool workers) {
        this.limits = limits;
        this.maxBodyBytes = maxBodyBytes;
        this.table = table;
        this.writer = writer;
        this.workers = workers;
        this.bodies = new BodyReader(maxBodyBytes, table, writer, workers);
    }

    /** Reads what the socket has now. */
    void readSome(Connection c) throws IOException {
        readBuffer.clear();
        int n = c.channel.read(readBuffer);
        if (n < 0) {
            endOfInput(c);
            return;
        }
        if (n == 0) {
            return;
        }
        readBuffer.flip();
        readBuffer.get(readBytes, 0, n);
        feed(c, readBytes, 0, n);
    }

    /** Reads the bytes of a next request that arrived while the last one was served. */
    void feedPending(Connection c) throws IOException {
        if (c.pending != null) {
            byte[] pending = c.pending;
            c.pending = null;
            feed(c, pending, 0, pending.length);
        }
    }

    private void feed(Connection c, byte[] bytes, int off, int len) throws IOException {
        if (c.discarding || c.state == Connection.State.LINGER) {
            discard(c, len);
            return;
        }
        switch (c.state) {
            case HEAD -> feedHead(c, bytes, off, len);
            case BODY -> bodies.feed(c, bytes, off, len);
            default -> { // pipelined: kept for after this response
                if (!c.keepPending(bytes, off, len)) {
                    table.close(c);
                }
            }
        }
    }

    private void discard(Connection c, long len) {
        c.discarded += len;
        if (c.discardRemaining > 0) {
            c.discardRemaining -= len;
            if (c.discardRemaining <= 0 && c.state != Connection.State.LINGER) {
                c.discarding = false;
                c.interest();
            }
        }
        if (c.discarded > limits.lingerBytes()) {
            table.close(c);
        }
    }

    private void endOfInput(Connection c) {
        c.inputEnded = true;
        switch (c.state) {
            case BODY -> {
                workers.dispatch(c, RawRequest.Body.INCOMPLETE, c.declared, null);
            }
            case PROCESSING, WRITING -> {
                c.discarding = false;
                c.interest();
            }
            default -> table.close(c);
        }
    }

    private void feedHead(Connection c, byte[] bytes, int off, int len) throws IOException {
        if (!c.headStarted) {
            c.headStarted = true;
            c.deadline = System.nanoTime() + limits.headerTimeout().toNanos();
        }
        int from = Math.max(0, c.headLength - 3);
        c.appendHead(bytes, off, len, limits.maxHeaderBytes() + 4);
        int end = headEnd(c.head, from, c.headLength);
        if (end < 0) {
            if (c.headLength > limits.maxHeaderBytes()) {
                writer.respondNow(c, 431, "headers-too-large", "Request header fields too large",
                    "The request line and headers are larger than " + limits.maxHeaderBytes() + " bytes.");
            }
            return;
        }
        byte[] rest = Arrays.copyOfRange(c.head, end, c.headLength);
        String head = new String(c.head, 0, end, StandardCharsets.ISO_8859_1);
        c.headLength = 0;
        c.head = new byte[0];
        if (!startRequest(c, head)) {
            return;
        }
        if (rest.length > 0) {
            feed(c, rest, 0, rest.length);
        }
    }

    /** The index just past the blank line that ends the head, or -1. */
    private static int headEnd(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == '\n') {
                if (i + 1 < to && b[i + 1] == '\n') {
                    return i + 2;
                }
                if (i + 2 < to && b[i + 1] == '\r' && b[i + 2] == '\n') {
                    return i + 3;
                }
            }
        }
        return -1;
    }

    /** Takes the request line and headers, and how the body comes; false when it answered the request itself. */
    private boolean startRequest(Connection c, String text) throws IOException {
        Optional<RequestHead> parsed;
        try {
            parsed = RequestHead.parse(text);
        } catch (RequestHead.Rejected e) {
            c.method = e.method;
            writer.respondNow(c, e.status, e.type, e.title, e.detail);
            return false;
        }
        if (parsed.isEmpty()) {
            c.startHead(System.nanoTime(), true);
            return false;
        }
        RequestHead head = parsed.get();
        c.method = head.method();
        c.rawPath = head.rawPath();
        c.rawQuery = head.rawQuery();
        c.headers = head.headers();
        c.keepAlive = head.keepAlive();
        List<String> te = c.headers.get("transfer-encoding");
        List<String> cl = c.headers.get("content-length");
        boolean expectContinue = RequestHead.hasToken(c.headers.get("expect"), "100-continue");
        if (te != null) {
            if (cl != null) {
                return writer.badRequest(c, "bad-framing", "Both Transfer-Encoding and Content-Length",
                    "Send either Content-Length or Transfer-Encoding: chunked, not both.");
            }
            if (!(te.size() == 1 && te.get(0).equalsIgnoreCase("chunked"))) {
                writer.respondNow(c, 501, "transfer-encoding", "Transfer-Encoding not supported",
                    "Only Transfer-Encoding: chunked is supported.");
                return false;
            }
            c.chunked = true;
            c.chunkState = Connection.ChunkState.SIZE;
            c.declared = -1;
            startBody(c, expectContinue);
            return true;
        }
        long length = 0;
        if (cl != null) {
            String value = cl.get(0);
            for (String other : cl) {
                if (!other.equals(value)) {
                    value = "";
                }
            }
            if (!value.matches("[0-9]{1,18}")) {
                return writer.badRequest(c, "bad-content-length", "Malformed Content-Length",
                    "Content-Length must be a whole number of bytes.");
            }
            length = Long.parseLong(value);
        }
        c.chunked = false;
        c.declared = length;
        if (length > maxBodyBytes) {
            c.discarding = true;
            c.discardRemaining = length;
            workers.dispatch(c, RawRequest.Body.TOO_LARGE, length, null);
            return true;
        }
        if (length == 0) {
            workers.dispatch(c, RawRequest.Body.COMPLETE, 0, new byte[0]);
            return true;
        }
        if (!c.reserve(length)) {
            writer.overloaded(c, "bodies");
            return false;
        }
        c.body = new byte[(int) length];
        c.bodyLength = 0;
        startBody(c, expectContinue);
        return true;
    }

    private void startBody(Connection c, boolean expectContinue) throws IOException {
        c.state = Connection.State.BODY;
        c.since = System.nanoTime();
        c.deadline = c.since + limits.bodyTimeout().toNanos();
        if (expectContinue) {
            c.channel.write(ByteBuffer.wrap(CONTINUE)); // 25 bytes into an empty send buffer: written at once
        }
        c.interest();
    }
}
