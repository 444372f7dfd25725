package com.synapselinkhealth.local.http;

import com.synapselinkhealth.config.HttpLimits;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The HTTP/1.1 server behind {@code ./linkhealth serve}, built so that slow or hostile clients cost a little memory
 * and never a thread. One selector thread does all socket I/O without blocking: it reads the request line, headers
 * and body of every connection as they come (within {@link HttpLimits#headerTimeout()} and
 * {@link HttpLimits#bodyTimeout()}), and only a complete request goes to a worker thread; responses are written back
 * by the same selector thread within {@link HttpLimits#responseTimeout()}. So a client that sends its request a byte
 * at a time, declares a body it never sends, or never reads its answer holds a connection slot until its deadline,
 * and the workers keep serving everyone else.
 *
 * <p>Bounds: connections per client address ({@link HttpLimits#maxConnectionsPerClient()}: a new connection past it
 * closes that address's oldest connection still waiting for its request, else gets 503) and in all
 * ({@link HttpLimits#maxConnections()}: the same, 503 with {@code Retry-After} when nothing can give way); header
 * bytes; bodies larger than the handler's limit are never buffered (answered at once, 413, from the declared length
 * or as soon as a chunked body passes it); all bodies being received at once together
 * ({@link HttpLimits#maxBufferedBodyBytes()}, else 503); requests waiting for a worker
 * ({@link HttpLimits#maxQueuedRequests()}, else 503). Idle keep-alive connections close after
 * {@link HttpLimits#idleTimeout()}.
 *
 * <p>Lingering close: after an early answer (413, or any error that ends the connection) the server shuts down its
 * sending side and keeps reading and discarding what the client still sends, up to {@link HttpLimits#lingerBytes()}
 * and {@link HttpLimits#lingerTime()}, so a client that writes its whole body before reading gets the 413 rather
 * than a connection reset.
 */
public final class GuardedHttpServer implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger("linkhealth.http");
    private static final int MAX_HEADERS = 200;
    private static final int MAX_CHUNK_LINE = 4096;
    private static final int MAX_REJECTING = 64;
    private static final int RETRY_AFTER_SECONDS = 2;
    private static final long SWEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    /** Answers a complete request; runs on a worker thread. */
    @FunctionalInterface
    public interface Handler {
        RawResponse handle(RawRequest request);
    }

    /** Makes the server's own answers (timeouts, overload, malformed requests) as problem documents. */
    @FunctionalInterface
    public interface ProblemFactory {
        RawResponse problem(int status, String type, String title, String detail);
    }

    private enum State { HEAD, BODY, PROCESSING, WRITING, LINGER, CLOSED }

    private final HttpLimits limits;
    private final long maxBodyBytes;
    private final Handler handler;
    private final ProblemFactory problems;
    private final ServerSocketChannel listener;
    private final Selector selector;
    private final ThreadPoolExecutor workers;
    private final Thread loop;
    private final Queue<Runnable> completions = new ConcurrentLinkedQueue<>();
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(64 * 1024);
    private final byte[] readBytes = new byte[64 * 1024];
    // selector thread only:
    private final Set<Connection> connections = new LinkedHashSet<>();
    private final Map<InetAddress, Integer> perClient = new HashMap<>();
    private long bufferedBodyBytes;
    private int rejecting;
    private long lastSweep;
    private volatile boolean running = true;
    private volatile int open;

    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong evicted = new AtomicLong();
    private final AtomicLong timedOut = new AtomicLong();

    /**
     * @param maxBodyBytes the largest body a request may have; a larger one is answered (by the handler, with
     *     {@link RawRequest.Body#TOO_LARGE}) without being read
     */
    public GuardedHttpServer(InetSocketAddress address, HttpLimits limits, long maxBodyBytes, Handler handler,
                             ProblemFactory problems) throws IOException {
        this.limits = limits;
        this.maxBodyBytes = maxBodyBytes;
        this.handler = handler;
        this.problems = problems;
        this.selector = Selector.open();
        this.listener = ServerSocketChannel.open();
        try {
            listener.bind(address, 1024);
            listener.configureBlocking(false);
            listener.register(selector, SelectionKey.OP_ACCEPT);
        } catch (IOException e) {
            listener.close();
            selector.close();
            throw e;
        }
        AtomicLong threads = new AtomicLong();
        this.workers = new ThreadPoolExecutor(limits.workers(), limits.workers(), 30, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(limits.maxQueuedRequests()), r -> {
                Thread t = new Thread(r, "linkhealth-http-" + threads.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        workers.allowCoreThreadTimeOut(true);
        this.loop = new Thread(this::run, "linkhealth-http-io");
        loop.setDaemon(true);
    }

    public GuardedHttpServer start() {
        loop.start();
        return this;
    }

    public InetSocketAddress address() {
        try {
            return (InetSocketAddress) listener.getLocalAddress();
        } catch (IOException e) {
            throw new IllegalStateException("the listener is closed", e);
        }
    }

    /** Connections open now. */
    public int openConnections() {
        return open;
    }

    /** Counts since start: connections accepted, refused with 503, closed to make room, timed out. */
    public Map<String, Long> counters() {
        return Map.of("accepted", accepted.get(), "refused", refused.get(), "evicted", evicted.get(),
            "timedOut", timedOut.get());
    }

    @Override
    public void close() {
        running = false;
        selector.wakeup();
        try {
            loop.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        workers.shutdownNow();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // the selector thread

    private void run() {
        try {
            while (running) {
                try {
                    once();
                } catch (java.nio.channels.ClosedSelectorException e) {
                    break;
                } catch (IOException | RuntimeException | OutOfMemoryError e) {
                    // one bad moment must not stop the server: the connections it concerned are closed by their deadlines
                    LOG.log(Level.WARNING, "HTTP server loop: " + e);
                }
            }
        } finally {
            for (Connection c : new ArrayList<>(connections)) {
                close(c);
            }
            try {
                listener.close();
                selector.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }

    private void once() throws IOException {
        selector.select(100);
        Runnable done;
        while ((done = completions.poll()) != null) {
            done.run();
        }
        for (SelectionKey key : selector.selectedKeys()) {
            try {
                if (!key.isValid()) {
                    continue;
                }
                if (key.isAcceptable()) {
                    accept();
                } else {
                    Connection c = (Connection) key.attachment();
                    if (key.isValid() && key.isWritable()) {
                        writeSome(c);
                    }
                    if (key.isValid() && key.isReadable()) {
                        readSome(c);
                    }
                }
            } catch (IOException | RuntimeException | OutOfMemoryError e) {
                if (key.attachment() instanceof Connection c) {
                    close(c);
                }
            }
        }
        selector.selectedKeys().clear();
        long now = System.nanoTime();
        if (now - lastSweep >= SWEEP_NANOS) {
            lastSweep = now;
            sweep(now);
        }
    }

    private void accept() throws IOException {
        SocketChannel channel;
        while ((channel = listener.accept()) != null) {
            accepted.incrementAndGet();
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
            if (connections.size() - rejecting >= limits.maxConnections()) {
                room = evictOldestWaiting(null);
            }
            if (room && perClient.getOrDefault(client, 0) >= limits.maxConnectionsPerClient()) {
                room = evictOldestWaiting(client);
            }
            Connection c = new Connection(channel, client);
            c.key = channel.register(selector, SelectionKey.OP_READ, c);
            connections.add(c);
            open = connections.size();
            if (!room) {
                refused.incrementAndGet();
                if (rejecting >= MAX_REJECTING) {
                    close(c);
                    continue;
                }
                rejecting++;
                c.rejecting = true;
                respondNow(c, 503, "overloaded", "Too many connections",
                    "The server holds as many connections as it allows; try again in " + RETRY_AFTER_SECONDS + " s.");
                continue;
            }
            c.admitted = true;
            perClient.merge(client, 1, Integer::sum);
            c.startHead(System.nanoTime(), false);
        }
    }

    /**
     * Closes a connection (of {@code client}, or any) to make room: one that is only lingering after its answer, else
     * the one that has waited longest for its request; false when none can give way (all are receiving a body, being
     * worked on or written to).
     */
    private boolean evictOldestWaiting(InetAddress client) {
        Connection oldest = null;
        for (Connection c : connections) {
            if (c.admitted && (c.state == State.HEAD || c.state == State.LINGER)
                && (client == null || client.equals(c.client))
                && (oldest == null || rank(c) < rank(oldest) || (rank(c) == rank(oldest) && c.since < oldest.since))) {
                oldest = c;
            }
        }
        if (oldest == null) {
            return false;
        }
        evicted.incrementAndGet();
        close(oldest);
        return true;
    }

    private static int rank(Connection c) {
        return c.state == State.LINGER ? 0 : 1;
    }

    private void readSome(Connection c) throws IOException {
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

    private void feed(Connection c, byte[] bytes, int off, int len) throws IOException {
        if (c.discarding || c.state == State.LINGER) {
            discard(c, len);
            return;
        }
        switch (c.state) {
            case HEAD -> feedHead(c, bytes, off, len);
            case BODY -> feedBody(c, bytes, off, len);
            default -> c.keepPending(bytes, off, len); // pipelined: kept for after this response
        }
    }

    private void discard(Connection c, long len) {
        c.discarded += len;
        if (c.discardRemaining > 0) {
            c.discardRemaining -= len;
            if (c.discardRemaining <= 0 && c.state != State.LINGER) {
                c.discarding = false;
                interest(c);
            }
        }
        if (c.discarded > limits.lingerBytes()) {
            close(c);
        }
    }

    private void endOfInput(Connection c) {
        c.inputEnded = true;
        switch (c.state) {
            case BODY -> {
                dispatch(c, RawRequest.Body.INCOMPLETE, c.declared, null);
            }
            case PROCESSING, WRITING -> {
                c.discarding = false;
                interest(c);
            }
            default -> close(c);
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
                respondNow(c, 431, "headers-too-large", "Request header fields too large",
                    "The request line and headers are larger than " + limits.maxHeaderBytes() + " bytes.");
            }
            return;
        }
        byte[] rest = java.util.Arrays.copyOfRange(c.head, end, c.headLength);
        String head = new String(c.head, 0, end, StandardCharsets.ISO_8859_1);
        c.headLength = 0;
        c.head = new byte[0];
        if (!parseHead(c, head)) {
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

    /** Reads the request line and headers; false when it answered the request itself. */
    private boolean parseHead(Connection c, String head) throws IOException {
        String[] lines = head.split("\r?\n");
        int first = 0;
        while (first < lines.length && lines[first].isEmpty()) {
            first++; // blank lines before a request line are ignored (RFC 9112 2.2)
        }
        if (first >= lines.length) {
            c.startHead(System.nanoTime(), true);
            return false;
        }
        String[] parts = lines[first].split(" ", -1);
        if (parts.length != 3 || !parts[0].matches("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,32}")) {
            return badRequest(c, "bad-request-line", "Malformed request line",
                "The request line must be METHOD SP target SP HTTP/1.1.");
        }
        if (!parts[2].equals("HTTP/1.1") && !parts[2].equals("HTTP/1.0")) {
            respondNow(c, 505, "http-version", "HTTP version not supported", "Use HTTP/1.1.");
            return false;
        }
        c.method = parts[0].toUpperCase(Locale.ROOT);
        String target = parts[1];
        try {
            URI uri = new URI(target);
            if (target.startsWith("/")) {
                c.rawPath = uri.getRawPath();
                c.rawQuery = uri.getRawQuery();
            } else if (uri.isAbsolute() && uri.getRawPath() != null && uri.getRawPath().startsWith("/")) {
                c.rawPath = uri.getRawPath();
                c.rawQuery = uri.getRawQuery();
            } else {
                throw new URISyntaxException(target, "not a path");
            }
        } catch (URISyntaxException e) {
            return badRequest(c, "bad-request-target", "Malformed request target",
                "The request target is not a valid path and query.");
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        int count = 0;
        for (int i = first + 1; i < lines.length; i++) {
            String line = lines[i];
            int colon = line.indexOf(':');
            if (line.startsWith(" ") || line.startsWith("\t") || colon <= 0
                || !line.substring(0, colon).matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
                return badRequest(c, "bad-header", "Malformed header", "Header line " + (i - first)
                    + " is not 'Name: value'.");
            }
            if (++count > MAX_HEADERS) {
                respondNow(c, 431, "headers-too-large", "Request header fields too large",
                    "The request has more than " + MAX_HEADERS + " headers.");
                return false;
            }
            headers.computeIfAbsent(line.substring(0, colon).toLowerCase(Locale.ROOT), k -> new ArrayList<>(1))
                .add(line.substring(colon + 1).strip());
        }
        c.headers = headers;
        c.keepAlive = parts[2].equals("HTTP/1.1") && !hasToken(headers.get("connection"), "close");
        List<String> te = headers.get("transfer-encoding");
        List<String> cl = headers.get("content-length");
        boolean expectContinue = hasToken(headers.get("expect"), "100-continue");
        if (te != null) {
            if (cl != null) {
                return badRequest(c, "bad-framing", "Both Transfer-Encoding and Content-Length",
                    "Send either Content-Length or Transfer-Encoding: chunked, not both.");
            }
            if (!(te.size() == 1 && te.get(0).equalsIgnoreCase("chunked"))) {
                respondNow(c, 501, "transfer-encoding", "Transfer-Encoding not supported",
                    "Only Transfer-Encoding: chunked is supported.");
                return false;
            }
            c.chunked = true;
            c.chunkState = ChunkState.SIZE;
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
                return badRequest(c, "bad-content-length", "Malformed Content-Length",
                    "Content-Length must be a whole number of bytes.");
            }
            length = Long.parseLong(value);
        }
        c.chunked = false;
        c.declared = length;
        if (length > maxBodyBytes) {
            c.discarding = true;
            c.discardRemaining = length;
            dispatch(c, RawRequest.Body.TOO_LARGE, length, null);
            return true;
        }
        if (length == 0) {
            dispatch(c, RawRequest.Body.COMPLETE, 0, new byte[0]);
            return true;
        }
        if (!c.reserve(length)) {
            overloaded(c, "bodies");
            return false;
        }
        c.body = new byte[(int) length];
        c.bodyLength = 0;
        startBody(c, expectContinue);
        return true;
    }

    private void startBody(Connection c, boolean expectContinue) throws IOException {
        c.state = State.BODY;
        c.since = System.nanoTime();
        c.deadline = c.since + limits.bodyTimeout().toNanos();
        if (expectContinue) {
            c.channel.write(ByteBuffer.wrap(CONTINUE)); // 25 bytes into an empty send buffer: written at once
        }
        interest(c);
    }

    private static boolean hasToken(List<String> values, String token) {
        if (values != null) {
            for (String v : values) {
                for (String t : v.split(",")) {
                    if (t.strip().equalsIgnoreCase(token)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private boolean badRequest(Connection c, String type, String title, String detail) {
        respondNow(c, 400, type, title, detail);
        return false;
    }

    private void overloaded(Connection c, String what) {
        refused.incrementAndGet();
        respondNow(c, 503, "overloaded", "The server is busy", "The server is receiving or working as many "
            + what + " as it allows; try again in " + RETRY_AFTER_SECONDS + " s.");
    }

    private void feedBody(Connection c, byte[] bytes, int off, int len) throws IOException {
        if (!c.chunked) {
            int take = (int) Math.min(len, c.body.length - c.bodyLength);
            System.arraycopy(bytes, off, c.body, c.bodyLength, take);
            c.bodyLength += take;
            if (c.bodyLength == c.body.length) {
                byte[] body = c.body;
                c.body = null;
                dispatch(c, RawRequest.Body.COMPLETE, body.length, body);
                if (take < len) {
                    c.keepPending(bytes, off + take, len - take);
                }
            }
            return;
        }
        int i = off;
        int end = off + len;
        while (i < end && c.state == State.BODY) {
            switch (c.chunkState) {
                case SIZE, DATA_END, TRAILER -> {
                    byte b = bytes[i++];
                    if (b != '\n') {
                        if (c.chunkLine.length() >= MAX_CHUNK_LINE) {
                            badRequest(c, "bad-chunk", "Malformed chunked body", "A chunk line is too long.");
                            return;
                        }
                        c.chunkLine.append((char) (b & 0xff));
                        continue;
                    }
                    String line = c.chunkLine.toString().strip();
                    c.chunkLine.setLength(0);
                    if (c.chunkState == ChunkState.DATA_END) {
                        if (!line.isEmpty()) {
                            badRequest(c, "bad-chunk", "Malformed chunked body", "A chunk does not end with CRLF.");
                            return;
                        }
                        c.chunkState = ChunkState.SIZE;
                    } else if (c.chunkState == ChunkState.TRAILER) {
                        if (line.isEmpty()) {
                            byte[] body = java.util.Arrays.copyOf(c.body == null ? new byte[0] : c.body, c.bodyLength);
                            c.body = null;
                            dispatch(c, RawRequest.Body.COMPLETE, body.length, body);
                            if (i < end) {
                                c.keepPending(bytes, i, end - i);
                            }
                            return;
                        }
                    } else {
                        int semi = line.indexOf(';');
                        String hex = (semi < 0 ? line : line.substring(0, semi)).strip();
                        if (!hex.matches("[0-9A-Fa-f]{1,15}")) {
                            badRequest(c, "bad-chunk", "Malformed chunked body", "A chunk size is not hexadecimal.");
                            return;
                        }
                        long size = Long.parseLong(hex, 16);
                        if (size == 0) {
                            c.chunkState = ChunkState.TRAILER;
                        } else if (c.bodyLength + size > maxBodyBytes) {
                            c.discarding = true;
                            c.discardRemaining = -1;
                                        dispatch(c, RawRequest.Body.TOO_LARGE, c.bodyLength + size, null);
                            return;
                        } else {
                            c.chunkRemaining = size;
                            c.chunkState = ChunkState.DATA;
                            if (!c.growBody(c.bodyLength + size)) {
                                overloaded(c, "bodies");
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
                        c.chunkState = ChunkState.DATA_END;
                    }
                }
            }
        }
    }

    /** Hands a complete request to a worker; its response comes back through {@link #completions}. */
    private void dispatch(Connection c, RawRequest.Body state, long length, byte[] body) {
        RawRequest request = new RawRequest(c.method, c.rawPath, c.rawQuery, c.headers, body, state, length, c.client);
        c.state = State.PROCESSING;
        c.since = System.nanoTime();
        c.deadline = Long.MAX_VALUE;
        c.closeAfter = !c.keepAlive || state != RawRequest.Body.COMPLETE;
        interest(c);
        try {
            workers.execute(() -> {
                RawResponse response;
                try {
                    response = handler.handle(request);
                } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
                    LOG.log(Level.SEVERE, "unexpected error serving a request", e);
                    response = problems.problem(500, "internal", "Internal error",
                        "The server failed unexpectedly; nothing was accepted.");
                }
                RawResponse answer = response;
                completions.add(() -> startWrite(c, answer, false));
                selector.wakeup();
            });
        } catch (RejectedExecutionException e) {
            refused.incrementAndGet();
            startWrite(c, withRetryAfter(problems.problem(503, "overloaded", "The server is busy",
                "As many requests as the server allows are waiting; try again in " + RETRY_AFTER_SECONDS + " s.")), true);
        }
    }

    private static RawResponse withRetryAfter(RawResponse r) {
        Map<String, String> headers = new LinkedHashMap<>(r.headers());
        headers.put("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
        return new RawResponse(r.status(), headers, r.body());
    }

    /** Answers from the selector thread (no worker) and closes the connection after writing. */
    private void respondNow(Connection c, int status, String type, String title, String detail) {
        RawResponse response = problems.problem(status, type, title, detail);
        if (status == 503) {
            response = withRetryAfter(response);
        }
        c.discarding = c.state == State.HEAD || c.state == State.BODY;
        c.discardRemaining = -1;
        startWrite(c, response, true);
    }

    private void startWrite(Connection c, RawResponse response, boolean close) {
        if (c.state == State.CLOSED) {
            return;
        }
        c.releaseReserved();
        c.body = null;
        c.closeAfter |= close;
        c.out = ByteBuffer.wrap(serialize(response, c.closeAfter, "HEAD".equals(c.method)));
        c.state = State.WRITING;
        c.since = System.nanoTime();
        long limit = close ? Math.min(limits.responseTimeout().toNanos(), limits.lingerTime().toNanos())
            : limits.responseTimeout().toNanos();
        c.deadline = c.since + limit;
        try {
            writeSome(c);
        } catch (IOException e) {
            close(c);
        }
    }

    private void writeSome(Connection c) throws IOException {
        if (c.state != State.WRITING) {
            interest(c);
            return;
        }
        c.channel.write(c.out);
        if (c.out.hasRemaining()) {
            interest(c);
            return;
        }
        c.out = null;
        if (c.closeAfter || c.inputEnded) {
            linger(c);
            return;
        }
        c.startHead(System.nanoTime(), true);
        if (c.pending != null) {
            byte[] pending = c.pending;
            c.pending = null;
            feed(c, pending, 0, pending.length);
        }
    }

    /** Sends FIN, then reads and drops what the client still sends, within the linger bounds, then closes. */
    private void linger(Connection c) {
        if (c.inputEnded) {
            close(c);
            return;
        }
        try {
            c.channel.shutdownOutput();
        } catch (IOException e) {
            close(c);
            return;
        }
        c.state = State.LINGER;
        c.deadline = System.nanoTime() + limits.lingerTime().toNanos();
        interest(c);
    }

    private void sweep(long now) {
        for (Connection c : new ArrayList<>(connections)) {
            if (now - c.deadline < 0) {
                continue;
            }
            switch (c.state) {
                case HEAD -> {
                    if (c.headStarted || !c.afterResponse) {
                        timedOut.incrementAndGet();
                        respondNow(c, 408, "request-timeout", "Request timeout", "The request line and headers did "
                            + "not arrive within " + limits.headerTimeout().toSeconds() + " s.");
                    } else {
                        close(c); // an idle keep-alive connection
                    }
                }
                case BODY -> {
                    timedOut.incrementAndGet();
                    respondNow(c, 408, "request-timeout", "Request timeout", "The body did not arrive within "
                        + limits.bodyTimeout().toSeconds() + " s.");
                }
                default -> {
                    if (c.state == State.WRITING) {
                        timedOut.incrementAndGet();
                    }
                    close(c);
                }
            }
        }
    }

    private void interest(Connection c) {
        if (c.state == State.CLOSED || !c.key.isValid()) {
            return;
        }
        int ops = switch (c.state) {
            case HEAD, BODY, LINGER -> SelectionKey.OP_READ;
            case PROCESSING -> c.discarding ? SelectionKey.OP_READ : 0;
            case WRITING -> SelectionKey.OP_WRITE | (c.discarding ? SelectionKey.OP_READ : 0);
            case CLOSED -> 0;
        };
        if (c.inputEnded) {
            ops &= ~SelectionKey.OP_READ;
        }
        c.key.interestOps(ops);
    }

    private void close(Connection c) {
        if (c.state == State.CLOSED) {
            return;
        }
        c.state = State.CLOSED;
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

    private static byte[] serialize(RawResponse r, boolean close, boolean headOnly) {
        StringBuilder h = new StringBuilder(256);
        h.append("HTTP/1.1 ").append(r.status()).append(' ').append(reason(r.status())).append("\r\n");
        h.append("Date: ").append(DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)))
            .append("\r\n");
        r.headers().forEach((k, v) -> {
            String name = k.toLowerCase(Locale.ROOT);
            if (!name.equals("content-length") && !name.equals("connection") && !name.equals("transfer-encoding")
                && !name.equals("date") && k.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+") && v != null) {
                h.append(k).append(": ").append(v.replaceAll("[\\r\\n]", " ")).append("\r\n");
            }
        });
        boolean noBody = r.status() == 204 || r.status() == 304 || r.status() < 200;
        if (!noBody) {
            h.append("Content-Length: ").append(r.body().length).append("\r\n");
        }
        if (close) {
            h.append("Connection: close\r\n");
        }
        h.append("\r\n");
        byte[] head = h.toString().getBytes(StandardCharsets.UTF_8);
        if (noBody || headOnly || r.body().length == 0) {
            return head;
        }
        byte[] all = java.util.Arrays.copyOf(head, head.length + r.body().length);
        System.arraycopy(r.body(), 0, all, head.length, r.body().length);
        return all;
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 201 -> "Created";
            case 202 -> "Accepted";
            case 204 -> "No Content";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 408 -> "Request Timeout";
            case 409 -> "Conflict";
            case 413 -> "Content Too Large";
            case 415 -> "Unsupported Media Type";
            case 422 -> "Unprocessable Content";
            case 429 -> "Too Many Requests";
            case 431 -> "Request Header Fields Too Large";
            case 500 -> "Internal Server Error";
            case 501 -> "Not Implemented";
            case 503 -> "Service Unavailable";
            case 505 -> "HTTP Version Not Supported";
            default -> "Status";
        };
    }

    private enum ChunkState { SIZE, DATA, DATA_END, TRAILER }

    /** One client connection; touched by the selector thread only. */
    private final class Connection {
        final SocketChannel channel;
        final InetAddress client;
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

        Connection(SocketChannel channel, InetAddress client) {
            this.channel = channel;
            this.client = client;
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
            interest(this);
        }

        void appendHead(byte[] bytes, int off, int len, int cap) {
            int take = Math.min(len, Math.max(0, cap - headLength));
            if (headLength + take > head.length) {
                head = java.util.Arrays.copyOf(head, Math.min(cap, Math.max(headLength + take, head.length * 2 + 256)));
            }
            System.arraycopy(bytes, off, head, headLength, take);
            headLength += take;
        }

        void keepPending(byte[] bytes, int off, int len) {
            int have = pending == null ? 0 : pending.length;
            if (have + len > limits.maxHeaderBytes() + maxBodyBytes) {
                close(this);
                return;
            }
            byte[] more = pending == null ? new byte[len] : java.util.Arrays.copyOf(pending, have + len);
            System.arraycopy(bytes, off, more, have, len);
            pending = more;
        }

        boolean reserve(long bytes) {
            if (bufferedBodyBytes + bytes > limits.maxBufferedBodyBytes()) {
                return false;
            }
            bufferedBodyBytes += bytes;
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
            body = body == null ? new byte[(int) next] : java.util.Arrays.copyOf(body, (int) next);
            return true;
        }

        void releaseReserved() {
            bufferedBodyBytes -= reserved;
            reserved = 0;
        }
    }
}
