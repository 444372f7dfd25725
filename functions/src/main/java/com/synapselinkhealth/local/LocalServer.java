package com.synapselinkhealth.local;

import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatus;
import com.synapselinkhealth.app.EntryPoints;
import com.synapselinkhealth.app.LinkHealth;
import com.synapselinkhealth.app.LocalQueues;
import com.synapselinkhealth.config.HttpLimits;
import com.synapselinkhealth.config.NcrontabSchedule;
import com.synapselinkhealth.dataverse.MalformedCallbackException;
import com.synapselinkhealth.functions.DataverseWebhookFunction;
import com.synapselinkhealth.functions.DeliverEventFunction;
import com.synapselinkhealth.functions.IngestQueueFunction;
import com.synapselinkhealth.functions.Problems;
import com.synapselinkhealth.local.host.LocalExecutionContext;
import com.synapselinkhealth.local.host.LocalHttpRequest;
import com.synapselinkhealth.local.host.LocalOutputBinding;
import com.synapselinkhealth.local.http.GuardedHttpServer;
import com.synapselinkhealth.local.http.RawRequest;
import com.synapselinkhealth.local.http.RawResponse;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Hosts the app's function classes over HTTP on this machine, without Azure or Core Tools: the webhook route
 * (FUNCTION level, with the host's key rules when a key is set), an ingest queue feeding the queue-triggered
 * processor with the host's retry and poison semantics (in this process; or, with storage configured, the Azure
 * Storage queues the Functions host uses, ingest and delivery: see {@link LocalQueues}), and the timers
 * ({@link LocalTimers}).
 */
