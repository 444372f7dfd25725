package com.synapselinkhealth.functions;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import com.synapselinkhealth.health.cloudevents.ReadyToPostEvents;
import com.synapselinkhealth.status.EventCursor;
import com.synapselinkhealth.status.EventPage;
import com.synapselinkhealth.status.RecentEventsRequest;
import com.synapselinkhealth.status.StatusService;
import com.synapselinkhealth.status.json.StatusJson;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The connector's event actions: {@code GET /api/events} (ListRecentEvents: filtered, newest first, a page at a
 * time with an absolute {@code nextLink}) and {@code GET /api/event-types} (ListEventTypes: the catalogue).
 */
public final class EventsFunctions {
    public static final String EVENTS_ROUTE = "events";
    public static final String EVENT_TYPES_ROUTE = "event-types";

    private final Supplier<StatusService> status;
    private final Supplier<ReadyToPostEvents> readyToPost;

    /** The use cases are asked for on first need in each request (an action that needs none answers without them). */
    public EventsFunctions(Supplier<StatusService> status, Supplier<ReadyToPostEvents> readyToPost) {
        this.status = status;
        this.readyToPost = readyToPost;
    }

    @FunctionName("ListRecentEvents")
    public HttpResponseMessage listRecentEvents(
        @HttpTrigger(name = "request", methods = {HttpMethod.GET}, route = EVENTS_ROUTE,
            authLevel = AuthorizationLevel.FUNCTION)
        HttpRequestMessage<Optional<String>> request,
        ExecutionContext context) {
        return StatusResponses.answer(request, () -> {
            Map<String, String> query = request.getQueryParameters() == null ? Map.of() : request.getQueryParameters();
            StatusService status = this.status.get();
            EventPage page = status.recentEvents(RecentEventsRequest.fromParameters(query));
            return StatusJson.eventList(page, page.nextPage().map(next -> nextLink(request.getUri(), query, next))
                .orElse(null), readyToPost.get());
        });
    }

    @FunctionName("ListEventTypes")
    public HttpResponseMessage listEventTypes(
        @HttpTrigger(name = "request", methods = {HttpMethod.GET}, route = EVENT_TYPES_ROUTE,
            authLevel = AuthorizationLevel.FUNCTION)
        HttpRequestMessage<Optional<String>> request,
        ExecutionContext context) {
        return StatusResponses.answer(request, StatusJson::eventTypes);
    }

    /**
     * The URL of the next page: this request's scheme, host and path, the caller's filters and page size (never the
     * {@code code} key or anything else), and the skip token of the next page.
     */
    static String nextLink(URI uri, Map<String, String> query, EventCursor next) {
        StringBuilder link = new StringBuilder();
        link.append(uri.getScheme()).append("://").append(uri.getRawAuthority()).append(uri.getRawPath()).append('?');
        for (String name : RecentEventsRequest.PARAMETERS) {
            String value = query.get(name);
            if (value != null && !value.isBlank()) {
                link.append(name).append('=').append(encode(value.trim())).append('&');
            }
        }
        return link.append(RecentEventsRequest.SKIP_TOKEN).append('=').append(encode(next.toToken())).toString();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
