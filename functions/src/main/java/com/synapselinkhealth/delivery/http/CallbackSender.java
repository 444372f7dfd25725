package com.synapselinkhealth.delivery.http;

import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.netty.NettyAsyncHttpClientBuilder;
import com.azure.core.http.policy.UserAgentPolicy;
import com.azure.core.util.Context;
import com.synapselinkhealth.delivery.AttemptResult;
import com.synapselinkhealth.delivery.BlockedCallbackException;
import com.synapselinkhealth.delivery.CallbackAddressPolicy;
import com.synapselinkhealth.subscriptions.CallbackUrl;
import io.netty.util.NetUtil;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.TimeoutException;

/**
 * Posts one event to one callback URL over azure-core's HTTP pipeline on the Netty client: a 30 s response
 * timeout, redirects never followed (a 3xx is a failure), the address checked by the resolver at connect time.
 * The event id rides along in {@code webhook-id} for flow-side deduplication.
 */
public final class CallbackSender {
    public static final String EVENT_ID_HEADER = "webhook-id";
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpPipeline pipeline;
    private final CallbackAddressPolicy policy;

    public CallbackSender(CallbackAddressPolicy policy) {
        this(policy, TIMEOUT);
    }

    public CallbackSender(CallbackAddressPolicy policy, Duration timeout) {
        this.policy = policy;
        reactor.netty.http.client.HttpClient netty = reactor.netty.http.client.HttpClient.create()
            .resolver(new PublicAddressResolverGroup(policy))
            .followRedirect(false);
        HttpClient client = new NettyAsyncHttpClientBuilder(netty)
            .connectTimeout(Duration.ofSeconds(10))
            .responseTimeout(timeout)
            .readTimeout(timeout)
            .writeTimeout(timeout)
            .build();
        this.pipeline = new HttpPipelineBuilder()
            .httpClient(client)
            .policies(new UserAgentPolicy("synapse-link-health/1.0"))
            .build();
    }

    /** Sends the event JSON; never throws for a network problem, which comes back as a result without status. */
    public AttemptResult send(CallbackUrl url, String eventId, String eventJson, int attempt) {
        if (!url.isHttps() && !policy.allowsLocal()) {
            return new AttemptResult(0, null, "refused: the callback URL is not https");
        }
        if (isIpLiteral(url.host()) && !policy.allowsLocal()) {
            // The client connects to an IP literal without asking the resolver, so it is checked here (no DNS involved).
            try {
                policy.check(url);
            } catch (BlockedCallbackException e) {
                return new AttemptResult(0, null, "refused: " + e.getMessage());
            }
        }
        HttpRequest request = new HttpRequest(HttpMethod.POST, url.reveal())
            .setHeader(HttpHeaderName.CONTENT_TYPE, "application/json; charset=utf-8")
            .setHeader(HttpHeaderName.fromString(EVENT_ID_HEADER), eventId)
            .setHeader(HttpHeaderName.fromString("x-linkhealth-attempt"), Integer.toString(attempt))
            .setBody(eventJson.getBytes(StandardCharsets.UTF_8));
        try (HttpResponse response = pipeline.sendSync(request, Context.NONE)) {
            int status = response.getStatusCode();
            Duration retryAfter = retryAfter(response.getHeaderValue(HttpHeaderName.RETRY_AFTER));
            return new AttemptResult(status, retryAfter, null);
        } catch (RuntimeException e) {
            return new AttemptResult(0, null, describe(e));
        }
    }

    private static boolean isIpLiteral(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return NetUtil.isValidIpV4Address(h) || NetUtil.isValidIpV6Address(h);
    }

    private static String describe(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BlockedCallbackException) {
                return "refused: " + t.getMessage();
            }
            if (t instanceof TimeoutException || t.getClass().getSimpleName().contains("Timeout")) {
                return "timed out";
            }
            if (t instanceof UnknownHostException) {
                return "the callback host does not resolve";
            }
            if (t instanceof ConnectException) {
                return "connection refused";
            }
        }
        return "no response: " + e.getClass().getSimpleName();
    }

    /** {@code Retry-After} as seconds or an HTTP date; {@code null} when absent or unreadable. */
    public static Duration retryAfter(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            long seconds = Long.parseLong(value.trim());
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException e) {
            try {
                Instant at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration d = Duration.between(Instant.now(), at);
                return d.isNegative() ? Duration.ZERO : d;
            } catch (DateTimeParseException ignored) {
                return null;
            }
        }
    }
}
