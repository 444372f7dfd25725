package com.synapselinkhealth.local.http;

import com.synapselinkhealth.config.HttpLimits;
import java.nio.channels.Selector;
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The worker threads that run the handler on complete requests: {@link HttpLimits#workers()} of them, with at most
 * {@link HttpLimits#maxQueuedRequests()} requests waiting (past that, 503 with {@code Retry-After}). A worker's answer
 * goes back to the selector thread, which writes it.
 */
final class WorkerPool {
    private static final Logger LOG = Logger.getLogger("linkhealth.http");

    /** A worker's answer to a connection's request, for the selector thread to write. */
    record Answer(Connection connection, RawResponse response) {
    }

    private final ThreadPoolExecutor workers;
    private final GuardedHttpServer.Handler handler;
    private final GuardedHttpServer.ProblemFactory problems;
    private final Selector selector;
    private final ResponseWriter writer;
    private final HttpCounters counters;
    private final Queue<Answer> answers = new ConcurrentLinkedQueue<>();

    WorkerPool(HttpLimits limits, GuardedHttpServer.Handler handler, GuardedHttpServer.ProblemFactory problems,
               Selector selector, ResponseWriter writer, HttpCounters counters) {
        this.handler = handler;
        this.problems = problems;
        this.selector = selector;
        this.writer = writer;
        this.counters = counters;
        AtomicLong threads = new AtomicLong();
        this.workers = new ThreadPoolExecutor(limits.workers(), limits.workers(), 30, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(limits.maxQueuedRequests()), r -> {
                Thread t = new Thread(r, "linkhealth-http-" + threads.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        workers.allowCoreThreadTimeOut(true);
    }

    /** Hands a complete request to a worker; its answer comes back through {@link #nextAnswer()}. */
    void dispatch(Connection c, RawRequest.Body state, long length, byte[] body) {
        RawRequest request = new RawRequest(c.method, c.rawPath, c.rawQuery, c.headers, body, state, length, c.client);
        c.state = Connection.State.PROCESSING;
        c.since = System.nanoTime();
        c.deadline = Long.MAX_VALUE;
        c.closeAfter = !c.keepAlive || state != RawRequest.Body.COMPLETE;
        c.interest();
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
                answers.add(new Answer(c, response));
                selector.wakeup();
            });
        } catch (RejectedExecutionException e) {
            counters.refused.incrementAndGet();
            writer.startWrite(c, ResponseWriter.withRetryAfter(problems.problem(503, "overloaded", "The server is busy",
                "As many requests as the server allows are waiting; try again in "
                    + ResponseWriter.RETRY_AFTER_SECONDS + " s.")), true);
        }
    }

    /** The next answer a worker finished, or null. */
    Answer nextAnswer() {
        return answers.poll();
    }

    void shutdownNow() {
        workers.shutdownNow();
    }
}
