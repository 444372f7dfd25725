package com.synapselinkhealth.functions;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatus;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import com.synapselinkhealth.config.Settings;
import com.synapselinkhealth.health.cloudevents.ReadyToPostEvents;
import com.synapselinkhealth.status.StatusException;
import com.synapselinkhealth.status.StatusService;
import com.synapselinkhealth.statuspage.PageSecurity;
import com.synapselinkhealth.statuspage.StatusBoard;
import com.synapselinkhealth.statuspage.StatusPageHtml;
import java.time.Clock;
import java.util.Optional;

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

    private final StatusService status;
    private final ReadyToPostEvents readyToPost;
    private final Settings settings;
    private final Clock clock;

    /** @param settings read on each request: whether the anonymous page answers, and its table limit */
    public StatusPageFunctions(StatusService status, ReadyToPostEvents readyToPost, Settings settings, Clock clock) {
        this.status = status;
        this.readyToPost = readyToPost;
        this.settings = settings;
        this.clock = clock;
    }

    @FunctionName("StatusPage")
    public HttpResponseMessage statusPage(
        @HttpTrigger(name = "request", methods = {HttpMethod.GET}, route = ROUTE, authLevel = AuthorizationLevel.FUNCTION)
        HttpRequestMessage<Optional<String>> request,
        ExecutionContext context) {
        return page(request);
    }

    @FunctionName("PublicStatusPage")
    public HttpResponseMessage publicStatusPage(
        @HttpTrigger(name = "request", methods = {HttpMethod.GET}, route = PUBLIC_ROUTE,
            authLevel = AuthorizationLevel.ANONYMOUS)
        HttpRequestMessage<Optional<String>> request,
        ExecutionContext context) {
        if (!settings.statusPageAnonymous()) {
            return Problems.respond(request, HttpStatus.NOT_FOUND, Problems.of("not-found", "No such route", 404,
                "Nothing is served at /api/" + PUBLIC_ROUTE + "."));
        }
        return page(request);
    }

    private HttpResponseMessage page(HttpRequestMessage<?> request) {
        StatusPageQuery query;
        try {
            query = StatusPageQuery.read(request.getQueryParameters(), settings);
        } catch (StatusException e) {
            return Problems.respond(request, HttpStatus.BAD_REQUEST,
                Problems.of("invalid-parameter", "A parameter is malformed", 400, e.getMessage()));
        }
        StatusBoard board = StatusBoard.read(status, clock.instant(), query.selection());
        if (query.json()) {
            return request.createResponseBuilder(HttpStatus.OK).header("Content-Type", StatusResponses.JSON_MEDIA_TYPE)
                .header("X-Content-Type-Options", "nosniff").header("Cache-Control", "no-store")
                .body(StatusBoardJson.of(board, readyToPost).toString()).build();
        }
        String nonce = PageSecurity.newNonce();
        HttpResponseMessage.Builder response = request.createResponseBuilder(HttpStatus.OK);
        PageSecurity.htmlHeaders(nonce).forEach(response::header);
        return response.body(StatusPageHtml.render(board, nonce, REFRESH_SECONDS)).build();
    }
}
