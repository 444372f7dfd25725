package com.synapselinkhealth.local;

import com.microsoft.azure.functions.HttpStatus;
import com.synapselinkhealth.app.EntryPoints;
import com.synapselinkhealth.app.LinkHealth;
import com.synapselinkhealth.functions.DataverseWebhookFunction;
import com.synapselinkhealth.functions.DigestFunctions;
import com.synapselinkhealth.functions.EventsFunctions;
import com.synapselinkhealth.functions.ProfilesFunctions;
import com.synapselinkhealth.functions.StatusPageFunctions;
import com.synapselinkhealth.functions.SubscriptionFunctions;
import com.synapselinkhealth.local.host.LocalExecutionContext;
import com.synapselinkhealth.local.host.LocalHttpRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * Every HTTP function of the app as the local server serves it: the same routes, methods and auth levels as their
 * {@code @HttpTrigger} annotations (a test checks the two agree).
 */
final class LocalRoutes {
    private LocalRoutes() {
    }

    static List<LocalRoute> of(LinkHealth app, LocalServer server) {
        List<LocalRoute> routes = new ArrayList<>();
        routes.add(LocalRoute.of("GET", "health", false, (request, params) ->
            LocalHttpRequest.respond(HttpStatus.OK).header("Content-Type", "application/json")
                .body("{\"status\":\"ok\"}").build()));
        routes.add(new LocalRoute("POST", DataverseWebhookFunction.ROUTE, true,
            (request, params) -> server.callWebhook(request), server::webhookTooLarge));
        EntryPoints functions = EntryPoints.of(app);
        addSubscriptionRoutes(routes, functions);
        addStatusRoutes(routes, functions);
        addStatusPageRoutes(routes, functions);
        return routes;
    }

    /** The connector's trigger subscriptions. */
    private static void addSubscriptionRoutes(List<LocalRoute> routes, EntryPoints functions) {
        SubscriptionFunctions subscriptions = functions.create(SubscriptionFunctions.class);
        routes.add(LocalRoute.of("POST", SubscriptionFunctions.TABLE_FAILURES_ROUTE, true, (request, params) ->
            subscriptions.onTableSyncFailure(request, new LocalExecutionContext("OnTableSyncFailure"))));
        routes.add(LocalRoute.of("POST", SubscriptionFunctions.DIGEST_ROUTE, true, (request, params) ->
            subscriptions.onHealthDigest(request, new LocalExecutionContext("OnHealthDigest"))));
        routes.add(LocalRoute.of("POST", SubscriptionFunctions.ROUTE, true, (request, params) ->
            subscriptions.onHealthEvent(request, new LocalExecutionContext("OnHealthEvent"))));
        routes.add(LocalRoute.of("DELETE", SubscriptionFunctions.ONE_ROUTE, true, (request, params) ->
            subscriptions.deleteSubscription(request.withTextBody(), params.get("subscriptionId"),
                new LocalExecutionContext("DeleteSubscription"))));
    }

    /** The connector's read-only actions: profiles, their health and tables, recent events, the event catalogue, the digest. */
    private static void addStatusRoutes(List<LocalRoute> routes, EntryPoints functions) {
        ProfilesFunctions profiles = functions.create(ProfilesFunctions.class);
        EventsFunctions events = functions.create(EventsFunctions.class);
        routes.add(LocalRoute.of("GET", ProfilesFunctions.PROFILES_ROUTE, true, (request, params) ->
            profiles.listProfiles(request.withTextBody(), new LocalExecutionContext("ListProfiles"))));
        routes.add(LocalRoute.of("GET", ProfilesFunctions.PROFILE_HEALTH_ROUTE, true, (request, params) ->
            profiles.getProfileHealth(request.withTextBody(), params.get("profileId"),
                new LocalExecutionContext("GetProfileHealth"))));
        routes.add(LocalRoute.of("GET", ProfilesFunctions.PROFILE_TABLES_ROUTE, true, (request, params) ->
            profiles.listProfileTables(request.withTextBody(), params.get("profileId"),
                new LocalExecutionContext("ListProfileTables"))));
        routes.add(LocalRoute.of("GET", ProfilesFunctions.TABLE_STATUS_ROUTE, true, (request, params) ->
            profiles.getTableStatus(request.withTextBody(), params.get("profileId"), params.get("table"),
                new LocalExecutionContext("GetTableStatus"))));
        routes.add(LocalRoute.of("GET", EventsFunctions.EVENTS_ROUTE, true, (request, params) ->
            events.listRecentEvents(request.withTextBody(), new LocalExecutionContext("ListRecentEvents"))));
        routes.add(LocalRoute.of("GET", EventsFunctions.EVENT_TYPES_ROUTE, true, (request, params) ->
            events.listEventTypes(request.withTextBody(), new LocalExecutionContext("ListEventTypes"))));
        DigestFunctions digest = functions.create(DigestFunctions.class);
        routes.add(LocalRoute.of("GET", DigestFunctions.ROUTE, true, (request, params) ->
            digest.getHealthDigest(request.withTextBody(), new LocalExecutionContext("GetHealthDigest"))));
    }

    /** The status page: with the function key, and the anonymous one (answers only when the setting allows it). */
    private static void addStatusPageRoutes(List<LocalRoute> routes, EntryPoints functions) {
        StatusPageFunctions page = functions.create(StatusPageFunctions.class);
        routes.add(LocalRoute.of("GET", StatusPageFunctions.ROUTE, true, (request, params) ->
            page.statusPage(request.withTextBody(), new LocalExecutionContext("StatusPage"))));
        routes.add(LocalRoute.of("GET", StatusPageFunctions.PUBLIC_ROUTE, false, (request, params) ->
            page.publicStatusPage(request.withTextBody(), new LocalExecutionContext("PublicStatusPage"))));
    }
}
