package com.synapselinkhealth.text;

/**
 * The one way a name (or any text that came from outside) is shown to a person: on the console, in a log line, on the
 * status page, in a Markdown message or a Teams card. Characters that would act instead of showing, or show as
 * something they are not, become visible escapes:
 * <ul>
 *   <li>control characters: C0 (with ESC, newline, CR and tab), DEL and C1, as {@code \n}, {@code \r}, {@code \t}
 *       and {@code \xHH}, so a name can neither forge a log line nor send a terminal escape sequence;</li>
 *   <li>bidi controls and other format characters (Unicode category Cf: U+202A–U+202E, U+2066–U+2069, U+200E/F,
 *       U+061C, zero-width characters such as U+200B–U+200D, U+2060 and U+FEFF, the soft hyphen, tag characters),
 *       the line and paragraph separators U+2028/U+2029 and unpaired surrogates, as {@code \}{@code u202E} (or
 *       {@code \U000E0041} beyond the BMP), so a name cannot reorder or hide the text around it.</li>
 * </ul>
 * Everything else, letters of every script, accents, emoji, stays as it is, so names stay readable. The data itself
 * (stores, CloudEvents, JSON) keeps the real name; this is for display only. Pure: no I/O, no libraries.
 */
public final class VisibleText {
    private VisibleText() {
    }

    /** {@code text} with every character that does not simply show replaced by a visible escape; null stays null. */
    public static String of(String text) {
        if (text == null) {
            return null;
        }
        int first = firstUnsafe(text);
        if (first < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        out.append(text, 0, first);
        for (int i = first; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int width = Character.charCount(cp);
            if (isUnsafe(cp)) {
                escape(out, cp);
            } else {
                out.appendCodePoint(cp);
            }
            i += width;
        }
        return out.toString();
    }

    /** Whether {@code text} shows as it is (no character {@link #of} would escape). */
    public static boolean isPlain(String text) {
        return text == null || firstUnsafe(text) < 0;
    }

    /** Whether the character is one {@link #of} escapes (a control, bidi or other format character, a separator). */
    public static boolean isUnsafe(int codePoint) {
        if (codePoint < 0x20 || (codePoint >= 0x7f && codePoint <= 0x9f)) {
            return true;
        }
        if (codePoint < 0xa0) {
            return false;
        }
        int type = Character.getType(codePoint);
        return type == Character.FORMAT || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
            || type == Character.SURROGATE;
    }

    private static int firstUnsafe(String text) {
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (isUnsafe(cp)) {
                return i;
            }
            i += Character.charCount(cp);
        }
        return -1;
    }

    private static void escape(StringBuilder out, int cp) {
        switch (cp) {
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            default -> {
                if (cp <= 0x9f) {
                    out.append("\\x").append(hex(cp, 2));
                } else if (cp <= 0xffff) {
                    out.append("\\u").append(hex(cp, 4));
                } else {
                    out.append("\\U").append(hex(cp, 8));
                }
            }
        }
    }

    private static String hex(int value, int digits) {
        String h = Integer.toHexString(value).toUpperCase(java.util.Locale.ROOT);
        return "0".repeat(Math.max(0, digits - h.length())) + h;
    }
}
