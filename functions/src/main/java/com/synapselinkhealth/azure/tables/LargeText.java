package com.synapselinkhealth.azure.tables;

import com.azure.data.tables.models.TableEntity;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Map;

/**
 * How the stores write text into Azure Table properties.
 *
 * <ul>
 *   <li><b>ASCII only.</b> Every text property is sent as ASCII: JSON with its non-ASCII characters written as
 *       {@code \\uXXXX} escapes ({@link #putJson}), other text as it is when it is ASCII, else as a JSON string
 *       literal under {@code Name_Json} ({@link #putText}). Azurite 3.37.0 joins the chunks of a request body as
 *       separate strings, which breaks a multi-byte UTF-8 character that straddles two chunks (seen with 150,000
 *       character entities); with ASCII-only bodies that cannot happen. Real Azure is not affected, and reads
 *       give back exactly the text written either way.</li>
 *   <li><b>Split past 64 KiB.</b> Text longer than one property allows (64 KiB, UTF-16: 32,768 characters) is
 *       split over {@code Name}, {@code Name_1}, {@code Name_2}, ... with {@code Name_Parts} giving the count.</li>
 *   <li><b>Entity size.</b> {@link #checkSize} refuses an entity over {@link #MAX_ENTITY_BYTES} before it is sent.</li>
 * </ul>
 */
final class LargeText {
    /** Characters per property: below the 32,768 that fit 64 KiB, with room to spare. */
    static final int CHUNK_CHARS = 32_000;
    /** What an entity may hold, with a margin under Azure's 1 MiB for the keys, names and system properties. */
    static final int MAX_ENTITY_BYTES = 1_000_000;
    private static final String PARTS = "_Parts";
    private static final String JSON_SUFFIX = "_Json";
    private static final JsonMapper ASCII_JSON = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

    private LargeText() {
    }

    /** Puts JSON text (null: nothing) under {@code name}, non-ASCII characters escaped, split when needed. */
    static void putJson(TableEntity entity, String name, String json) {
        split(entity, name, json == null ? null : asciiJson(json));
    }

    /** The JSON {@link #putJson} wrote (its escapes read back as the same characters with any JSON parser), or null. */
    static String getJson(TableEntity entity, String name) {
        return join(entity, name);
    }

    /** Puts text (null: nothing) under {@code name} when it is ASCII, else as a JSON literal under {@code name_Json}. */
    static void putText(TableEntity entity, String name, String text) {
        if (text == null) {
            return;
        }
        if (isAscii(text)) {
            split(entity, name, text);
        } else {
            try {
                split(entity, name + JSON_SUFFIX, ASCII_JSON.writeValueAsString(text));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("could not write text as JSON", e);
            }
        }
    }

    /** The text {@link #putText} wrote, or null. */
    static String getText(TableEntity entity, String name) {
        String plain = join(entity, name);
        if (plain != null) {
            return plain;
        }
        String literal = join(entity, name + JSON_SUFFIX);
        if (literal == null) {
            return null;
        }
        try {
            return ASCII_JSON.readValue(literal, String.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("property " + name + JSON_SUFFIX + " of entity (" + entity.getPartitionKey()
                + ", " + entity.getRowKey() + ") is not a JSON string", e);
        }
    }

    static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x7f) {
                return false;
            }
        }
        return true;
    }

    /** The JSON with every character from U+007F up as a {@code \\uXXXX} escape (they only occur inside strings). */
    static String asciiJson(String json) {
        if (isAscii(json)) {
            return json;
        }
        StringBuilder out = new StringBuilder(json.length() + 64);
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c >= 0x7f) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static void split(TableEntity entity, String name, String text) {
        if (text == null) {
            return;
        }
        if (text.length() <= CHUNK_CHARS) {
            entity.addProperty(name, text);
            return;
        }
        int parts = 0;
        int start = 0;
        while (start < text.length()) {
            int end = Math.min(text.length(), start + CHUNK_CHARS);
            if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
                end--; // never split a surrogate pair: each part must be valid UTF-16 on its own
            }
            entity.addProperty(parts == 0 ? name : name + "_" + parts, text.substring(start, end));
            parts++;
            start = end;
        }
        entity.addProperty(name + PARTS, parts);
    }

    private static String join(TableEntity entity, String name) {
        Map<String, Object> properties = entity.getProperties();
        Object first = properties.get(name);
        if (first == null) {
            return null;
        }
        Object parts = properties.get(name + PARTS);
        if (!(parts instanceof Number count) || count.intValue() <= 1) {
            return first.toString();
        }
        StringBuilder text = new StringBuilder(count.intValue() * CHUNK_CHARS);
        text.append(first);
        for (int i = 1; i < count.intValue(); i++) {
            Object part = properties.get(name + "_" + i);
            if (part == null) {
                throw new IllegalStateException("property " + name + " of entity (" + entity.getPartitionKey() + ", "
                    + entity.getRowKey() + ") is missing part " + i + " of " + count);
            }
            text.append(part);
        }
        return text.toString();
    }

    /** The text cut to at most {@code maxChars}, never inside a surrogate pair. */
    static String cut(String text, int maxChars) {
        if (text == null || text.length() <= maxChars) {
            return text;
        }
        int end = Math.max(0, maxChars);
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end);
    }

    /**
     * The longest start of the text that costs at most {@code maxBytes} once written by {@link #putText} (counted
     * as if escaped, 2 bytes a stored character), never cut inside a surrogate pair.
     */
    static String cutToBytes(String text, long maxBytes) {
        if (text == null) {
            return null;
        }
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            bytes += 2L * escapedLength(text.charAt(i));
            if (bytes > maxBytes) {
                return cut(text, i);
            }
        }
        return text;
    }

    /** How many characters one character takes once escaped for sending ({@code \\uXXXX} past ASCII). */
    static int escapedLength(char c) {
        return c < 0x20 || c >= 0x7f ? 6 : c == '"' || c == '\\' ? 2 : 1;
    }

    /**
     * What a string costs against the 1 MiB entity limit, counted so it holds both for Azure (which counts strings
     * as UTF-16: 2 bytes a character) and for Azurite (which counts the UTF-8 JSON the SDK sends: 3 bytes for a
     * character past U+07FF, 6 for each half of a surrogate pair). The stores send ASCII, so this is 2 a character.
     */
    static long bytes(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            bytes += Character.isSurrogate(c) || c < 0x20 ? 6 : c < 0x800 ? 2 : 3;
        }
        return bytes;
    }

    /** Roughly how many bytes the entity counts against the limit ({@link #bytes}; names too; 8 bytes a number). */
    static long size(TableEntity entity) {
        long size = bytes(entity.getPartitionKey()) + bytes(entity.getRowKey()) + 64;
        for (Map.Entry<String, Object> p : entity.getProperties().entrySet()) {
            size += 8 + bytes(p.getKey());
            Object v = p.getValue();
            size += v instanceof String s ? bytes(s) + 4 : v instanceof byte[] b ? b.length + 4 : 8;
        }
        return size;
    }

    /** @throws IllegalStateException when the entity would not fit Azure's limit */
    static void checkSize(TableEntity entity, String what) {
        long bytes = size(entity);
        if (bytes > MAX_ENTITY_BYTES) {
            throw new IllegalStateException(what + " is about " + bytes + " bytes as an Azure Table entity, over the "
                + MAX_ENTITY_BYTES + " this store allows (Azure's limit is 1 MiB per entity)");
        }
    }
}
