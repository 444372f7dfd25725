package com.synapselinkhealth.webapi.registration;

import com.azure.core.credential.TokenCredential;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.synapselinkhealth.statetables.StateTable;
import com.synapselinkhealth.webapi.DataverseWebApiClient;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stateful Dataverse stand-in on 127.0.0.1 for webhook registration: the entity sets {@code serviceendpoints},
 * {@code sdkmessages}, {@code sdkmessagefilters}, {@code sdkmessageprocessingsteps} and
 * {@code sdkmessageprocessingstepimages}, answering in the documented OData shapes: {@code $select} (an unknown
 * column is a 400, as in Dataverse), {@code $filter} with {@code eq} and {@code and}, paging by
 * {@code odata.maxpagesize} and {@code @odata.nextLink}, {@code POST} answered 204 with {@code OData-EntityId},
 * {@code PATCH} (404 for a missing row under {@code If-Match: *}), {@code DELETE}, {@code @odata.bind} lookups, lookups
 * read back as {@code _x_value}, and {@code authvalue} write-only. It checks the rules Dataverse enforces on steps and
 * images (asynchronous only in PostOperation, custom steps only where the message filter allows them, no pre image
 * on Create, no post image on Delete) and a bearer token. Every request is recorded.
 */
public final class FakeDataverseRegistration implements AutoCloseable {
    public static final String TOKEN = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.registration-test-token";
    static final String ROOT = "/api/data/v9.2/";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ROW = Pattern.compile("^([a-z]+)\\(([0-9a-fA-F-]{36})\\)$");
    private static final Pattern TERM = Pattern.compile("^\\s*([A-Za-z_/]+)\\s+eq\\s+(.+?)\\s*$");

