package com.synapselinkhealth.health.cloudevents;

import com.azure.core.models.CloudEvent;
import com.azure.core.models.CloudEventDataFormat;
import com.azure.core.util.BinaryData;
import com.azure.json.JsonProviders;
import com.azure.json.JsonWriter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.synapselinkhealth.health.DigestReport;
import com.synapselinkhealth.health.EventDetails;
import com.synapselinkhealth.health.HealthEvent;
import com.synapselinkhealth.health.HealthEventName;
import com.synapselinkhealth.health.Severity;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * Health events as CloudEvents 1.0 in the structured JSON format, built with azure-core's {@link CloudEvent}.
 * {@code source} names the organization and profile, {@code subject} the synced table, {@code time} when the
 * change happened; {@code data} holds every field of {@link HealthEvent} (absent ones as JSON null).
 */
public final class HealthCloudEvents {
    public static final String MEDIA_TYPE = "application/cloudevents+json";

    private HealthCloudEvents() {
    }

    public static CloudEvent toCloudEvent(HealthEvent event) {
        CloudEvent cloudEvent = new CloudEvent(source(event), event.name().cloudEventType(),
            BinaryData.fromString(dataJson(event)), CloudEventDataFormat.JSON, "application/json");
        cloudEvent.setId(event.id());
        cloudEvent.setTime(event.time().atOffset(ZoneOffset.UTC));
        if (event.table() != null && !event.table().isEmpty()) {
            cloudEvent.setSubject(event.table());
        }
        return cloudEvent;
    }

    /** The structured-mode JSON of one event, on one line. */
    public static String toJson(HealthEvent event) {
        return toJson(toCloudEvent(event));
    }

