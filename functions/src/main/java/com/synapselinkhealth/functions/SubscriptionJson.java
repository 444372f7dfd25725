package com.synapselinkhealth.functions;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.synapselinkhealth.health.Severity;
import com.synapselinkhealth.subscriptions.SubscribeRequest;
import com.synapselinkhealth.subscriptions.Subscription;
import java.util.Map;

/** The JSON of the connector's subscriptions: a trigger's request as {@link SubscribeRequest} reads it, and the answer. */
final class SubscriptionJson {
    private static final ObjectMapper JSON = HttpJson.MAPPER;
    private static final TypeReference<Map<String, Object>> MEMBERS = new TypeReference<>() {
    };

    private SubscriptionJson() {
    }

    /** The body's members as plain values (strings, lists, ...), or {@code null} when the body is not an object. */
    static Map<String, Object> members(JsonNode body) {
        return body.isObject() ? JSON.convertValue(body, MEMBERS) : null;
    }

    /** The subscription as the trigger's subscribe is answered (never its callback URL, a secret). */
    static ObjectNode toJson(Subscription s) {
        ObjectNode node = JSON.createObjectNode();
        node.put("id", s.id());
        node.put("trigger", s.trigger().name());
        node.put("profile", s.filter().profile());
        node.put("table", s.filter().table());
        ArrayNode events = node.putArray("events");
        s.filter().events().stream().sorted().forEach(e -> events.add(e.name()));
        node.put("minimumSeverity", s.filter().minimumSeverity() == null ? Severity.INFO.wireName()
            : s.filter().minimumSeverity().wireName());
        node.put("createdAt", s.createdAt().toString());
        return node;
    }
}
