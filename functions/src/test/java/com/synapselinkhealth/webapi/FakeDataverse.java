package com.synapselinkhealth.webapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tiny Dataverse Web API stand-in on 127.0.0.1 that answers in the documented OData shapes. Two ways to script it:
 * answers queued per exact path (+ query), checked first; and tables of rows ({@link #table}) served as
 * {@code GET <set>} (with {@code $select}, {@code Prefer: odata.maxpagesize} paging through {@code @odata.nextLink}
 * with a {@code $skiptoken}, formatted-value annotations only when {@code Prefer} asks for them) and
 * {@code GET <set>(<id>)} (404 with a Dataverse error when absent). Every request is recorded.
 */
public final class FakeDataverse implements AutoCloseable {
    static final String ROOT = "/api/data/v9.2/";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ROW = Pattern.compile("([a-z_]+)\\(([0-9a-fA-F-]{36})\\)");

    /** One answer: status, headers, JSON body. */
    public record Answer(int status, Map<String, String> headers, String body) {
        public static Answer json(String body) {
            return new Answer(200, Map.of(), body);
        }

        /** A Dataverse error answer, {@code {"error":{"code":..,"message":..}}}. */
        public static Answer error(int status, String code, String message) {
            ObjectNode error = JSON.createObjectNode();
            error.putObject("error").put("code", code).put("message", message);
            return new Answer(status, Map.of(), error.toString());
        }

        /** 429 with {@code Retry-After} seconds, as the service protection limits answer. */
        public static Answer throttled(int retryAfterSeconds) {
            Answer e = error(429, "0x80072322", "Number of requests exceeded the limit of 6000 over time window of 300 seconds.");
            return new Answer(429, Map.of("Retry-After", Integer.toString(retryAfterSeconds)), e.body());
        }
    }

    /** One request as received. */
    public record Received(String method, String pathAndQuery, Map<String, List<String>> headers) {
        public String header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue().get(0);
                }
            }
            return null;
        }
    }

    private final HttpServer server;
    private final Map<String, Deque<Answer>> answers = new ConcurrentHashMap<>();
    private final Map<String, Deque<Answer>> before = new ConcurrentHashMap<>();
    private final Map<String, Map<String, ObjectNode>> tables = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> columns = new ConcurrentHashMap<>();
    private final Map<String, String> keys = new ConcurrentHashMap<>();
    private final Set<String> forbidden = ConcurrentHashMap.newKeySet();
    private volatile int pageSize;
    public final List<Received> received = new CopyOnWriteArrayList<>();

    public FakeDataverse() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Queues answers for a path with query, e.g. {@code /api/data/v9.2/synapselinkprofiles}; the last one repeats. */
    public FakeDataverse on(String pathAndQuery, Answer... queued) {
        answers.computeIfAbsent(pathAndQuery, k -> new ArrayDeque<>()).addAll(List.of(queued));
        return this;
    }

    /**
     * Answers for any request of an entity set (collection or row), each used once, before its rows are served: e.g.
     * a 429 then the rows, or 403 for good ({@link #forbid}).
     */
    public FakeDataverse first(String entitySet, Answer... once) {
        before.computeIfAbsent(entitySet, k -> new ArrayDeque<>()).addAll(List.of(once));
        return this;
    }

    /** Every request of the entity set is refused with 403, as for an application user without read privilege. */
    public FakeDataverse forbid(String entitySet) {
        forbidden.add(entitySet);
        return this;
    }

    /** Rows of an entity set, e.g. {@code synapselinkprofileentitystates}, keyed by their primary key column. */
    public FakeDataverse table(String entitySet, String primaryKey, String... rowsJson) {
        Map<String, ObjectNode> rows = tables.computeIfAbsent(entitySet, k -> new LinkedHashMap<>());
        keys.put(entitySet, primaryKey);
        synchronized (rows) {
            for (String row : rowsJson) {
                ObjectNode node = parse(row);
                rows.put(node.path(primaryKey).asText().toLowerCase(), node);
            }
        }
        return this;
    }

    /** Replaces one row (same primary key) or adds it. */
    public FakeDataverse put(String entitySet, String primaryKey, String rowJson) {
        return table(entitySet, primaryKey, rowJson);
    }

    /** The set's properties; a {@code $select} of another one is answered 400 as Dataverse does. */
    public FakeDataverse columns(String entitySet, Set<String> names) {
        columns.put(entitySet, Set.copyOf(names));
        return this;
    }

    /** Rows per page when the request asks for more (or none): forces {@code @odata.nextLink} paging. */
    public FakeDataverse pageSize(int rows) {
        this.pageSize = rows;
        return this;
    }

    /** The requests of one entity set (collection, row or next page). */
    public List<Received> requestsOf(String entitySet) {
        return received.stream().filter(r -> r.pathAndQuery().startsWith(ROOT + entitySet + "?")
            || r.pathAndQuery().equals(ROOT + entitySet) || r.pathAndQuery().startsWith(ROOT + entitySet + "(")).toList();
    }

    private static ObjectNode parse(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        String query = exchange.getRequestURI().getRawQuery();
        String target = path + (query == null ? "" : "?" + query);
        Received request = new Received(exchange.getRequestMethod(), target, Map.copyOf(exchange.getRequestHeaders()));
        received.add(request);
        Answer answer = queued(answers.get(target), false);
        if (answer == null && path.startsWith(ROOT)) {
            answer = serve(request, path.substring(ROOT.length()), query);
        }
        if (answer == null) {
            answer = new Answer(404, Map.of(), "");
        }
        send(exchange, answer);
    }

    private synchronized Answer queued(Deque<Answer> queue, boolean consumeLast) {
        if (queue == null || queue.isEmpty()) {
            return null;
        }
        return queue.size() > 1 || consumeLast ? queue.poll() : queue.peek();
    }

    private Answer serve(Received request, String resource, String rawQuery) {
        Matcher row = ROW.matcher(resource);
        String set = row.matches() ? row.group(1) : resource;
        Answer once = queued(before.get(set), true);
        if (once != null) {
            return once;
        }
        if (forbidden.contains(set)) {
            return Answer.error(403, "0x80040220", "Principal user (Id=6d0e8f3a-...) is missing prvRead" + singular(set)
                + " privilege (Id=2c3f...) on OTC=10001 for entity '" + singular(set) + "'.");
        }
        Map<String, ObjectNode> rows = tables.get(set);
        if (rows == null) {
            return null;
        }
        Map<String, String> params = params(rawQuery);
        List<String> select = params.containsKey("$select") ? List.of(params.get("$select").split(",")) : null;
        Set<String> known = columns.get(set);
        if (select != null && known != null) {
            for (String property : select) {
                if (!known.contains(property)) {
                    return Answer.error(400, "0x80060888", "Could not find a property named '" + property
                        + "' on type 'Microsoft.Dynamics.CRM." + singular(set) + "'.");
                }
            }
        }
        String prefer = request.header("Prefer") == null ? "" : request.header("Prefer");
        boolean formatted = prefer.contains("OData.Community.Display.V1.FormattedValue") || prefer.contains("\"*\"");
        List<ObjectNode> all;
        synchronized (rows) {
            all = new ArrayList<>(rows.values());
        }
        if (row.matches()) {
            ObjectNode found = rows.get(row.group(2).toLowerCase());
            if (found == null) {
                return Answer.error(404, "0x80040217", singular(set) + " With Id = " + row.group(2) + " Does Not Exist");
            }
            ObjectNode out = shape(found, keys.get(set), select, formatted);
            out.put("@odata.context", url() + ROOT + "$metadata#" + set + "/$entity");
            return Answer.json(out.toString());
        }
        int size = Math.min(maxPageSize(prefer), pageSize > 0 ? pageSize : Integer.MAX_VALUE);
        int page = 1;
        String skip = params.get("$skiptoken");
        if (skip != null) {
            Matcher m = Pattern.compile("pagenumber=\"(\\d+)\"").matcher(skip);
            if (!m.find()) {
                return Answer.error(400, "0x80040203", "Invalid $skiptoken");
            }
            page = Integer.parseInt(m.group(1));
        }
        ObjectNode body = JSON.createObjectNode();
        body.put("@odata.context", url() + ROOT + "$metadata#" + set);
        ArrayNode value = body.putArray("value");
        int from = (page - 1) * size;
        for (int i = from; i < Math.min(all.size(), from + size); i++) {
            value.add(shape(all.get(i), keys.get(set), select, formatted));
        }
        if (from + size < all.size()) {
            String cookie = "<cookie pagenumber=\"" + (page + 1) + "\" pagingcookie=\"%3ccookie%20page%3d%22" + page
                + "%22%3e\" istracking=\"False\" />";
            body.put("@odata.nextLink", url() + ROOT + set + "?" + (rawQuery == null ? "" : stripSkip(rawQuery))
                + "$skiptoken=" + URLEncoderCompat.encode(cookie));
        }
        return Answer.json(body.toString());
    }

    private static String stripSkip(String rawQuery) {
        StringBuilder out = new StringBuilder();
        for (String part : rawQuery.split("&")) {
            if (!part.startsWith("$skiptoken=") && !part.startsWith("%24skiptoken=") && !part.isEmpty()) {
                out.append(part).append('&');
            }
        }
        return out.toString();
    }

    private static int maxPageSize(String prefer) {
        Matcher m = Pattern.compile("odata\\.maxpagesize=(\\d+)").matcher(prefer);
        return m.find() ? Math.min(5000, Integer.parseInt(m.group(1))) : 5000;
    }

    private static String singular(String set) {
        return set.endsWith("ies") ? set.substring(0, set.length() - 3) + "y" : set.substring(0, set.length() - 1);
    }

    /** The row with only the selected properties (and their annotations), annotations only when asked for. */
    private static ObjectNode shape(ObjectNode row, String primaryKey, List<String> select, boolean formatted) {
        ObjectNode out = JSON.createObjectNode();
        Set<String> keep = select == null ? null : new LinkedHashSet<>(select);
        Iterator<Map.Entry<String, JsonNode>> fields = row.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            String key = f.getKey();
            int at = key.indexOf('@');
            String base = at < 0 ? key : key.substring(0, at);
            if (key.startsWith("@odata.")) {
                out.set(key, f.getValue());
                continue;
            }
            if (keep != null && !base.equals(primaryKey) && !keep.contains(base)) {
                continue;
            }
            if (at > 0 && !formatted && key.endsWith("FormattedValue")) {
                continue;
            }
            out.set(key, f.getValue());
        }
        return out;
    }

    private static Map<String, String> params(String rawQuery) {
        Map<String, String> out = new LinkedHashMap<>();
        if (rawQuery == null) {
            return out;
        }
        for (String part : rawQuery.split("&")) {
            int eq = part.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? part : part.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(k, v);
        }
        return out;
    }

    private void send(HttpExchange exchange, Answer answer) throws IOException {
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        if (body.length > 0) {
            exchange.getResponseHeaders().add("Content-Type", "application/json; odata.metadata=minimal");
            exchange.getResponseHeaders().add("OData-Version", "4.0");
        }
        exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
        exchange.close();
    }

    /** URL-encodes a query value the way Dataverse writes its skip tokens. */
    private static final class URLEncoderCompat {
        static String encode(String s) {
            return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