    /** One request as received. */
    public record Received(String method, String path, String query, String body, Map<String, List<String>> headers) {
        public String header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue().get(0);
                }
            }
            return null;
        }

        public boolean isWrite() {
            return !method.equals("GET");
        }

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Per entity set: primary key, readable columns, writable columns, and lookups bound as {@code nav@odata.bind}. */
    private record EntitySet(String key, Set<String> readable, Set<String> writable, Map<String, String[]> binds) {
    }

    private static final Map<String, EntitySet> SETS = Map.of(
        "serviceendpoints", new EntitySet("serviceendpointid",
            Set.of("serviceendpointid", "name", "contract", "url", "authtype", "isauthvalueset", "description",
                "messageformat", "connectionmode", "userclaim", "path", "solutionnamespace", "namespaceaddress"),
            Set.of("name", "contract", "url", "authtype", "authvalue", "description", "messageformat", "connectionmode",
                "userclaim", "path", "solutionnamespace", "namespaceaddress"),
            Map.of()),
        "sdkmessages", new EntitySet("sdkmessageid", Set.of("sdkmessageid", "name"), Set.of(), Map.of()),
        "sdkmessagefilters", new EntitySet("sdkmessagefilterid",
            Set.of("sdkmessagefilterid", "primaryobjecttypecode", "secondaryobjecttypecode", "iscustomprocessingstepallowed",
                "isvisible", "availability", "_sdkmessageid_value"), Set.of(), Map.of()),
        "sdkmessageprocessingsteps", new EntitySet("sdkmessageprocessingstepid",
            Set.of("sdkmessageprocessingstepid", "name", "description", "stage", "mode", "rank", "supporteddeployment",
                "asyncautodelete", "filteringattributes", "invocationsource", "statecode", "statuscode",
                "_eventhandler_value", "_sdkmessageid_value", "_sdkmessagefilterid_value"),
            Set.of("name", "description", "stage", "mode", "rank", "supporteddeployment", "asyncautodelete",
                "filteringattributes", "invocationsource"),
            Map.of("eventhandler_serviceendpoint", new String[] {"_eventhandler_value", "serviceendpoints"},
                "sdkmessageid", new String[] {"_sdkmessageid_value", "sdkmessages"},
                "sdkmessagefilterid", new String[] {"_sdkmessagefilterid_value", "sdkmessagefilters"})),
        "sdkmessageprocessingstepimages", new EntitySet("sdkmessageprocessingstepimageid",
            Set.of("sdkmessageprocessingstepimageid", "name", "description", "imagetype", "entityalias",
                "messagepropertyname", "attributes", "relatedattributename", "_sdkmessageprocessingstepid_value"),
            Set.of("name", "description", "imagetype", "entityalias", "messagepropertyname", "attributes",
                "relatedattributename"),
            Map.of("sdkmessageprocessingstepid", new String[] {"_sdkmessageprocessingstepid_value",
                "sdkmessageprocessingsteps"})));

    private final HttpServer server;
    private final Map<String, Map<UUID, ObjectNode>> rows = new LinkedHashMap<>();
    private final Map<UUID, String> authValues = new LinkedHashMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<Refusal> refusals = new CopyOnWriteArrayList<>();
    private volatile String acceptedToken = TOKEN;
    private volatile int pageSize = 5000;
    private volatile boolean hideFilterMessage;

    private record Refusal(String method, String entitySet, int status, String message) {
    }

    private final java.util.Set<String> throttleOnce = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public FakeDataverseRegistration() throws IOException {
        SETS.keySet().forEach(s -> rows.put(s, new LinkedHashMap<>()));
        for (String message : List.of("Create", "Update", "Delete", "Retrieve", "SetState")) {
            UUID messageId = UUID.nameUUIDFromBytes(("message " + message).getBytes(StandardCharsets.UTF_8));
            put("sdkmessages", messageId, JSON.createObjectNode().put("name", message));
            List<String> tables = new ArrayList<>();
            for (StateTable table : StateTable.values()) {
                tables.add(table.logicalName());
            }
            tables.add("account");
            for (String table : tables) {
                UUID filterId = UUID.nameUUIDFromBytes(("filter " + message + " " + table).getBytes(StandardCharsets.UTF_8));
                put("sdkmessagefilters", filterId, JSON.createObjectNode()
                    .put("primaryobjecttypecode", table).put("secondaryobjecttypecode", "none")
                    .put("iscustomprocessingstepallowed", true).put("isvisible", true).put("availability", 0)
                    .put("_sdkmessageid_value", messageId.toString()));
            }
        }
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The environment URL, {@code http://127.0.0.1:<port>}. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A Web API client for any loopback http environment (the stand-in), as {@code RegisterCommand} makes them. */
    public static DataverseWebApiClient loopbackClient(String environmentUrl, TokenCredential credential) {
        return DataverseWebApiClient.connect(environmentUrl, credential);
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public List<Received> writes() {
        return received.stream().filter(Received::isWrite).toList();
    }

    public void clearReceived() {
        received.clear();
    }

    /** Only this bearer token is accepted; any other gets 401. */
    public void acceptToken(String token) {
        this.acceptedToken = token;
    }

    /** Pages of at most this many rows (also when the client prefers more). */
    public void pageSize(int size) {
        this.pageSize = size;
    }

    /**
     * Message filters are read without their {@code _sdkmessageid_value} (as a service that does not expose the lookup
     * would); {@code sdkmessageid/name eq '..'} still filters them.
     */
    public void hideFilterMessageLookup() {
        this.hideFilterMessage = true;
    }

    /** Sets {@code iscustomprocessingstepallowed} false on every message filter of the table. */
    public synchronized void disallowCustomSteps(String table) {
        rows.get("sdkmessagefilters").values().stream()
            .filter(f -> f.path("primaryobjecttypecode").asText().equals(table))
            .forEach(f -> f.put("iscustomprocessingstepallowed", false));
    }

    /** The next request with this method on this entity set is answered 429 with {@code Retry-After: 1}. */
    public void throttleOnce(String method, String entitySet) {
        throttleOnce.add(method + " " + entitySet);
    }

    /** Answers requests with this method on this entity set with an OData error. */
    public void refuse(String method, String entitySet, int status, String message) {
        refusals.add(new Refusal(method, entitySet, status, message));
    }

    public synchronized List<ObjectNode> rows(String entitySet) {
        return rows.get(entitySet).values().stream().map(ObjectNode::deepCopy).toList();
    }

    public synchronized String authValue(UUID endpointId) {
        return authValues.get(endpointId);
    }

    /** Inserts a row directly, as if someone else had registered it. */
    public synchronized UUID insert(String entitySet, ObjectNode row) {
        UUID id = UUID.randomUUID();
        put(entitySet, id, row);
        return id;
    }

    /** Changes a column directly, as someone editing it by hand would. */
    public synchronized void edit(String entitySet, UUID id, String column, Object value) {
        rows.get(entitySet).get(id).set(column, JSON.valueToTree(value));
    }

    public UUID messageId(String message) {
        return UUID.nameUUIDFromBytes(("message " + message).getBytes(StandardCharsets.UTF_8));
    }

    public UUID filterId(String message, String table) {
        return UUID.nameUUIDFromBytes(("filter " + message + " " + table).getBytes(StandardCharsets.UTF_8));
    }

    private void put(String entitySet, UUID id, ObjectNode row) {
        row.put(SETS.get(entitySet).key(), id.toString());
        rows.get(entitySet).put(id, row);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String path = exchange.getRequestURI().getRawPath();
        String query = exchange.getRequestURI().getRawQuery();
        String method = exchange.getRequestMethod();
        received.add(new Received(method, path, query, body, Map.copyOf(exchange.getRequestHeaders())));
        Answer answer;
        try {
            answer = answer(exchange, method, path, query, body);
        } catch (ODataError e) {
            answer = Answer.error(e.status, e.getMessage());
        } catch (RuntimeException e) {
            answer = Answer.error(500, "stand-in failure: " + e);
        }
        answer.headers.forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        byte[] bytes = answer.body == null ? new byte[0] : answer.body.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > 0) {
            exchange.getResponseHeaders().add("Content-Type", "application/json; odata.metadata=minimal");
        }
        exchange.getResponseHeaders().add("OData-Version", "4.0");
        exchange.sendResponseHeaders(answer.status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    private synchronized Answer answer(HttpExchange exchange, String method, String path, String query, String body) {
        if (!path.startsWith(ROOT)) {
            return new Answer(404, Map.of(), "<html><body>Not Found</body></html>");
        }
        if (!("Bearer " + acceptedToken).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            Answer a = Answer.error(401, "Bearer token is invalid or expired (ExpiredAuthTicket)");
            return new Answer(401, Map.of("WWW-Authenticate", "Bearer error=\"invalid_token\""), a.body);
        }
        if (!"4.0".equals(exchange.getRequestHeaders().getFirst("OData-Version"))) {
            throw new ODataError(400, "OData-Version 4.0 expected");
        }
        String resource = path.substring(ROOT.length());
        Matcher one = ROW.matcher(resource);
        String set = one.matches() ? one.group(1) : resource;
        EntitySet entitySet = SETS.get(set);
        if (entitySet == null) {
            throw new ODataError(404, "Resource not found for the segment '" + resource + "'.");
        }
        if (throttleOnce.remove(method + " " + set)) {
            Answer a = Answer.error(429, "Number of requests exceeded the limit of 6000 over time window of 300 seconds.");
            return new Answer(429, Map.of("Retry-After", "1"), a.body);
        }
        for (Refusal r : refusals) {
            if (r.method.equals(method) && r.entitySet.equals(set)) {
                throw new ODataError(r.status, r.message);
            }
        }
        UUID id = one.matches() ? UUID.fromString(one.group(2)) : null;
        return switch (method) {
            case "GET" -> id == null ? query(set, entitySet, query, exchange.getRequestHeaders().getFirst("Prefer"))
                : Answer.json(200, select(entitySet, existing(set, id), null));
            case "POST" -> {
                if (id != null) {
                    throw new ODataError(405, "POST to a row");
                }
                yield create(set, entitySet, parse(body));
            }
            case "PATCH" -> {
                if (id == null || !"*".equals(exchange.getRequestHeaders().getFirst("If-Match"))) {
                    throw new ODataError(400, "this stand-in expects PATCH of one row with If-Match: *");
                }
                existing(set, id);
                write(set, entitySet, id, rows.get(set).get(id), parse(body));
                yield new Answer(204, Map.of(), null);
            }
            case "DELETE" -> {
                delete(set, id == null ? null : existing(set, id), id);
                yield new Answer(204, Map.of(), null);
            }
            default -> throw new ODataError(405, "method not allowed");
        };
    }

    private Answer query(String set, EntitySet entitySet, String rawQuery, String prefer) {
        Map<String, String> params = new LinkedHashMap<>();
        if (rawQuery != null) {
            for (String part : rawQuery.split("&")) {
                int eq = part.indexOf('=');
                params.put(URLDecoder.decode(eq < 0 ? part : part.substring(0, eq), StandardCharsets.UTF_8),
                    eq < 0 ? "" : URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        List<ObjectNode> matching = new ArrayList<>();
        for (ObjectNode row : rows.get(set).values()) {
            if (matches(entitySet, row, params.get("$filter"))) {
                matching.add(row);
            }
        }
        int size = pageSize;
        if (prefer != null) {
            Matcher m = Pattern.compile("odata\\.maxpagesize=(\\d+)").matcher(prefer);
            if (m.find()) {
                size = Math.min(size, Integer.parseInt(m.group(1)));
            }
        }
        int skip = params.containsKey("$skiptoken") ? Integer.parseInt(params.get("$skiptoken")) : 0;
        ObjectNode page = JSON.createObjectNode().put("@odata.context", url() + ROOT + "$metadata#" + set);
        ArrayNode value = page.putArray("value");
        for (int i = skip; i < Math.min(matching.size(), skip + size); i++) {
            ObjectNode selected = select(entitySet, matching.get(i), params.get("$select"));
            if (hideFilterMessage && set.equals("sdkmessagefilters")) {
                selected.remove("_sdkmessageid_value");
            }
            value.add(selected);
        }
        if (skip + size < matching.size()) {
            StringBuilder next = new StringBuilder(url() + ROOT + set + "?");
            params.forEach((k, v) -> {
                if (!k.equals("$skiptoken")) {
                    next.append(k).append('=').append(java.net.URLEncoder.encode(v, StandardCharsets.UTF_8)
                        .replace("+", "%20")).append('&');
                }
            });
            next.append("$skiptoken=").append(skip + size);
            page.put("@odata.nextLink", next.toString());
        }
        return Answer.json(200, page);
    }

    private boolean matches(EntitySet entitySet, ObjectNode row, String filter) {
        if (filter == null) {
            return true;
        }
        for (String term : filter.split("\\s+and\\s+")) {
            Matcher m = TERM.matcher(term);
            if (!m.matches()) {
                throw new ODataError(400, "this stand-in understands only 'column eq value' terms joined by 'and': " + filter);
            }
            String column = m.group(1);
            JsonNode actual = row.get(column);
            if (column.equals("sdkmessageid/name") && entitySet.readable().contains("_sdkmessageid_value")) {
                ObjectNode message = rows.get("sdkmessages").get(UUID.fromString(row.path("_sdkmessageid_value").asText()));
                actual = message == null ? null : message.get("name");
            } else if (!entitySet.readable().contains(column)) {
                throw new ODataError(400, "Could not find a property named '" + column + "'.");
            }
            String literal = m.group(2);
            String wanted;
            if (literal.startsWith("'") && literal.endsWith("'") && literal.length() >= 2) {
                wanted = literal.substring(1, literal.length() - 1).replace("''", "'");
            } else if (literal.equals("null")) {
                if (actual != null && !actual.isNull()) {
                    return false;
                }
                continue;
            } else {
                wanted = literal;
            }
            if (actual == null || actual.isNull() || !actual.asText().equalsIgnoreCase(wanted)) {
                return false;
            }
        }
        return true;
    }

    private static ObjectNode select(EntitySet entitySet, ObjectNode row, String select) {
        ObjectNode out = JSON.createObjectNode();
        out.put("@odata.etag", "W/\"" + Math.abs(row.toString().hashCode()) + "\"");
        if (select == null) {
            entitySet.readable().forEach(c -> out.set(c, row.has(c) ? row.get(c) : JSON.nullNode()));
            return out;
        }
        for (String column : select.split(",")) {
            if (!entitySet.readable().contains(column)) {
                throw new ODataError(400, "Could not find a property named '" + column + "' on type "
                    + "'Microsoft.Dynamics.CRM." + entitySet.key().replaceFirst("id$", "") + "'.");
            }
            out.set(column, row.has(column) ? row.get(column) : JSON.nullNode());
        }
        out.put(entitySet.key(), row.get(entitySet.key()).asText());
        return out;
    }

    private ObjectNode existing(String set, UUID id) {
        ObjectNode row = rows.get(set).get(id);
        if (row == null) {
            throw new ODataError(404, set + " With Id = " + id + " Does Not Exist");
        }
        return row;
    }

    private Answer create(String set, EntitySet entitySet, ObjectNode body) {
        if (entitySet.writable().isEmpty()) {
            throw new ODataError(403, "The " + set + " table is read-only for this stand-in");
        }
        UUID id = UUID.randomUUID();
        ObjectNode row = JSON.createObjectNode();
        row.put(entitySet.key(), id.toString());
        write(set, entitySet, id, row, body);
        switch (set) {
            case "serviceendpoints" -> require(row, "name", "url", "contract", "authtype");
            case "sdkmessageprocessingsteps" -> require(row, "name", "stage", "mode", "_eventhandler_value",
                "_sdkmessageid_value", "_sdkmessagefilterid_value");
            case "sdkmessageprocessingstepimages" -> require(row, "name", "entityalias", "imagetype",
                "messagepropertyname", "_sdkmessageprocessingstepid_value");
            default -> {
            }
        }
        if (set.equals("serviceendpoints") && row.path("authtype").asInt() == 4 && !authValues.containsKey(id)) {
            throw new ODataError(400, "authvalue is required for WebhookKey authentication");
        }
        check(set, row);
        rows.get(set).put(id, row);
        return new Answer(204, Map.of("OData-EntityId", url() + ROOT + set + "(" + id + ")"), null);
    }

    private void write(String set, EntitySet entitySet, UUID id, ObjectNode row, ObjectNode body) {
        ObjectNode updated = row.deepCopy();
        String authValue = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String name = field.getKey();
            if (name.endsWith("@odata.bind")) {
                String[] bind = entitySet.binds().get(name.substring(0, name.length() - "@odata.bind".length()));
                Matcher target = Pattern.compile("^/?([a-z]+)\\(([0-9a-fA-F-]{36})\\)$").matcher(field.getValue().asText());
                if (bind == null || !target.matches() || !target.group(1).equals(bind[1])) {
                    throw new ODataError(400, "An undeclared property '" + name + "' or a bad reference '"
                        + field.getValue().asText() + "' was found in the payload");
                }
                UUID ref = UUID.fromString(target.group(2));
                if (!rows.get(bind[1]).containsKey(ref)) {
                    throw new ODataError(404, bind[1] + " With Id = " + ref + " Does Not Exist");
                }
                updated.put(bind[0], ref.toString());
            } else if (name.equals("authvalue") && set.equals("serviceendpoints")) {
                authValue = field.getValue().asText();
            } else if (entitySet.writable().contains(name)) {
                updated.set(name, field.getValue());
            } else {
                throw new ODataError(400, "Invalid property '" + name + "' was found in entity 'Microsoft.Dynamics.CRM."
                    + set + "'.");
            }
        }
        if (rows.get(set).containsKey(id)) {
            check(set, updated);
        }
        row.removeAll();
        row.setAll(updated);
        if (authValue != null) {
            authValues.put(id, authValue);
            row.put("isauthvalueset", true);
        } else if (set.equals("serviceendpoints") && !row.has("isauthvalueset")) {
            row.put("isauthvalueset", false);
        }
    }

    private static void require(ObjectNode row, String... columns) {
        for (String column : columns) {
            if (!row.hasNonNull(column)) {
                throw new ODataError(400, "Required field '" + column + "' is missing");
            }
        }
    }

    /** The rules Dataverse enforces on steps and images. */
    private void check(String set, ObjectNode row) {
        if (set.equals("sdkmessageprocessingsteps")) {
            if (row.path("mode").asInt() == 1 && row.path("stage").asInt() != 40) {
                throw new ODataError(400, "Asynchronous steps are supported only in the PostOperation stage (40)");
            }
            ObjectNode filter = rows.get("sdkmessagefilters").get(UUID.fromString(row.path("_sdkmessagefilterid_value").asText()));
            if (!filter.path("_sdkmessageid_value").asText().equalsIgnoreCase(row.path("_sdkmessageid_value").asText())) {
                throw new ODataError(400, "The message filter does not belong to the message");
            }
            if (!filter.path("iscustomprocessingstepallowed").asBoolean()) {
                throw new ODataError(400, "Custom SdkMessageProcessingStep is not allowed on the specified message and entity.");
            }
        } else if (set.equals("sdkmessageprocessingstepimages")) {
            ObjectNode step = rows.get("sdkmessageprocessingsteps")
                .get(UUID.fromString(row.path("_sdkmessageprocessingstepid_value").asText()));
            String message = rows.get("sdkmessages").get(UUID.fromString(step.path("_sdkmessageid_value").asText()))
                .path("name").asText();
            int type = row.path("imagetype").asInt();
            if (message.equals("Create") && type != 1 || message.equals("Delete") && type != 0) {
                throw new ODataError(400, "Image type " + type + " is not valid for the " + message + " message");
            }
            String property = row.path("messagepropertyname").asText();
            if (!property.equals(message.equals("Create") ? "Id" : "Target")) {
                throw new ODataError(400, "Message property name '" + property + "' is not valid for " + message);
            }
        }
    }

    private void delete(String set, ObjectNode row, UUID id) {
        if (row == null) {
            throw new ODataError(405, "DELETE of a collection");
        }
        if (set.equals("serviceendpoints") && rows.get("sdkmessageprocessingsteps").values().stream()
            .anyMatch(s -> s.path("_eventhandler_value").asText().equals(id.toString()))) {
            throw new ODataError(400, "The service endpoint cannot be deleted because steps still use it");
        }
        if (set.equals("sdkmessageprocessingsteps")) {
            rows.get("sdkmessageprocessingstepimages").values()
                .removeIf(i -> i.path("_sdkmessageprocessingstepid_value").asText().equals(id.toString()));
        }
        rows.get(set).remove(id);
        authValues.remove(id);
    }

    private static ObjectNode parse(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            if (node instanceof ObjectNode o) {
                return o;
            }
        } catch (IOException e) {
            // below
        }
        throw new ODataError(400, "The request body is not a JSON object");
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private record Answer(int status, Map<String, String> headers, String body) {
        static Answer json(int status, JsonNode body) {
            return new Answer(status, Map.of(), body.toString());
        }

        static Answer error(int status, String message) {
            ObjectNode error = JSON.createObjectNode();
            error.putObject("error").put("code", String.format(Locale.ROOT, "0x8004%04x", status)).put("message", message);
            return new Answer(status, Map.of(), error.toString());
        }
    }

    /** An OData error answer. */
    private static final class ODataError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int status;

        ODataError(int status, String message) {
            super(message);
            this.status = status;
        }
    }
}
