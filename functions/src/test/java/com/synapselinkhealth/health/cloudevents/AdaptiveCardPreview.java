package com.synapselinkhealth.health.cloudevents;

import com.fasterxml.jackson.databind.JsonNode;
import com.synapselinkhealth.health.messages.Markdown;

/**
 * Our own small HTML rendering of the cards this app builds (TextBlock, FactSet, Action.OpenUrl), styled after a
 * Teams message, for the picture in docs/connector.md. It is not Teams and not the Adaptive Cards SDK: it shows the
 * card's content and structure, not exactly how a Teams client draws it. Self-contained: no script, no external asset.
 */
public final class AdaptiveCardPreview {
    private AdaptiveCardPreview() {
    }

    public static String html(JsonNode card, String caption) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Adaptive Card preview</title><style>")
            .append("body{margin:0;padding:24px;background:#f5f5f5;font:14px/1.45 'Segoe UI',system-ui,sans-serif;color:#242424}")
            .append(".note{color:#616161;font-size:12px;margin:0 0 10px}")
            .append(".msg{max-width:560px;background:#fff;border-radius:6px;box-shadow:0 1px 3px rgba(0,0,0,.18);padding:12px 16px}")
            .append(".who{font-size:12px;color:#616161;margin-bottom:8px}.who b{color:#242424}")
            .append(".card{border:1px solid #e0e0e0;border-radius:4px;padding:14px 16px}")
            .append(".tb{margin:0 0 8px}.bolder{font-weight:700}.medium{font-size:17px}")
            .append(".attention{color:#c4314b}.warning{color:#835c00}.accent{color:#5b5fc7}.good{color:#237b4b}")
            .append("table{border-collapse:collapse;margin:4px 0 10px}th{text-align:left;font-weight:600;padding:2px 16px 2px 0;")
            .append("vertical-align:top;white-space:nowrap}td{padding:2px 0;overflow-wrap:anywhere}")
            .append(".act{display:inline-block;border:1px solid #d1d1d1;border-radius:4px;padding:5px 14px;font-weight:600;color:#242424}")
            .append("</style></head><body><p class=\"note\">").append(escape(caption)).append("</p><div class=\"msg\">")
            .append("<div class=\"who\"><b>Synapse Link Health</b> via Power Automate</div><div class=\"card\">");
        for (JsonNode element : card.path("body")) {
            switch (element.path("type").asText()) {
                case "TextBlock" -> h.append("<p class=\"tb ").append(element.path("weight").asText("")).append(' ')
                    .append(element.path("size").asText("")).append(' ').append(element.path("color").asText(""))
                    .append("\">").append(text(element.path("text").asText())).append("</p>");
                case "FactSet" -> {
                    h.append("<table>");
                    for (JsonNode fact : element.path("facts")) {
                        h.append("<tr><th>").append(text(fact.path("title").asText())).append("</th><td>")
                            .append(text(fact.path("value").asText())).append("</td></tr>");
                    }
                    h.append("</table>");
                }
                default -> h.append("<p>(").append(escape(element.path("type").asText())).append(")</p>");
            }
        }
        for (JsonNode action : card.path("actions")) {
            h.append("<span class=\"act\">").append(escape(action.path("title").asText())).append("</span> ");
        }
        return h.append("</div></div></body></html>").toString();
    }

    /** A TextBlock's Markdown as its reader sees it: our cards hold only escaped text. */
    private static String text(String markdown) {
        return escape(Markdown.unescape(markdown));
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
