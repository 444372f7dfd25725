package com.synapselinkhealth.local;

import com.microsoft.azure.functions.HttpStatus;
import com.synapselinkhealth.app.LinkHealth;
import com.synapselinkhealth.functions.DataverseWebhookFunction;
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
        return routes;
    }
}
