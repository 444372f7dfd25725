package com.synapselinkhealth.azure.tables;

import com.azure.core.util.Context;
import com.azure.data.tables.TableClient;
import com.azure.data.tables.TableServiceClient;
import com.azure.data.tables.models.ListEntitiesOptions;
import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableEntityUpdateMode;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.synapselinkhealth.store.DeadLetter;
import com.synapselinkhealth.store.DeadLetterStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Dead letters in one Azure Table: PartitionKey the inverted month of {@link DeadLetter#at()}, RowKey its inverted
 * time and the id, so a scan of the table returns the newest first. Dead letters at the same instant come in id
 * order (the in-memory store keeps the order they were put in).
 *
 * <p>Sizes: the body (already cut by whoever made the dead letter, e.g. at 256 KiB) is split over several
 * properties past 64 KiB and cut further only when the whole entity would pass 1 MiB (about 400,000 characters of
 * ASCII; a non-ASCII character counts six, as it is sent escaped: see {@code LargeText});
 * {@link DeadLetter#bodyBytes()} keeps the full size. The detail is cut at {@value #MAX_DETAIL_CHARS} characters,
 * each header value at {@value #MAX_HEADER_CHARS}, all headers together at about {@value #MAX_HEADERS_CHARS}
 * (counted as sent: a non-ASCII character counts six).
 * Nothing expires: there is no capacity as in the in-memory store.
 */
public final class TableDeadLetterStore implements DeadLetterStore {
    static final int MAX_DETAIL_CHARS = 32_000;
    static final int MAX_HEADER_CHARS = 4_000;
    static final int MAX_HEADERS_CHARS = 64_000;
    private static final ObjectMapper JSON = TableJson.MAPPER;

    private final TableClient table;

    /** Uses (and creates when missing) the table {@link TableNames#deadLetters()}. */
    public TableDeadLetterStore(TableServiceClient service, TableNames names) {
        this.table = TableKeys.open(service, names.deadLetters());
    }

    @Override
    public void put(DeadLetter d) {
        TableEntity e = new TableEntity(TableKeys.invertedMonth(d.at()), TableKeys.timeKey(d.at(), d.id()));
        LargeText.putText(e, "Id", d.id());
        e.addProperty("At", d.at().toString());
        LargeText.putText(e, "Source", LargeText.cut(d.source(), 1_000));
        LargeText.putText(e, "Reason", LargeText.cut(d.reason(), 1_000));
        LargeText.putText(e, "Detail", LargeText.cutToBytes(d.detail(), 2L * MAX_DETAIL_CHARS));
        e.addProperty("Attempts", d.attempts());
        LargeText.putText(e, "ContentType", LargeText.cut(d.contentType(), 1_000));
        LargeText.putJson(e, "Headers", headersJson(d.headers()));
        e.addProperty("BodyBytes", d.bodyBytes());
        if (d.bodySha256() != null) {
            e.addProperty("BodySha256", d.bodySha256());
        }
        if (d.body() != null) {
            // what is left of the entity budget, less the names and counts of the body's parts
            long left = LargeText.MAX_ENTITY_BYTES - LargeText.size(e) - 64L * (6 * d.body().length() / LargeText.CHUNK_CHARS + 2);
            LargeText.putText(e, "Body", LargeText.cutToBytes(d.body(), left));
        }
        LargeText.checkSize(e, "dead letter " + d.id());
        table.upsertEntityWithResponse(e, TableEntityUpdateMode.REPLACE, null, Context.NONE);
    }

    @Override
    public List<DeadLetter> recent(int limit) {
        List<DeadLetter> result = new ArrayList<>();
        if (limit <= 0) {
            return result;
        }
        ListEntitiesOptions options = new ListEntitiesOptions().setTop(Math.min(1000, limit));
        for (TableEntity e : table.listEntities(options, null, Context.NONE)) {
            result.add(read(e));
            if (result.size() >= limit) {
                break;
            }
        }
        return result;
    }

    private static DeadLetter read(TableEntity e) {
        Map<String, String> headers;
        try {
            String json = LargeText.getJson(e, "Headers");
            headers = json == null ? Map.of() : JSON.readValue(json, new TypeReference<TreeMap<String, String>>() { });
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("dead letter " + e.getRowKey() + " has unreadable headers", ex);
        }
        return new DeadLetter(LargeText.getText(e, "Id"), Instant.parse((String) e.getProperty("At")),
            LargeText.getText(e, "Source"), LargeText.getText(e, "Reason"), LargeText.getText(e, "Detail"),
            ((Number) e.getProperty("Attempts")).intValue(), LargeText.getText(e, "ContentType"), headers,
            LargeText.getText(e, "Body"), ((Number) e.getProperty("BodyBytes")).longValue(),
            (String) e.getProperty("BodySha256"));
    }

    private static int escapedLength(String text) {
        int length = 0;
        for (int i = 0; i < text.length(); i++) {
            length += LargeText.escapedLength(text.charAt(i));
        }
        return length;
    }

    /** The headers as a JSON object, values cut, entries past the budget (counted as sent) left out. */
    static String headersJson(Map<String, String> headers) {
        ObjectNode json = JSON.createObjectNode();
        int chars = 2;
        for (Map.Entry<String, String> h : new TreeMap<>(headers).entrySet()) {
            String key = LargeText.cut(h.getKey(), MAX_HEADER_CHARS);
            String value = LargeText.cut(h.getValue(), MAX_HEADER_CHARS);
            int more = escapedLength(key) + (value == null ? 4 : escapedLength(value)) + 8;
            if (chars + more > MAX_HEADERS_CHARS) {
                break;
            }
            json.put(key, value);
            chars += more;
        }
        return json.toString();
    }
}
