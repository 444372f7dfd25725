package com.synapselinkhealth.functions;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The one Jackson mapper of the entry points' own JSON: request bodies they read (subscribe requests, Service Bus
 * messages) and the small answers they write (webhook status, problem documents, subscriptions). Events are written
 * by {@code health.cloudevents}, the connector's read shapes by {@code status.json}.
 */
final class HttpJson {
    /** Thread-safe once configured; nothing here configures it further. */
    static final ObjectMapper MAPPER = new ObjectMapper();

    private HttpJson() {
    }
}