    public static String toJson(CloudEvent cloudEvent) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        try (JsonWriter writer = JsonProviders.createWriter(out)) {
            cloudEvent.toJson(writer);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write a CloudEvent", e);
        }
        String json = out.toString(StandardCharsets.UTF_8);
        return cloudEvent.getTime() == null ? json : withRfc3339Time(json, cloudEvent.getTime());
    }

    /**
     * azure-core writes {@code time} with {@link OffsetDateTime#toString()}, which leaves out zero seconds
     * ({@code 2026-11-20T09:14Z}): not an RFC 3339 date-time, as CloudEvents and the connector's schema require.
     * This writes it in UTC with the seconds always present ({@link java.time.Instant#toString()}).
     */
    private static String withRfc3339Time(String json, OffsetDateTime time) {
        try {
            ObjectNode tree = (ObjectNode) CloudEventJson.MAPPER.readTree(json);
            tree.put("time", time.toInstant().toString());
            return CloudEventJson.MAPPER.writeValueAsString(tree);
        } catch (IOException e) {
            throw new UncheckedIOException("could not rewrite the time of a CloudEvent", e);
        }
    }

    /** {@code /dataverse/<organization>/synapselink/<profile name or id>}, each part percent-encoded. */
    public static String source(HealthEvent event) {
        String organization = event.organization() == null ? "unknown-organization" : event.organization();
        String profile = event.profileName() != null && !event.profileName().isBlank() ? event.profileName()
            : event.profileId() != null ? event.profileId().toString() : null;
        return "/dataverse/" + segment(organization) + "/synapselink" + (profile == null ? "" : "/" + segment(profile));
    }

    private static String segment(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The {@code data} object, with every field present. */
    public static String dataJson(HealthEvent e) {
        ObjectNode data = CloudEventJson.MAPPER.createObjectNode();
        data.put("eventName", e.name().name());
        data.put("severity", e.severity().wireName());
        data.put("summary", e.summary());
        data.put("organization", e.organization());
        data.put("profileName", e.profileName());
        data.put("profileId", string(e.profileId()));
        data.put("table", e.table());
        data.put("stateTable", e.stateTable());
        data.put("previousState", e.previousState());
        data.put("currentState", e.currentState());
        data.put("lastSyncedAt", e.lastSyncedAt() == null ? null : e.lastSyncedAt().toString());
        data.put("lakeRecordCount", e.lakeRecordCount());
        data.put("dataverseRecordCount", e.dataverseRecordCount());
        data.put("rowId", string(e.rowId()));
        data.put("operationId", string(e.operationId()));
        data.put("correlationId", string(e.correlationId()));
        writeDetails(data, e.details());
        return data.toString();
    }

    /** The facts only some events carry: written only when the event has them, so other events' data stays as it was. */
    private static void writeDetails(ObjectNode data, EventDetails d) {
        if (d.recordCountDifference() != null) {
            data.put("recordCountDifference", d.recordCountDifference());
        }
        if (d.lagSeconds() != null) {
            data.put("lagSeconds", d.lagSeconds());
        }
        if (d.allowanceSeconds() != null) {
            data.put("allowanceSeconds", d.allowanceSeconds());
        }
        if (d.progressPercent() != null) {
            data.put("progressPercent", d.progressPercent());
            data.put("estimatedCompletionAt", d.estimatedCompletionAt() == null ? null : d.estimatedCompletionAt().toString());
        }
        if (d.digest() != null) {
            data.set("digest", digestJson(d.digest()));
        }
    }

    /** A digest as JSON: its organization, when it was made, its worst severity and each profile's counts and worst items. */
    public static ObjectNode digestJson(DigestReport digest) {
        ObjectNode node = CloudEventJson.MAPPER.createObjectNode();
        node.put("organization", digest.organization());
        node.put("asOf", digest.asOf().toString());
        node.put("worstSeverity", digest.worstSeverity().wireName());
        var profiles = node.putArray("profiles");
        for (DigestReport.ProfileDigest p : digest.profiles()) {
            ObjectNode pn = profiles.addObject();
            pn.put("profileId", string(p.profileId()));
            pn.put("profileName", p.profileName());
            pn.put("worstSeverity", p.worstSeverity().wireName());
            pn.put("tables", p.tables());
            pn.put("healthy", p.healthy());
            pn.put("failing", p.failing());
            pn.put("paused", p.paused());
            pn.put("stalled", p.stalled());
            pn.put("drifting", p.drifting());
            pn.put("fallingBehind", p.fallingBehind());
            pn.put("initialSyncInProgress", p.initialSyncInProgress());
            var worst = pn.putArray("worst");
            for (DigestReport.DigestItem item : p.worst()) {
                ObjectNode in = worst.addObject();
                in.put("table", item.table());
                in.put("state", item.state());
                in.put("severity", item.severity().wireName());
                in.put("detail", item.detail());
            }
        }
        return node;
    }

    static DigestReport readDigest(JsonNode node) {
        java.util.List<DigestReport.ProfileDigest> profiles = new java.util.ArrayList<>();
        for (JsonNode p : node.path("profiles")) {
            java.util.List<DigestReport.DigestItem> worst = new java.util.ArrayList<>();
            for (JsonNode item : p.path("worst")) {
                worst.add(new DigestReport.DigestItem(text(item, "table"), text(item, "state"),
                    Severity.fromWireName(text(item, "severity")).orElse(Severity.WARNING), text(item, "detail")));
            }
            profiles.add(new DigestReport.ProfileDigest(uuid(p, "profileId"), text(p, "profileName"), p.path("tables").asInt(),
                p.path("healthy").asInt(), p.path("failing").asInt(), p.path("paused").asInt(), p.path("stalled").asInt(),
                p.path("drifting").asInt(), p.path("fallingBehind").asInt(), p.path("initialSyncInProgress").asInt(), worst));
        }
        return new DigestReport(text(node, "organization"), Instant.parse(text(node, "asOf")), profiles);
    }

    private static EventDetails readDetails(JsonNode d) {
        EventDetails details = new EventDetails(
            d.hasNonNull("recordCountDifference") ? d.get("recordCountDifference").longValue() : null,
            d.hasNonNull("lagSeconds") ? d.get("lagSeconds").longValue() : null,
            d.hasNonNull("allowanceSeconds") ? d.get("allowanceSeconds").longValue() : null,
            d.hasNonNull("progressPercent") ? d.get("progressPercent").intValue() : null,
            d.hasNonNull("estimatedCompletionAt") ? Instant.parse(text(d, "estimatedCompletionAt")) : null,
            d.hasNonNull("digest") ? readDigest(d.get("digest")) : null);
        return details.isEmpty() ? EventDetails.NONE : details;
    }

    /** Reads back what {@link #toJson(HealthEvent)} wrote. */
    public static HealthEvent fromJson(String json) {
        List<CloudEvent> parsed = CloudEvent.fromString(json);
        if (parsed.size() != 1) {
            throw new IllegalArgumentException("expected one CloudEvent, got " + parsed.size());
        }
        CloudEvent ce = parsed.get(0);
        JsonNode d;
        try {
            d = CloudEventJson.MAPPER.readTree(ce.getData().toBytes());
        } catch (IOException e) {
            throw new IllegalArgumentException("the CloudEvent's data is not JSON", e);
        }
        return HealthEvent.builder().id(ce.getId()).name(name(d)).time(ce.getTime().toInstant())
            .organization(text(d, "organization")).profileName(text(d, "profileName")).profileId(uuid(d, "profileId"))
            .table(text(d, "table")).stateTable(text(d, "stateTable"))
            .previousState(text(d, "previousState")).currentState(text(d, "currentState"))
            .lastSyncedAt(d.hasNonNull("lastSyncedAt") ? Instant.parse(text(d, "lastSyncedAt")) : null)
            .lakeRecordCount(d.hasNonNull("lakeRecordCount") ? d.get("lakeRecordCount").longValue() : null)
            .dataverseRecordCount(d.hasNonNull("dataverseRecordCount") ? d.get("dataverseRecordCount").longValue() : null)
            .rowId(uuid(d, "rowId")).operationId(uuid(d, "operationId")).correlationId(uuid(d, "correlationId"))
            .summary(text(d, "summary")).details(readDetails(d))
            .build();
    }

    /**
     * The stored name, kept as written when the catalogue does not hold it (an event renamed or added by another
     * version), with the severity stored beside it: such an event is still read, listed and shown.
     */
    private static HealthEventName name(JsonNode data) {
        String name = text(data, "eventName");
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("the CloudEvent's data has no eventName");
        }
        return HealthEventName.fromString(name, Severity.fromWireName(text(data, "severity")).orElse(null));
    }

    private static String string(UUID id) {
        return id == null ? null : id.toString();
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static UUID uuid(JsonNode node, String field) {
        String text = text(node, field);
        return text == null ? null : UUID.fromString(text);
    }
}
