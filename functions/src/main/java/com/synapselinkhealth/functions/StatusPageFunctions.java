package com.synapselinkhealth.functions;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatus;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import com.synapselinkhealth.app.LinkHealth;
import com.synapselinkhealth.health.HealthEvent;
import com.synapselinkhealth.status.StatusException;
import com.synapselinkhealth.status.json.StatusJson;
import com.synapselinkhealth.statuspage.PageSecurity;
import com.synapselinkhealth.statuspage.StatusBoard;
import com.synapselinkhealth.statuspage.StatusPageHtml;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The status page: {@code GET /api/status} (function key, like every route of the app) and, for a team that wants
 * it on a wall screen or behind App Service sign-in, the same page anonymously at {@code GET /api/public/status},
 * which answers 404 unless {@code LINKHEALTH_STATUS_PAGE_ANONYMOUS=true} (the Functions host fixes a route's auth
 * level when the app is built, so the choice is two routes and a setting read on each request). HTML by default;
 * {@code ?format=json} answers the same data as JSON. Any other {@code format} is a 400 problem.
 */
public final class StatusPageFunctions {
    public static final String ROUTE = "status";
    public static final String PUBLIC_ROUTE = "public/status";
    /** How often the page reloads itself. */
    public static final int REFRESH_SECONDS = 30;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Supplier<LinkHealth> app;

    public StatusPageFunctions() {
        this(LinkHealth::shared);
    }

    public StatusPageFunctions(Supplier<LinkHealth> app) {
        this.app = app;
    }

    @FunctionName("StatusPage")
    public HttpResponseMessage statusPage(
        @HttpTrigger(name = "request", methods = {HttpMethod.GET}, route = ROUTE, authLevel = AuthorizationLevel.FUNCTION)
        HttpRequestMessage<Optional<String>> request,
        ExecutionContext context) {
        return page(request, app.get());
    }

    @FunctionName("PublicStatusPage")
    public HttpResponseMessage publicStatusPage(
        @HttpTrigger(name = "request", methods = {HttpMethod.GET}, route = PUBLIC_ROUTE,
            authLevel = AuthorizationLevel.ANONYMOUS)
        HttpRequestMessage<Optional<String>> request,
        ExecutionContext context) {
        LinkHealth linkHealth = app.get();
        if (!linkHealth.settings().statusPageAnonymous()) {
            return Problems.respond(request, HttpStatus.NOT_FOUND, Problems.of("not-found", "No such route", 404,
                "Nothing is served at /api/" + PUBLIC_ROUTE + "."));
        }
        return page(request, linkHealth);
    }

    private static HttpResponseMessage page(HttpRequestMessage<?> request, LinkHealth linkHealth) {
        String format;
        try {
            format = format(request.getQueryParameters());
        } catch (StatusException e) {
            return Problems.respond(request, HttpStatus.BAD_REQUEST,
                Problems.of("invalid-parameter", "A parameter is malformed", 400, e.getMessage()));
        }
        StatusBoard.Selection selection;
        try {
            selection = selection(request.getQueryParameters(), linkHealth);
        } catch (StatusException e) {
            return Problems.respond(request, HttpStatus.BAD_REQUEST,
                Problems.of("invalid-parameter", "A parameter is malformed", 400, e.getMessage()));
        }
        StatusBoard board = StatusBoard.read(StatusResponses.service(linkHealth), linkHealth.clock().instant(), selection);
        if (format.equals("json")) {
            return request.createResponseBuilder(HttpStatus.OK).header("Content-Type", StatusResponses.JSON_MEDIA_TYPE)
                .header("X-Content-Type-Options", "nosniff").header("Cache-Control", "no-store")
                .body(json(board, linkHealth).toString()).build();
        }
        String nonce = PageSecurity.newNonce();
        HttpResponseMessage.Builder response = request.createResponseBuilder(HttpStatus.OK);
        PageSecurity.htmlHeaders(nonce).forEach(response::header);
        return response.body(StatusPageHtml.render(board, nonce, REFRESH_SECONDS)).build();
    }

