package com.synapselinkhealth.delivery.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.synapselinkhealth.delivery.Delivery;

/**
 * A delivery as a queue message (the {@code linkhealth-delivery} queue):
 * <pre>{@code
 * {"v":1,"subscriptionId":"...","eventId":"...","attemptsMade":0,"lastOutcome":null,"event":{ CloudEvent }}
 * }</pre>
 * {@code attemptsMade} counts the attempts already made, so the message's receiver makes attempt
 * {@code attemptsMade + 1}; {@code event} is the CloudEvent JSON exactly as it is posted.
 */
public final class DeliveryJson {
    static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    private DeliveryJson() {
    }

    public static String write(Delivery delivery) {
        ObjectNode node = JSON.createObjectNode();
        node.put("v", VERSION);
        node.put("subscriptionId", delivery.subscriptionId());
        node.put("eventId", delivery.eventId());
        node.put("attemptsMade", delivery.attemptsMade());
        node.put("lastOutcome", delivery.lastOutcome());
        try {
            node.set("event", JSON.readTree(delivery.eventJson()));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the event of a delivery is not JSON", e);
        }
        return node.toString();
    }

    /** @throws IllegalArgumentException when the text is not a delivery message */
    public static Delivery read(String text) {
        JsonNode node;
        try {
            node = text == null ? null : JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        if (node.path("v").asInt(0) != VERSION) {
            throw new IllegalArgumentException("unknown message version " + node.path("v"));
        }
        String subscriptionId = text(node, "subscriptionId");
        String eventId = text(node, "eventId");
        JsonNode attempts = node.get("attemptsMade");
        if (attempts == null || !attempts.canConvertToInt() || attempts.asInt() < 0) {
            throw new IllegalArgumentException("'attemptsMade' must be a whole number of at least 0");
        }
        JsonNode event = node.get("event");
        if (event == null || !event.isObject()) {
            throw new IllegalArgumentException("'event' must be a JSON object");
        }
        JsonNode outcome = node.get("lastOutcome");
        return new Delivery(subscriptionId, eventId, event.toString(), attempts.asInt(),
            outcome == null || outcome.isNull() ? null : outcome.asText());
    }

    private static String text(JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null || !value.isTextual() || value.asText().isEmpty()) {
            throw new IllegalArgumentException("'" + name + "' must be a non-empty string");
        }
        return value.asText();
    }
}
