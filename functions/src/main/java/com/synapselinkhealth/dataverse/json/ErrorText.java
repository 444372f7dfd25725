package com.synapselinkhealth.dataverse.json;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The pieces of {@link RemoteExecutionContextParser}'s error messages: what kind of JSON value a node is, a value
 * cut to one short line, and the first line of a JSON library message without the library's own names.
 */
final class ErrorText {
    private ErrorText() {
    }

    /** The parser's message, first line only, without the names of Jackson's classes and settings. */
    static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int nl = message.indexOf('\n');
        String line = nl < 0 ? message : message.substring(0, nl);
        if (line.startsWith("Trailing token")) {
            line = "there is more data after the JSON value";
        }
        line = line.replaceAll("\\s*\\(bound as `[^`]*`\\)", "")
            .replaceAll(":? ?(not allowed as per|use) `[^`]*`[^.;]*", "")
            .replaceAll("\\s*\\(`[^`]*` [^)]*\\)", "")
            .replaceAll(", from `[^`]*`", "")
            .replaceAll("`[a-z]+(\\.[a-zA-Z0-9_$]+)+`", "")
            .replace("Source: REDACTED", "")
            .replaceAll("\\s{2,}", " ").trim();
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }

    static String describe(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> "a " + node.getNodeType().name().toLowerCase();
        };
    }

    static String clip(String text) {
        String oneLine = text.replaceAll("[\\p{Cntrl}]", "?");
        return oneLine.length() > 80 ? oneLine.substring(0, 80) + "..." : oneLine;
    }
}
