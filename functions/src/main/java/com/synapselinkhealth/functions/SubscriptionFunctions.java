package com.synapselinkhealth.functions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatus;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import com.synapselinkhealth.config.InputLimits;
import com.synapselinkhealth.delivery.BlockedCallbackException;
import com.synapselinkhealth.delivery.CallbackAddressPolicy;
import com.synapselinkhealth.store.SubscriptionStore;
import com.synapselinkhealth.subscriptions.SubscribeRequest;
import com.synapselinkhealth.subscriptions.Subscription;
import com.synapselinkhealth.subscriptions.TriggerKind;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The connector's webhook triggers: Power Automate subscribes when a flow with the trigger is saved (POST with its
 * callback URL; answered 201 with the subscription's absolute URL in {@code Location}) and unsubscribes with a
 * DELETE of that URL when the trigger is removed or the flow turned off.
 */
public final class SubscriptionFunctions {
    public static final String ROUTE = "subscriptions";
    public static final String TABLE_FAILURES_ROUTE = "subscriptions/table-sync-failures";
    public static final String DIGEST_ROUTE = "subscriptions/health-digest";
    public static final String ONE_ROUTE = "subscriptions/{subscriptionId}";
    private static final ObjectMapper JSON = HttpJson.MAPPER;

    private final SubscriptionStore subscriptions;
    private final CallbackAddressPolicy callbackPolicy;
    private final long maxBodyBytes;
    private final Supplier<InputLimits> limits;
    private final Clock clock;

    /**
     * @param maxBodyBytes the largest subscribe body read
     * @param limits read on each subscribe, once its body is judged usable ({@code LINKHEALTH_MAX_SUBSCRIPTIONS})
     */
    public SubscriptionFunctions(SubscriptionStore subscriptions, CallbackAddressPolicy callbackPolicy, long maxBodyBytes,
                                 Supplier<InputLimits> limits, Clock clock) {
        this.subscriptions = subscriptions;
        this.callbackPolicy = callbackPolicy;
        this.maxBodyBytes = maxBodyBytes;
        this.limits = limits;
        this.clock = clock;
    }

    @FunctionName("OnHealthEvent")
    public HttpResponseMessage onHealthEvent(
        @HttpTrigger(name = "request", methods = {HttpMethod.POST}, route = ROUTE,
            authLevel = AuthorizationLevel.FUNCTION, dataType = "binary")
        HttpRequestMessage<Optional<byte[]>> request,
        ExecutionContext context) {
        return subscribe(request, TriggerKind.OnHealthEvent, context);
    }

    @FunctionName("OnTableSyncFailure")
    public HttpResponseMessage onTableSyncFailure(
        @HttpTrigger(name = "request", methods = {HttpMethod.POST}, route = TABLE_FAILURES_ROUTE,
            authLevel = AuthorizationLevel.FUNCTION, dataType = "binary")
        HttpRequestMessage<Optional<byte[]>> request,
        ExecutionContext context) {
        return subscribe(request, TriggerKind.OnTableSyncFailure, context);
    }

    @FunctionName("OnHealthDigest")
    public HttpResponseMessage onHealthDigest(
        @HttpTrigger(name = "request", methods = {HttpMethod.POST}, route = DIGEST_ROUTE,
            authLevel = AuthorizationLevel.FUNCTION, dataType = "binary")
        HttpRequestMessage<Optional<byte[]>> request,
        ExecutionContext context) {
        return subscribe(request, TriggerKind.OnHealthDigest, context);
    }

    @FunctionName("DeleteSubscription")
    public HttpResponseMessage deleteSubscription(
        @HttpTrigger(name = "request", methods = {HttpMethod.DELETE}, route = ONE_ROUTE,
            authLevel = AuthorizationLevel.FUNCTION)
        HttpRequestMessage<Optional<String>> request,
        @BindingName("subscriptionId") String subscriptionId,
        ExecutionContext context) {
        if (subscriptionId != null && subscriptions.delete(subscriptionId)) {
            context.getLogger().info(() -> "Removed subscription " + subscriptionId + " at the flow's request.");
            return request.createResponseBuilder(HttpStatus.NO_CONTENT).build();
        }
        return Problems.respond(request, HttpStatus.NOT_FOUND, Problems.of("subscription-not-found",
            "No such subscription", 404, "No subscription has the id '" + clip(subscriptionId)
                + "'; it was already removed or never existed."));
    }