    /**
     * Every profile, or with {@code profile=<id>} one profile from its {@code from}-th table; at most
     * {@code LINKHEALTH_STATUS_PAGE_MAX_TABLES} (500) tables on a page.
     */
    private static StatusBoard.Selection selection(Map<String, String> query, LinkHealth linkHealth) {
        String max = linkHealth.settings().get(StatusBoard.MAX_TABLES_SETTING);
        int maxTables = StatusBoard.DEFAULT_MAX_TABLES;
        if (max != null) {
            try {
                maxTables = Integer.parseInt(max);
            } catch (NumberFormatException e) {
                maxTables = -1;
            }
            if (maxTables < 1 || maxTables > 100_000) {
                throw new com.synapselinkhealth.config.Settings.InvalidSettingException(StatusBoard.MAX_TABLES_SETTING, max,
                    "a whole number from 1 to 100000");
            }
        }
        String profile = query == null ? null : query.get("profile");
        if (profile == null || profile.isBlank()) {
            return StatusBoard.Selection.all(maxTables);
        }
        java.util.UUID id = com.synapselinkhealth.dataverse.Guids.parse(profile.trim()).orElseThrow(() ->
            StatusException.invalidParameter("profile", profile, "a profile id (a GUID)"));
        String from = query.get("from");
        int first = 0;
        if (from != null && !from.isBlank()) {
            try {
                first = Integer.parseInt(from.trim());
            } catch (NumberFormatException e) {
                first = -1;
            }
            if (first < 0) {
                throw StatusException.invalidParameter("from", from, "a table position, 0 or more");
            }
        }
        return new StatusBoard.Selection(id, first, maxTables);
    }

    private static String format(Map<String, String> query) {
        String text = query == null ? null : query.get("format");
        if (text == null || text.isBlank() || text.trim().equalsIgnoreCase("html")) {
            return "html";
        }
        if (text.trim().equalsIgnoreCase("json")) {
            return "json";
        }
        throw StatusException.invalidParameter("format", text, "html (the default) or json");
    }

    /**
     * {@code asOf}, {@code changesTooOld} (callbacks older than the row history kept, judged as stale), {@code profiles} (each a ProfileHealth of the connector with its {@code tables}, each a
     * TableStatus) and {@code recentEvents} (each event as the triggers deliver it).
     */
    static ObjectNode json(StatusBoard board, LinkHealth linkHealth) {
        ObjectNode root = JSON.createObjectNode();
        root.put("asOf", board.asOf().toString());
        root.put("changesTooOld", board.changesTooOld());
        ArrayNode profiles = root.putArray("profiles");
        ArrayNode more = JSON.createArrayNode();
        for (StatusBoard.ProfileBoard profile : board.profiles()) {
            ObjectNode node = StatusJson.profileHealth(profile.health());
            ArrayNode tables = node.putArray("tables");
            profile.tables().forEach(t -> tables.add(StatusJson.tableStatus(t)));
            if (profile.truncated() && !(profile.alone() && profile.nextTable() >= profile.totalTables())) {
                // the rest: this profile alone, page by page (add the key as for this page)
                String id = profile.health().profile().id().toString();
                ObjectNode left = more.addObject();
                left.put("profileId", id);
                left.put("tablesShown", profile.tables().size());
                left.put("tablesTotal", profile.totalTables());
                left.put("next", "?format=json&profile=" + id + "&from=" + (profile.alone() ? profile.nextTable() : 0));
            }
            profiles.add(node);
        }
        if (!more.isEmpty()) {
            root.set("moreTables", more); // profiles with more tables than this page holds
        }
        ArrayNode events = root.putArray("recentEvents");
        for (HealthEvent event : board.recentEvents()) {
            events.add(linkHealth.readyToPost().toNode(event));
        }
        return root;
    }
}
