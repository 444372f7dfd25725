package com.synapselinkhealth.config;

import java.time.Duration;

/**
 * The limits of {@code ./linkhealth serve}'s HTTP front (in Azure the Functions host and App Service front ends hold
 * these): how long a client may take to send its request line and headers and its body, how long an idle keep-alive
 * connection stays open, how long writing a response may take, how many connections one client address and all
 * clients together may hold, how large the headers and all bodies being received at once may be, how many requests
 * may wait for a worker, and how long and how much the server keeps reading (and discarding) after an early answer
 * such as 413 so the client reads it instead of a reset. Every one is a setting with a default.
 */
public record HttpLimits(Duration headerTimeout, Duration bodyTimeout, Duration idleTimeout, Duration responseTimeout,
                         int maxConnections, int maxConnectionsPerClient, int maxHeaderBytes, long maxBufferedBodyBytes,
                         int workers, int maxQueuedRequests, Duration lingerTime, long lingerBytes) {
    public static final String HEADER_TIMEOUT_SECONDS = "LINKHEALTH_HTTP_HEADER_TIMEOUT_SECONDS";
    public static final String BODY_TIMEOUT_SECONDS = "LINKHEALTH_HTTP_BODY_TIMEOUT_SECONDS";
    public static final String IDLE_TIMEOUT_SECONDS = "LINKHEALTH_HTTP_IDLE_TIMEOUT_SECONDS";
    public static final String RESPONSE_TIMEOUT_SECONDS = "LINKHEALTH_HTTP_RESPONSE_TIMEOUT_SECONDS";
    public static final String MAX_CONNECTIONS = "LINKHEALTH_HTTP_MAX_CONNECTIONS";
    public static final String MAX_CONNECTIONS_PER_CLIENT = "LINKHEALTH_HTTP_MAX_CONNECTIONS_PER_CLIENT";
    public static final String MAX_HEADER_BYTES = "LINKHEALTH_HTTP_MAX_HEADER_BYTES";
    public static final String MAX_BUFFERED_BODY_BYTES = "LINKHEALTH_HTTP_MAX_BUFFERED_BODY_BYTES";
    public static final String WORKERS = "LINKHEALTH_HTTP_WORKERS";
    public static final String MAX_QUEUED_REQUESTS = "LINKHEALTH_HTTP_MAX_QUEUED_REQUESTS";
    public static final String LINGER_SECONDS = "LINKHEALTH_HTTP_LINGER_SECONDS";
    public static final String LINGER_BYTES = "LINKHEALTH_HTTP_LINGER_BYTES";

    public static final HttpLimits DEFAULT = new HttpLimits(Duration.ofSeconds(10), Duration.ofSeconds(30),
        Duration.ofSeconds(15), Duration.ofSeconds(30), 1_000, 64, 64 * 1024, 64L * 1024 * 1024, 64, 512,
        Duration.ofSeconds(5), 16L * 1024 * 1024);

    public HttpLimits {
        for (Duration d : new Duration[] {headerTimeout, bodyTimeout, idleTimeout, responseTimeout, lingerTime}) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("HTTP timeouts must be positive");
            }
        }
        if (maxConnections <= 0 || maxConnectionsPerClient <= 0 || maxHeaderBytes < 1024 || maxBufferedBodyBytes <= 0
            || workers <= 0 || maxQueuedRequests <= 0 || lingerBytes < 0) {
            throw new IllegalArgumentException("HTTP limits must be positive");
        }
    }

    public static HttpLimits from(Settings s) {
        return new HttpLimits(
            SettingValues.seconds(s, HEADER_TIMEOUT_SECONDS, DEFAULT.headerTimeout, 1, 600),
            SettingValues.seconds(s, BODY_TIMEOUT_SECONDS, DEFAULT.bodyTimeout, 1, 3600),
            SettingValues.seconds(s, IDLE_TIMEOUT_SECONDS, DEFAULT.idleTimeout, 1, 3600),
            SettingValues.seconds(s, RESPONSE_TIMEOUT_SECONDS, DEFAULT.responseTimeout, 1, 3600),
            SettingValues.wholeInt(s, MAX_CONNECTIONS, DEFAULT.maxConnections, 1, 100_000),
            SettingValues.wholeInt(s, MAX_CONNECTIONS_PER_CLIENT, DEFAULT.maxConnectionsPerClient, 1, 100_000),
            SettingValues.wholeInt(s, MAX_HEADER_BYTES, DEFAULT.maxHeaderBytes, 1024, 1024 * 1024),
            SettingValues.whole(s, MAX_BUFFERED_BODY_BYTES, DEFAULT.maxBufferedBodyBytes, 1024, 16L << 30),
            SettingValues.wholeInt(s, WORKERS, DEFAULT.workers, 1, 1024),
            SettingValues.wholeInt(s, MAX_QUEUED_REQUESTS, DEFAULT.maxQueuedRequests, 1, 100_000),
            SettingValues.seconds(s, LINGER_SECONDS, DEFAULT.lingerTime, 1, 600),
            SettingValues.whole(s, LINGER_BYTES, DEFAULT.lingerBytes, 0, 16L << 30));
    }
}