    private HttpResponseMessage subscribe(HttpRequestMessage<Optional<byte[]>> request, TriggerKind trigger,
                                          ExecutionContext context) {
        JsonNode body;
        try {
            byte[] bytes = request.getBody() == null ? null : request.getBody().orElse(null);
            if (bytes == null || bytes.length == 0) {
                return invalid(request, HttpStatus.BAD_REQUEST, "not-json", "The body is empty; send the trigger's filters "
                    + "and callbackUrl as a JSON object.");
            }
            if (bytes.length > maxBodyBytes) {
                return invalid(request, HttpStatus.PAYLOAD_TOO_LARGE, "too-large", "The body is over the size limit.");
            }
            body = JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            return invalid(request, HttpStatus.BAD_REQUEST, "not-json", "The body is not valid JSON.");
        } catch (java.io.IOException e) {
            return invalid(request, HttpStatus.BAD_REQUEST, "not-json", "The body could not be read.");
        }
        SubscribeRequest subscribe;
        try {
            subscribe = SubscribeRequest.read(trigger, SubscriptionJson.members(body), callbackPolicy::check);
        } catch (IllegalArgumentException e) {
            return invalid(request, HttpStatus.UNPROCESSABLE_ENTITY, "invalid-subscription", clip(e.getMessage(), 300));
        } catch (BlockedCallbackException e) {
            return invalid(request, HttpStatus.UNPROCESSABLE_ENTITY, "callback-refused", e.getMessage());
        }
        Subscription subscription = subscribe.subscription(UUID.randomUUID().toString(), clock.instant());
        int max = limits.get().maxSubscriptions();
        if (!subscriptions.saveWithin(subscription, max)) {
            context.getLogger().warning(() -> "Refused a subscription: the deployment already has " + max
                + " (LINKHEALTH_MAX_SUBSCRIPTIONS).");
            return Problems.respond(request, HttpStatus.CONFLICT, Problems.of("subscription-limit",
                "Too many subscriptions", 409, "This deployment already has " + max + " subscriptions, its limit "
                    + "(LINKHEALTH_MAX_SUBSCRIPTIONS); remove flows' triggers that are no longer used, or raise the "
                    + "limit."));
        }
        context.getLogger().info(() -> "Subscribed " + subscription.id() + " (" + trigger + ") for "
            + subscription.callbackUrl() + ".");
        return request.createResponseBuilder(HttpStatus.CREATED)
            .header("Content-Type", "application/json")
            .header("Location", location(request.getUri(), subscription.id()))
            .body(SubscriptionJson.toJson(subscription).toString())
            .build();
    }

    /** The subscription's absolute URL on the same host and base path as the request. */
    static String location(URI requestUri, String id) {
        String path = requestUri.getRawPath() == null ? "" : requestUri.getRawPath();
        int at = path.indexOf("/" + ROUTE);
        String base = at < 0 ? "/api" : path.substring(0, at);
        String authority = requestUri.getRawAuthority() == null ? "" : requestUri.getRawAuthority();
        return requestUri.getScheme() + "://" + authority + base + "/" + ROUTE + "/" + id;
    }

    private static HttpResponseMessage invalid(HttpRequestMessage<?> request, HttpStatus status, String type, String detail) {
        String title = status == HttpStatus.UNPROCESSABLE_ENTITY ? "The subscription cannot be created"
            : status == HttpStatus.PAYLOAD_TOO_LARGE ? "The body is too large" : "The body is not JSON";
        return Problems.respond(request, status, Problems.of(type, title, status.value(), detail));
    }

    private static String clip(String text) {
        return clip(text, 80);
    }

    private static String clip(String text, int max) {
        if (text == null) {
            return "";
        }
        String safe = com.synapselinkhealth.text.VisibleText.of(text);
        return safe.length() > max ? safe.substring(0, max) + "..." : safe;
    }
}
