package com.synapselinkhealth.azure.tables;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.synapselinkhealth.dataverse.MessageName;
import com.synapselinkhealth.dataverse.json.AttributesJson;
import com.synapselinkhealth.health.EarlyWarnings;
import com.synapselinkhealth.history.ChangeVersion;
import com.synapselinkhealth.history.ReportedEvent;
import com.synapselinkhealth.history.RowHistory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A row's history as the JSON of one table property: short member names, since a full history (128 versions of the
 * columns this service reads) is the bulk of a row-state entity.
 */
final class HistoryJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private HistoryJson() {
    }

    static ObjectNode write(RowHistory history) {
        ObjectNode root = NODES.objectNode();
        root.put("baselined", history.baselined());
        root.put("tooOld", history.tooOld());
        ArrayNode versions = root.putArray("versions");
        for (ChangeVersion v : history.versions()) {
            ObjectNode n = versions.addObject();
            n.put("m", v.message().value());
            n.put("k", v.dedupeKey());
            if (!v.operationKey().equals(v.dedupeKey())) {
                n.put("o", v.operationKey());
            }
            putIfPresent(n, "op", v.operationId());
            putIfPresent(n, "c", v.correlationId());
            putIfPresent(n, "org", v.organization());
            if (v.versionNumber() != null) {
                n.put("vn", v.versionNumber());
            }
            putIfPresent(n, "mo", v.modifiedOn());
            n.put("at", v.occurredAt().toString());
            n.set("a", AttributesJson.write(v.carried()));
            if (!v.preImage().isEmpty()) {
                n.set("p", AttributesJson.write(v.preImage()));
            }
            if (!v.formattedValues().isEmpty()) {
                ObjectNode f = n.putObject("f");
                v.formattedValues().forEach(f::put);
            }
        }
        if (!history.warningsBefore().equals(EarlyWarnings.State.START)) {
            root.set("warningsBefore", warnings(history.warningsBefore()));
        }
        if (history.warningsAfter() != null) {
            root.set("warningsAfter", warnings(history.warningsAfter()));
        }
        ArrayNode reported = root.putArray("reported");
        for (ReportedEvent r : history.reported()) {
            reported.addArray().add(r.name()).add(r.anchor());
        }
        return root;
    }

    static RowHistory read(JsonNode root) {
        if (root == null || !root.isObject()) {
            return RowHistory.EMPTY;
        }
        List<ChangeVersion> versions = new ArrayList<>();
        for (JsonNode n : root.path("versions")) {
            String key = n.path("k").asText();
            Map<String, String> formatted = new LinkedHashMap<>();
            n.path("f").fields().forEachRemaining(e -> formatted.put(e.getKey(), e.getValue().asText()));
            versions.add(new ChangeVersion(MessageName.of(n.path("m").asText()), key, n.path("o").asText(key),
                uuid(n.get("op")), uuid(n.get("c")), text(n.get("org")), n.hasNonNull("vn") ? n.get("vn").asLong() : null,
                instant(n.get("mo")), Instant.parse(n.path("at").asText()), AttributesJson.read(n.path("a")),
                n.has("p") ? AttributesJson.read(n.get("p")) : com.synapselinkhealth.dataverse.Attributes.empty(), formatted));
        }
        List<ReportedEvent> reported = new ArrayList<>();
        for (JsonNode r : root.path("reported")) {
            reported.add(new ReportedEvent(r.path(0).asText(), r.path(1).asText()));
        }
        return new RowHistory(versions, root.path("baselined").asBoolean(false), reported, root.path("tooOld").asLong(0),
            root.has("warningsBefore") ? warnings(root.get("warningsBefore")) : EarlyWarnings.State.START,
            root.has("warningsAfter") ? warnings(root.get("warningsAfter")) : null);
    }

    private static ObjectNode warnings(EarlyWarnings.State s) {
        ObjectNode n = NODES.objectNode();
        n.put("drifting", s.drifting());
        n.put("offStreak", s.offStreak());
        n.put("behind", s.behind());
        ArrayNode lags = n.putArray("lags");
        s.lags().forEach(lags::add);
        putIfPresent(n, "lastSync", s.lastSync());
        putIfPresent(n, "initialStart", s.initialStart());
        if (s.initialStartLake() != null) {
            n.put("initialStartLake", s.initialStartLake());
        }
        n.put("reached", s.reached());
        if (s.difference() != null) {
            n.put("difference", s.difference());
        }
        if (s.lagSeconds() != null) {
            n.put("lagSeconds", s.lagSeconds());
        }
        if (s.progressPercent() != null) {
            n.put("progressPercent", s.progressPercent());
        }
        putIfPresent(n, "eta", s.estimatedCompletionAt());
        n.put("started", s.started());
        return n;
    }

    private static EarlyWarnings.State warnings(JsonNode n) {
        List<Long> lags = new ArrayList<>();
        n.path("lags").forEach(l -> lags.add(l.asLong()));
        return new EarlyWarnings.State(n.path("drifting").asBoolean(), n.path("offStreak").asInt(), n.path("behind").asBoolean(),
            lags, instant(n.get("lastSync")), instant(n.get("initialStart")),
            n.hasNonNull("initialStartLake") ? n.get("initialStartLake").asLong() : null, n.path("reached").asInt(),
            n.hasNonNull("difference") ? n.get("difference").asLong() : null,
            n.hasNonNull("lagSeconds") ? n.get("lagSeconds").asLong() : null,
            n.hasNonNull("progressPercent") ? n.get("progressPercent").asInt() : null, instant(n.get("eta")),
            n.path("started").asBoolean());
    }

    private static void putIfPresent(ObjectNode n, String name, Object value) {
        if (value != null) {
            n.put(name, value.toString());
        }
    }

    private static UUID uuid(JsonNode n) {
        return n == null || n.isNull() ? null : UUID.fromString(n.asText());
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() ? null : n.asText();
    }

    private static Instant instant(JsonNode n) {
        return n == null || n.isNull() ? null : Instant.parse(n.asText());
    }
}
