package com.synapselinkhealth.health.cloudevents;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.synapselinkhealth.health.HealthEvent;
import com.synapselinkhealth.health.messages.EventMessage;
import com.synapselinkhealth.health.messages.MarkdownMessage;
import com.synapselinkhealth.health.messages.StatusPageLink;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A health event as it is posted to a flow and listed by the recent-events action: its CloudEvent
 * ({@link HealthCloudEvents}, every field unchanged) with two more {@code data} members a flow can post as they
 * are: {@code card}, a Teams Adaptive Card ({@link AdaptiveCardJson}), and {@code markdown}, the short Markdown
 * message ({@link MarkdownMessage}). The event store keeps the plain CloudEvent; these are made when sent.
 */
public final class ReadyToPostEvents {

    private final StatusPageLink statusPage;

    /** @param statusPage where the messages link to, or {@code null} for no link */
    public ReadyToPostEvents(StatusPageLink statusPage) {
        this.statusPage = statusPage;
    }

    public ObjectNode toNode(HealthEvent event) {
        try {
            ObjectNode cloudEvent = (ObjectNode) CloudEventJson.MAPPER.readTree(HealthCloudEvents.toJson(event));
            ObjectNode data = (ObjectNode) cloudEvent.get("data");
            EventMessage message = EventMessage.of(event, statusPage);
            data.set("card", AdaptiveCardJson.card(message));
            data.put("markdown", MarkdownMessage.render(message));
            return cloudEvent;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read back the CloudEvent of event " + event.id(), e);
        }
    }

    /** The structured-mode JSON, on one line. */
    public String toJson(HealthEvent event) {
        return toNode(event).toString();
    }
}
