package com.synapselinkhealth.local.http;

import com.synapselinkhealth.config.HttpLimits;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One client connection of {@link GuardedHttpServer}: where it is in its request and response, its deadline, what it
 * has received so far and the share of the body budget it holds. Touched by the selector thread only.
 */
final class Connection {
    /** Where a connection is: reading a head or a body, waiting for a worker, writing, lingering, or closed. */
    enum State { HEAD, BODY, PROCESSING, WRITING, LINGER, CLOSED }

    /** Where a chunked body is: at a size line, in chunk data, at the CRLF after data, in the trailer. */
    enum ChunkState { SIZE, DATA, DATA_END, TRAILER }

    final SocketChannel channel;
    final InetAddress client;
    private final HttpLimits limits;
    private final long maxBodyBytes;
    private final BodyBudget budget;
    SelectionKey key;
    State state = State.HEAD;
    long since = System.nanoTime();
    long deadline;
    boolean admitted;
    boolean rejecting;
    boolean headStarted;
    boolean afterResponse;
    boolean inputEnded;
    byte[] head = new byte[0];
    int headLength;
    byte[] pending;
    String method;
    String rawPath;
    String rawQuery;
    Map<String, List<String>> headers = Map.of();
    boolean keepAlive;
    boolean closeAfter;
    long declared;
    byte[] body;
    int bodyLength;
    boolean chunked;
    ChunkState chunkState;
    long chunkRemaining;
    final StringBuilder chunkLine = new StringBuilder();
    long reserved;
    boolean discarding;
    long discardRemaining;
    long discarded;
    ByteBuffer out;

    Connection(SocketChannel channel, InetAddress client, HttpLimits limits, long maxBodyBytes, BodyBudget budget) {
        this.channel = channel;
        this.client = client;
        this.limits = limits;
        this.maxBodyBytes = maxBodyBytes;
        this.budget = budget;
    }

    /** Waits for the next request: the header timeout for a new one, the idle timeout after a response. */
    void startHead(long now, boolean afterResponse) {
        state = State.HEAD;
        since = now;
        this.afterResponse = afterResponse;
        headStarted = false;
        head = new byte[0];
        headLength = 0;
        method = null;
        headers = Map.of();
        chunked = false;
        chunkLine.setLength(0);
        bodyLength = 0;
        discarded = 0;
        closeAfter = false;
        deadline = now + (afterResponse ? limits.idleTimeout() : limits.headerTimeout()).toNanos();
        interest();
    }

    void appendHead(byte[] bytes, int off, int len, int cap) {
        int take = Math.min(len, Math.max(0, cap - headLength));
        if (headLength + take > head.length) {
            head = Arrays.copyOf(head, Math.min(cap, Math.max(headLength + take, head.length * 2 + 256)));
        }
        System.arraycopy(bytes, off, head, headLength, take);
        headLength += take;
    }

    /**
     * Keeps pipelined bytes for after the current response; false (nothing kept) when they would be more than one
     * request may be, and the connection must close.
     */
    boolean keepPending(byte[] bytes, int off, int len) {
        int have = pending == null ? 0 : pending.length;
        if (have + len > limits.maxHeaderBytes() + maxBodyBytes) {
            return false;
        }
        byte[] more = pending == null ? new byte[len] : Arrays.copyOf(pending, have + len);
        System.arraycopy(bytes, off, more, have, len);
        pending = more;
        return true;
    }

    boolean reserve(long bytes) {
        if (!budget.reserve(bytes)) {
            return false;
        }
        reserved += bytes;
        return true;
    }

    /** Makes room for {@code size} body bytes (chunked), within the body budget; false when over it. */
    boolean growBody(long size) {
        int have = body == null ? 0 : body.length;
        if (size <= have) {
            return true;
        }
        long next = Math.min(maxBodyBytes, Math.max(size, Math.min((long) have * 2, maxBodyBytes)));
        if (!reserve(next - have)) {
            return false;
        }
        body = body == null ? new byte[(int) next] : Arrays.copyOf(body, (int) next);
        return true;
    }

    void releaseReserved() {
        budget.release(reserved);
        reserved = 0;
    }

    /** Sets the selector's interest to what this connection's state waits for. */
    void interest() {
        if (state == State.CLOSED || !key.isValid()) {
            return;
        }
        int ops = switch (state) {
            case HEAD, BODY, LINGER -> SelectionKey.OP_READ;
            case PROCESSING -> discarding ? SelectionKey.OP_READ : 0;
            case WRITING -> SelectionKey.OP_WRITE | (discarding ? SelectionKey.OP_READ : 0);
            case CLOSED -> 0;
        };
        if (inputEnded) {
            ops &= ~SelectionKey.OP_READ;
        }
        key.interestOps(ops);
    }
}
