package com.synapselinkhealth.local.http;

import java.util.Arrays;

/**
 * Reads a request's body on the selector thread as its bytes come, into a buffer taken from the body budget: a
 * Content-Length body straight in, a chunked one chunk by chunk (growing its buffer as chunks come, and answering 413
 * as soon as it passes the handler's limit). A complete body goes to the {@link WorkerPool}; bytes after it (the next
 * request, pipelined) are kept for after the response.
 */
final class BodyReader {
    private static final int MAX_CHUNK_LINE = 4096;

    private final long maxBodyBytes;
    private final ConnectionTable table;
    private final ResponseWriter writer;
    private final WorkerPool workers;

    BodyReader(long maxBodyBytes, ConnectionTable table, ResponseWriter writer, WorkerPool workers) {
        this.maxBodyBytes = maxBodyBytes;
        this.table = table;
        this.writer = writer;
        this.workers = workers;
    }

    /** Takes the body bytes that arrived now. */
    void feed(Connection c, byte[] bytes, int off, int len) {
        if (!c.chunked) {
            int take = (int) Math.min(len, c.body.length - c.bodyLength);
            System.arraycopy(bytes, off, c.body, c.bodyLength, take);
            c.bodyLength += take;
            if (c.bodyLength == c.body.length) {
                byte[] body = c.body;
                c.body = null;
                workers.dispatch(c, RawRequest.Body.COMPLETE, body.length, body);
                if (take < len) {
                    keepPending(c, bytes, off + take, len - take);
                }
            }
            return;
        }
        int i = off;
        int end = off + len;
        while (i < end && c.state == Connection.State.BODY) {
            switch (c.chunkState) {
                case SIZE, DATA_END, TRAILER -> {
                    byte b = bytes[i++];
                    if (b != '\n') {
                        if (c.chunkLine.length() >= MAX_CHUNK_LINE) {
                            writer.badRequest(c, "bad-chunk", "Malformed chunked body", "A chunk line is too long.");
                            return;
                        }
                        c.chunkLine.append((char) (b & 0xff));
                        continue;
                    }
                    String line = c.chunkLine.toString().strip();
                    c.chunkLine.setLength(0);
                    if (c.chunkState == Connection.ChunkState.DATA_END) {
                        if (!line.isEmpty()) {
                            writer.badRequest(c, "bad-chunk", "Malformed chunked body",
                                "A chunk does not end with CRLF.");
                            return;
                        }
                        c.chunkState = Connection.ChunkState.SIZE;
                    } else if (c.chunkState == Connection.ChunkState.TRAILER) {
                        if (line.isEmpty()) {
                            byte[] body = Arrays.copyOf(c.body == null ? new byte[0] : c.body, c.bodyLength);
                            c.body = null;
                            workers.dispatch(c, RawRequest.Body.COMPLETE, body.length, body);
                            if (i < end) {
                                keepPending(c, bytes, i, end - i);
                            }
                            return;
                        }
                    } else {
                        int semi = line.indexOf(';');
                        String hex = (semi < 0 ? line : line.substring(0, semi)).strip();
                        if (!hex.matches("[0-9A-Fa-f]{1,15}")) {
                            writer.badRequest(c, "bad-chunk", "Malformed chunked body",
                                "A chunk size is not hexadecimal.");
                            return;
                        }
                        long size = Long.parseLong(hex, 16);
                        if (size == 0) {
                            c.chunkState = Connection.ChunkState.TRAILER;
                        } else if (c.bodyLength + size > maxBodyBytes) {
                            c.discarding = true;
                            c.discardRemaining = -1;
                            workers.dispatch(c, RawRequest.Body.TOO_LARGE, c.bodyLength + size, null);
                            return;
                        } else {
                            c.chunkRemaining = size;
                            c.chunkState = Connection.ChunkState.DATA;
                            if (!c.growBody(c.bodyLength + size)) {
                                writer.overloaded(c, "bodies");
                                return;
                            }
                        }
                    }
                }
                case DATA -> {
                    int take = (int) Math.min(end - i, c.chunkRemaining);
                    System.arraycopy(bytes, i, c.body, c.bodyLength, take);
                    c.bodyLength += take;
                    c.chunkRemaining -= take;
                    i += take;
                    if (c.chunkRemaining == 0) {
                        c.chunkState = Connection.ChunkState.DATA_END;
                    }
                }
            }
        }
    }

    /** Keeps the bytes of a next request (pipelined) for after the response; closes when they are too many. */
    private void keepPending(Connection c, byte[] bytes, int off, int len) {
        if (!c.keepPending(bytes, off, len)) {
            table.close(c);
        }
    }
}