public final class LocalServer implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger("linkhealth.server");
    static final String WEBHOOK_PATH = "/api/" + DataverseWebhookFunction.ROUTE;
    static final String HEALTH_PATH = "/api/health";
    static final String API_PREFIX = "/api/";
    private static final java.util.regex.Pattern HOST_HEADER =
        java.util.regex.Pattern.compile("^(\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9](?:[A-Za-z0-9.-]{0,252}))(:[0-9]{1,5})?$");

    private final LinkHealth app;
    private final FunctionKey key;
    private final GuardedHttpServer server;
    private final LocalQueues queues;
    private final LocalTimers timers;
    private final DataverseWebhookFunction webhook;
    private final List<LocalRoute> routes;

    /**
     * @param functionKey the key FUNCTION-level routes require, or {@code null} to run open
     * @param stallCheckSeconds how often the stall timer runs; 0 to not run it
     */
    public LocalServer(LinkHealth app, String host, int port, String functionKey, long stallCheckSeconds) throws IOException {
        this.app = app;
        this.key = functionKey == null ? null : new FunctionKey(functionKey);
        EntryPoints functions = EntryPoints.of(app);
        this.webhook = functions.create(DataverseWebhookFunction.class);
        IngestQueueFunction processor = functions.create(IngestQueueFunction.class);
        DeliverEventFunction deliver = functions.create(DeliverEventFunction.class);
        this.queues = LocalQueues.open(app, (message, dequeueCount) ->
                processor.run(message, dequeueCount, new LocalExecutionContext("ProcessIngestQueue")),
            (message, dequeueCount) -> deliver.run(message, dequeueCount, new LocalExecutionContext("DeliverEvent")));
        this.routes = LocalRoutes.of(app, this);
        // slow and hostile clients cost a connection slot until their deadline, never a thread (see GuardedHttpServer)
        this.server = new GuardedHttpServer(new InetSocketAddress(host, port), HttpLimits.from(app.settings()),
            app.intake().maxBodyBytes(), this::handle, (status, type, title, detail) -> new RawResponse(status,
                Map.of("Content-Type", Problems.MEDIA_TYPE),
                Problems.of(type, title, status, detail).getBytes(StandardCharsets.UTF_8)));
        this.timers = new LocalTimers(app, stallCheckSeconds);
    }

    /**
     * Runs the {@code ReconcileTimer} function every {@code seconds} (first one right away), as the Functions host runs
     * it on {@code LINKHEALTH_RECONCILE_SCHEDULE}. It does nothing without a Dataverse environment.
     */
    public LocalServer reconcileEvery(long seconds) {
        timers.reconcileEvery(seconds);
        return this;
    }

    /**
     * Makes the health digest at each occurrence of {@code schedule} (UTC), as the Functions host runs the
     * {@code DigestTimer} on {@code LINKHEALTH_DIGEST_SCHEDULE}: one HealthDigest per organization, stored and
     * delivered to the subscriptions that ask for it.
     *
     * @return when it runs first, or empty when the schedule never fires
     */
    public Optional<Instant> digestOn(NcrontabSchedule schedule) {
        return timers.digestOn(schedule);
    }

    public LocalServer start() {
        server.start();
        return this;
    }

    public int port() {
        return server.address().getPort();
    }

    /** The HTTP front, for its counts (connections open, refused, timed out). */
    GuardedHttpServer http() {
        return server;
    }

    public String baseUrl() {
        return "http://" + hostForUrl() + ":" + port();
    }

    /**
     * The scheme and authority of the URL the client addressed, as the Functions host builds a request's URL from its
     * Host header (so a Location or next link names the host the client called, e.g. through a proxy that keeps the
     * Host header); this server's own address when the header is missing or not a plain host[:port].
     */
    private String requestBase(Map<String, String> headers) {
        String host = headers.get("host");
        if (host != null && HOST_HEADER.matcher(host.trim()).matches()) {
            try {
                URI base = new URI("http://" + host.trim());
                if (base.getHost() != null) {
                    return "http://" + host.trim();
                }
            } catch (java.net.URISyntaxException e) {
                // fall back to this server's own address
            }
        }
        return baseUrl();
    }

    private String hostForUrl() {
        String h = server.address().getHostString();
        return h.contains(":") ? "[" + h + "]" : h;
    }

    public boolean isKeyRequired() {
        return key != null;
    }

    /** Waits for the ingest queue to be empty. */
    public boolean awaitIdle(long timeoutMillis) throws InterruptedException {
        return queues.ingest().awaitDrained(timeoutMillis);
    }

    public List<String> poisonMessages() {
        return queues.ingest().poisonMessages();
    }

    @Override
    public void close() {
        server.close();
        timers.close();
        queues.close();
    }

    private RawResponse handle(RawRequest request) {
        HttpResponseMessage response;
        try {
            response = route(request);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "unexpected error serving " + clip(request.rawPath()), e);
            response = problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal", "Internal error",
                "The server failed unexpectedly; nothing was accepted.");
        }
        return raw(response);
    }

    private HttpResponseMessage route(RawRequest request) {
        String path = request.rawPath();
        String method = request.method();
        Map<String, String> query;
        try {
            query = parseQuery(request.rawQuery());
        } catch (IllegalArgumentException e) {
            return problem(HttpStatus.BAD_REQUEST, "bad-query", "Malformed query string", e.getMessage());
        }
        List<String> allowed = new ArrayList<>();
        for (LocalRoute route : routes) {
            Optional<Map<String, String>> params = route.match(path);
            if (params.isEmpty()) {
                continue;
            }
            Map<String, String> headers = headers(request);
            if (route.functionLevel() && key != null && !key.admits(headers, query)) {
                return problem(HttpStatus.UNAUTHORIZED, "unauthorized", "Missing or wrong function key",
                    "Send the function key in the 'code' query parameter or the 'x-functions-key' header.");
            }
            if (!route.method().equals(method)) {
                allowed.add(route.method());
                continue;
            }
            byte[] body = null;
            if (route.method().equals("POST") || route.method().equals("PUT") || route.method().equals("PATCH")) {
                // the HTTP front read the body, or refused it for its size without reading it
                switch (request.bodyState()) {
                    case TOO_LARGE -> {
                        return route.tooLarge().apply(request.declaredLength(), headers);
                    }
                    case INCOMPLETE -> {
                        return problem(HttpStatus.BAD_REQUEST, "incomplete-body", "Incomplete body",
                            "The body ended before the length its Content-Length declared.");
                    }
                    case COMPLETE -> body = request.body();
                }
            }
            LocalHttpRequest call = new LocalHttpRequest(URI.create(requestBase(headers) + path), HttpMethod.value(method),
                headers, query, body);
            return route.handler().handle(call, params.get());
        }
        if (!allowed.isEmpty()) {
            return methodNotAllowed(String.join(", ", allowed));
        }
        return problem(HttpStatus.NOT_FOUND, "not-found", "No such route",
            "Nothing is served at " + clip(path) + ".");
    }

    /** The webhook function with the host's queue output binding: what it sets is put on the local ingest queue. */
    HttpResponseMessage callWebhook(LocalHttpRequest request) {
        LocalOutputBinding<String> ingest = new LocalOutputBinding<>();
        HttpResponseMessage response = webhook.run(request, ingest, new LocalExecutionContext("DataverseWebhook"));
        if (ingest.getValue() != null) {
            queues.ingest().add(ingest.getValue());
        }
        return response;
    }

    /** The webhook's answer to a declared Content-Length over the limit, before reading the body. */
    HttpResponseMessage webhookTooLarge(long length, Map<String, String> headers) {
        MalformedCallbackException tooLarge = MalformedCallbackException.tooLarge(length, app.intake().maxBodyBytes());
        String id = app.intake().keep("webhook", tooLarge, new byte[0], headers.get("content-type"), headers);
        return LocalHttpRequest.respond(HttpStatus.PAYLOAD_TOO_LARGE).header("Content-Type", Problems.MEDIA_TYPE)
            .body(Problems.forCallback(tooLarge, id)).build();
    }

    private static Map<String, String> headers(RawRequest request) {
        Map<String, String> headers = new LinkedHashMap<>();
        request.headers().forEach((k, v) -> {
            if (!v.isEmpty()) {
                headers.put(k.toLowerCase(Locale.ROOT), v.get(0));
            }
        });
        return headers;
    }

    static Map<String, String> parseQuery(String rawQuery) {
        Map<String, String> query = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            query.putIfAbsent(name, value);
        }
        return query;
    }

    private static HttpResponseMessage methodNotAllowed(String allowed) {
        return LocalHttpRequest.respond(HttpStatus.METHOD_NOT_ALLOWED).header("Allow", allowed)
            .header("Content-Type", Problems.MEDIA_TYPE)
            .body(Problems.of("method-not-allowed", "Method not allowed", 405, "This route accepts " + allowed + " only."))
            .build();
    }

    static HttpResponseMessage problem(HttpStatus status, String type, String title, String detail) {
        return LocalHttpRequest.respond(status).header("Content-Type", Problems.MEDIA_TYPE)
            .body(Problems.of(type, title, status.value(), detail)).build();
    }

    private static RawResponse raw(HttpResponseMessage response) {
        LocalHttpRequest.LocalHttpResponse local = (LocalHttpRequest.LocalHttpResponse) response;
        return new RawResponse(local.status().value(), local.headers(), local.bodyBytes());
    }

    private static String clip(String text) {
        String safe = text.replaceAll("[^\\x20-\\x7e]", "?");
        return safe.length() > 100 ? safe.substring(0, 100) + "..." : safe;
    }

}
