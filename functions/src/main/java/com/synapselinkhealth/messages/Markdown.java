package com.synapselinkhealth.messages;

/**
 * Text for Markdown (CommonMark, as Teams and Outlook read it): names from Dataverse are data, never formatting, so
 * every character that could start emphasis, a link, a heading, a list, code, a table cell or HTML is escaped with
 * a backslash, and line breaks become spaces.
 */
public final class Markdown {
    private static final String SPECIAL = "\\`*_{}[]()<>#+-.!|~&";

    private Markdown() {
    }

    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r' || c == '\n' || c == '\t') {
                out.append(' ');
            } else if (Character.isISOControl(c)) {
                continue;
            } else {
                if (SPECIAL.indexOf(c) >= 0) {
                    out.append('\\');
                }
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Reverses {@link #escape(String)} (for a preview that shows what a reader sees). */
    public static String unescape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length() && SPECIAL.indexOf(text.charAt(i + 1)) >= 0) {
                out.append(text.charAt(++i));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
