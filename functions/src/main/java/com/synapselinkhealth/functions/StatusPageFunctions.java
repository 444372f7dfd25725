package com.synapselinkhealth.functions;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatus;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import com.synapselinkhealth.app.LinkHealth;
import com.synapselinkhealth.status.StatusException;
import com.synapselinkhealth.statuspage.PageSecurity;
import com.synapselinkhealth.statuspage.StatusBoard;
import com.synapselinkhealth.statuspage.StatusPageHtml;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The status page: {@code GET /api/status} (function key, like every route of the app) and, for a team that wants
 * it on a wall screen or behind App Service sign-in, the same page anonymously at {@code GET /api/public/status},
 * which answers 404 unless {@code LINKHEALTH_STATUS_PAGE_ANONYMOUS=true} (the Functions host fixes a route's auth
 * level when the app is built, so the choice is two routes and a setting read on each request). HTML by default;
 * {@code ?format=json} answers the same data as JSON ({@link StatusBoardJson}). Any other {@code format} is a 400
 * problem.
 */
public final class StatusPageFunctions {
    public static final String ROUTE = "status";
    public static final String PUBLIC_ROUTE = "public/status";
    /** How often the page reloads itself. */
    public static final int REFRESH_SECONDS = 30;

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
        LinkHealth app = this.app.get();
        if (!app.settings().statusPageAnonymous()) {
            return Problems.respond(request, HttpStatus.NOT_FOUND, Problems.of("not-found", "No such route", 404,
                "Nothing is served at /api/" + PUBLIC_ROUTE + "."));
        }
        return page(request, app);
    }

    private static HttpResponseMessage page(HttpRequestMessage<?> request, LinkHealth app) {
        StatusPageQuery query;
        try {
            query = StatusPageQuery.read(request.getQueryParameters(), app.settings());
        } catch (StatusException e) {
            return Problems.respond(request, HttpStatus.BAD_REQUEST,
                Problems.of("invalid-parameter", "A parameter is malformed", 400, e.getMessage()));
        }
        StatusBoard board = StatusBoard.read(app.status(), app.clock().instant(), query.selection());
        if (query.json()) {
            return request.createResponseBuilder(HttpStatus.OK).header("Content-Type", StatusResponses.JSON_MEDIA_TYPE)
                .header("X-Content-Type-Options", "nosniff").header("Cache-Control", "no-store")
                .body(StatusBoardJson.of(board, app.readyToPost()).toString()).build();
        }
        String nonce = PageSecurity.newNonce();
        HttpResponseMessage.Builder response = request.createResponseBuilder(HttpStatus.OK);
        PageSecurity.htmlHeaders(nonce).forEach(response::header);
        return response.body(StatusPageHtml.render(board, nonce, REFRESH_SECONDS)).build();
    }
}
