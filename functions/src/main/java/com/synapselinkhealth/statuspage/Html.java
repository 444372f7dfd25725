package com.synapselinkhealth.statuspage;

import com.synapselinkhealth.text.VisibleText;

/**
 * Escaping for HTML text and attribute values (double-quoted): names from Dataverse never become markup, and control,
 * bidi and other format characters show as visible escapes ({@link VisibleText}) rather than reorder the page.
 */
final class Html {
    private Html() {
    }

    static String escape(String raw) {
        if (raw == null) {
            return "";
        }
        String text = VisibleText.of(raw);
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
