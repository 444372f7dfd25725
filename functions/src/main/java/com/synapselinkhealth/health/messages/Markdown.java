package com.synapselinkhealth.health.messages;

import com.synapselinkhealth.text.VisibleText;

/**
 * Text for Markdown (CommonMark, as Teams and Outlook read it, and the Adaptive Card subset): names from Dataverse are
 * data, never formatting. Line breaks become spaces, so the text is one line; then a backslash goes before every
 * character that can start emphasis, code, a link, HTML, an entity, a table cell or strikethrough anywhere in a line
 * ({@code \ ` * _ [ ] < > | ~ &}), and before what starts a heading, list or quote only where it would: at the start
 * ({@code # - + = >}, and the {@code .} or {@code )} after leading digits). Dates, hyphens and brackets in the middle
 * of a sentence stay as they are, so a renderer that ignores backslash escapes shows few of them. Other control
 * characters and bidi or format characters (U+202E, zero-width, ...) show as visible escapes ({@link VisibleText},
 * e.g. {@code \\u202E}), so a name cannot reorder or hide the text around it.
 */
public final class Markdown {
    private static final String ANYWHERE = "\\`*_[]<>|~&";
    private static final String AT_START = "#-+=>";
    private static final String SPECIAL = ANYWHERE + AT_START + ".)";

    private Markdown() {
    }

    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 8);
        boolean atStart = true; // no visible character yet
        boolean leadingDigits = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r' || c == '\n' || c == '\t') {
                out.append(' ');
                continue;
            }
            if (VisibleText.isUnsafe(c) || Character.isSurrogate(c)) {
                int cp = text.codePointAt(i);
                String shown = VisibleText.of(new String(Character.toChars(cp)));
                i += Character.charCount(cp) - 1;
                out.append(shown.replace("\\", "\\\\"));
                atStart = false;
                leadingDigits = false;
                continue;
            }
            boolean escapeIt = ANYWHERE.indexOf(c) >= 0
                || (atStart && AT_START.indexOf(c) >= 0)
                || (leadingDigits && (c == '.' || c == ')'));
            if (escapeIt) {
                out.append('\\');
            }
            out.append(c);
            if (c != ' ') {
                leadingDigits = (atStart || leadingDigits) && c >= '0' && c <= '9';
                atStart = false;
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
