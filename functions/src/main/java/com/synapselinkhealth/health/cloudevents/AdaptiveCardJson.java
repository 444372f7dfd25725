package com.synapselinkhealth.health.cloudevents;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.synapselinkhealth.health.messages.EventMessage;
import com.synapselinkhealth.health.messages.Markdown;
import java.util.List;

/**
 * An {@link EventMessage} as a Microsoft Teams Adaptive Card (schema 1.4, so every Teams client and the Power
 * Automate "Post card in a chat or channel" action render it): a bold title in the severity's colour, the summary,
 * a FactSet, and an {@code Action.OpenUrl} to the status page when one is configured. TextBlocks and facts read a
 * subset of Markdown, so every value is escaped.
 */
public final class AdaptiveCardJson {
    public static final String SCHEMA = "http://adaptivecards.io/schemas/adaptive-card.json";
    public static final String VERSION = "1.4";

    private AdaptiveCardJson() {
    }

    public static ObjectNode card(EventMessage message) {
        ObjectNode card = CloudEventJson.MAPPER.createObjectNode();
        card.put("type", "AdaptiveCard");
        card.put("$schema", SCHEMA);
        card.put("version", VERSION);
        card.put("fallbackText", Markdown.escape(message.heading() + ": " + message.summary()));
        ArrayNode body = card.putArray("body");
        ObjectNode title = body.addObject();
        title.put("type", "TextBlock");
        title.put("text", Markdown.escape(message.heading()));
        title.put("weight", "bolder");
        title.put("size", "medium");
        title.put("color", color(message));
        title.put("wrap", true);
        ObjectNode summary = body.addObject();
        summary.put("type", "TextBlock");
        summary.put("text", Markdown.escape(message.summary()));
        summary.put("wrap", true);
        addFactSet(body, message.facts());
        for (EventMessage.Section section : message.sections()) {
            ObjectNode heading = body.addObject();
            heading.put("type", "TextBlock");
            heading.put("text", Markdown.escape(section.title()));
            heading.put("weight", "bolder");
            heading.put("wrap", true);
            heading.put("separator", true);
            addFactSet(body, section.facts());
        }
        message.statusPage().ifPresent(link -> {
            ObjectNode open = card.putArray("actions").addObject();
            open.put("type", "Action.OpenUrl");
            open.put("title", "Open the status page");
            open.put("url", link.uri().toASCIIString());
        });
        return card;
    }

    private static void addFactSet(ArrayNode body, List<EventMessage.Fact> facts) {
        ObjectNode factSet = body.addObject();
        factSet.put("type", "FactSet");
        ArrayNode items = factSet.putArray("facts");
        for (EventMessage.Fact fact : facts) {
            ObjectNode f = items.addObject();
            f.put("title", Markdown.escape(fact.title()));
            f.put("value", Markdown.escape(fact.value()));
        }
    }

    /** attention for errors, warning for warnings, accent for information. */
    static String color(EventMessage message) {
        return switch (message.severity()) {
            case ERROR -> "attention";
            case WARNING -> "warning";
            case INFO -> "accent";
        };
    }
}
