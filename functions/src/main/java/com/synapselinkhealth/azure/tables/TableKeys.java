package com.synapselinkhealth.azure.tables;

import com.azure.data.tables.TableClient;
import com.azure.data.tables.TableServiceClient;
import com.azure.data.tables.models.TableErrorCode;
import com.azure.data.tables.models.TableServiceException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Keys and filter literals for Azure Tables.
 *
 * <ul>
 *   <li>{@link #escape}: any text as a PartitionKey or RowKey (Azure refuses {@code / \ # ?} and control
 *       characters in keys, and keys over 1 KiB)</li>
 *   <li>{@link #invertedTime} and {@link #invertedMonth}: fixed-width keys that sort newest first, since a
 *       query returns entities in ascending PartitionKey, then RowKey order</li>
 *   <li>{@link #literal}: a string as an OData {@code $filter} literal</li>
 * </ul>
 */
public final class TableKeys {
    /** Escaped keys longer than this are cut and end in a hash of the whole text (Azure's limit is 1 KiB). */
    static final int MAX_KEY_CHARS = 256;
    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    /** Seconds from {@link Instant#MIN}: non-negative for every instant, below 10^17. */
    private static final long SECONDS_SPAN = 99_999_999_999_999_999L;

    private TableKeys() {
    }

    /**
     * The text with {@code %}, {@code /}, {@code \}, {@code #}, {@code ?}, control characters and everything past
     * ASCII written as {@code %XX} (UTF-8 bytes); past {@link #MAX_KEY_CHARS}, cut and ended with {@code ~} and the
     * SHA-256 of the text. Plain ids (GUIDs, logical names) stay as they are.
     */
    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%' || c == '/' || c == '\\' || c == '#' || c == '?' || c < 0x20 || c >= 0x7f) {
                int end = Character.isHighSurrogate(c) && i + 1 < text.length() ? i + 2 : i + 1;
                for (byte b : text.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
                    out.append('%').append(HEX.toHexDigits(b));
                }
                i = end - 1;
            } else {
                out.append(c);
            }
        }
        if (out.length() <= MAX_KEY_CHARS) {
            return out.toString();
        }
        return out.substring(0, MAX_KEY_CHARS - 65) + "~" + sha256(text);
    }

    /**
     * 26 digits that sort the newest instant first: 17 for the inverted second (counted from {@link Instant#MIN}),
     * 9 for the inverted nanosecond.
     */
    public static String invertedTime(Instant time) {
        long seconds = time.getEpochSecond() - Instant.MIN.getEpochSecond();
        return String.format(Locale.ROOT, "%017d%09d", SECONDS_SPAN - seconds, 999_999_999 - time.getNano());
    }

    /** 6 digits that sort the newest month (UTC) first; years outside 0..9999 count as those bounds. */
    public static String invertedMonth(Instant time) {
        int index;
        if (time.isBefore(Instant.parse("0000-01-01T00:00:00Z"))) {
            index = 0;
        } else if (!time.isBefore(Instant.parse("+10000-01-01T00:00:00Z"))) {
            index = 9999 * 12 + 11;
        } else {
            ZonedDateTime utc = time.atZone(ZoneOffset.UTC);
            index = utc.getYear() * 12 + utc.getMonthValue() - 1;
        }
        return String.format(Locale.ROOT, "%06d", 999_999 - index);
    }

    /**
     * The RowKey of an item at {@code time} with id {@code id}: newest first, then by id.
     *
     * @see #rowKeysAtOrAfter
     */
    public static String timeKey(Instant time, String id) {
        return invertedTime(time) + "_" + escape(id);
    }

    /**
     * An upper bound (exclusive) for {@link #timeKey}s of items at or after {@code since}: {@code RowKey lt} it
     * selects them. ({@code `} follows {@code _} in key order.)
     */
    public static String rowKeysAtOrAfter(Instant since) {
        return invertedTime(since) + "`";
    }

    /** {@code 'text'} with inner quotes doubled, for a {@code $filter}. */
    public static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    /** The table, created first when it does not exist yet. */
    static TableClient open(TableServiceClient service, String name) {
        ExpectedFailureLogFilter.install();
        service.createTableIfNotExists(name);
        return service.getTableClient(name);
    }

    /** Whether a Tables call failed with this HTTP status. */
    static boolean hasStatus(TableServiceException e, int status) {
        return e.getResponse() != null && e.getResponse().getStatusCode() == status;
    }

    /** Whether a Tables call failed because the entity is not there (404, but not a missing table). */
    static boolean isMissingEntity(TableServiceException e) {
        return hasStatus(e, 404) && !(e.getValue() != null && TableErrorCode.TABLE_NOT_FOUND.equals(e.getValue().getErrorCode()));
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
