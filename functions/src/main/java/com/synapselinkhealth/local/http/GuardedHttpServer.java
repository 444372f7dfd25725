package com.synapselinkhealth.local.http;

import com.synapselinkhealth.config.HttpLimits;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
 *
 * <p>The parts: {@code Admission} accepts connections within the bounds, {@code RequestReader} and
 * {@code BodyReader} read requests, {@code WorkerPool} runs the handler, {@code ResponseWriter} writes and lingers,
 * {@code DeadlineSweep} ends what is late, {@code ConnectionTable} keeps count; this class runs the selector loop
 * that drives them.
 */
public final class GuardedHttpServer implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger("linkhealth.http");
    private static final long SWEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

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

    private final ServerSocketChannel listener;
    private final Selector selector;
    private final Thread loop;
    private final HttpCounters counters = new HttpCounters();
    private final ConnectionTable table = new ConnectionTable();
    private final ResponseWriter writer;
    private final WorkerPool workers;
    private final Admission admission;
    private final RequestReader reader;
    private final DeadlineSweep deadlines;
    private long lastSweep;
    private volatile boolean running = true;

    /**
     * @param maxBodyBytes the largest body a request may have; a larger one is answered (by the handler, with
     *     {@link RawRequest.Body#TOO_LARGE}) without being read
     */
    public GuardedHttpServer(InetSocketAddress address, HttpLimits limits, long maxBodyBytes, Handler handler,
                             ProblemFactory problems) throws IOException {
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
        this.writer = new ResponseWriter(limits, problems, table, counters);
        this.workers = new WorkerPool(limits, handler, problems, selector, writer, counters);
        this.admission = new Admission(listener, selector, limits, maxBodyBytes,
            new BodyBudget(limits.maxBufferedBodyBytes()), table, writer, counters);
        this.reader = new RequestReader(limits, maxBodyBytes, table, writer, workers);
        this.deadlines = new DeadlineSweep(limits, table, writer, counters);
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
        return table.open();
    }

    /** Counts since start: connections accepted, refused with 503, closed to make room, timed out. */
    public Map<String, Long> counters() {
        return counters.asMap();
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
                } catch (ClosedSelectorException e) {
                    break;
                } catch (IOException | RuntimeException | OutOfMemoryError e) {
                    // one bad moment must not stop the server: the connections it concerned are closed by their deadlines
                    LOG.log(Level.WARNING, "HTTP server loop: " + e);
                }
            }
        } finally {
            for (Connection c : table.snapshot()) {
                table.close(c);
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
        WorkerPool.Answer done;
        while ((done = workers.nextAnswer()) != null) {
            answer(done.connection(), done.response());
        }
        for (SelectionKey key : selector.selectedKeys()) {
            try {
                if (!key.isValid()) {
                    continue;
                }
                if (key.isAcceptable()) {
                    admission.accept();
                } else {
                    Connection c = (Connection) key.attachment();
                    if (key.isValid() && key.isWritable() && writer.writeSome(c)) {
                        reader.feedPending(c);
                    }
                    if (key.isValid() && key.isReadable()) {
                        reader.readSome(c);
                    }
                }
            } catch (IOException | RuntimeException | OutOfMemoryError e) {
                if (key.attachment() instanceof Connection c) {
                    table.close(c);
                }
            }
        }
        selector.selectedKeys().clear();
        long now = System.nanoTime();
        if (now - lastSweep >= SWEEP_NANOS) {
            lastSweep = now;
            deadlines.sweep(now);
        }
    }

    /** Writes a worker's answer; a connection kept alive goes on to the request the client already sent, if any. */
    private void answer(Connection c, RawResponse response) {
        try {
            if (writer.startWrite(c, response, false)) {
                reader.feedPending(c);
            }
        } catch (IOException e) {
            table.close(c);
        }
    }
}
