package com.synapselinkhealth.status.json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.synapselinkhealth.health.HealthEvent;
import com.synapselinkhealth.health.HealthEventName;
import com.synapselinkhealth.health.cloudevents.ReadyToPostEvents;
import com.synapselinkhealth.statetables.Choice;
import com.synapselinkhealth.status.EventPage;
import com.synapselinkhealth.status.ProfileHealth;
import com.synapselinkhealth.status.ProfileSummary;
import com.synapselinkhealth.status.SyncStateCount;
import com.synapselinkhealth.status.TableStatus;
import java.time.Instant;
import java.util.List;

/**
 * The JSON of the connector's actions, exactly as {@code connector/apiDefinition.swagger.json} defines it
 * ({@code ProfileList}, {@code ProfileHealth}, {@code TableList}, {@code TableStatus}, {@code EventList},
 * {@code EventTypeList}): every declared member present, absent values as JSON null, times in UTC ISO 8601, each
 * state column as its label ({@code Unknown (n)} for undocumented values) and its number.
 */
public final class StatusJson {
    /** Only builds trees: the web layer writes them. */
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private StatusJson() {
    }

    public static ObjectNode profileList(List<ProfileSummary> profiles) {
        ObjectNode root = JSON.objectNode();
        ArrayNode value = root.putArray("value");
        for (ProfileSummary p : profiles) {
            ObjectNode node = value.addObject();
            node.put("id", p.id().toString());
            node.put("name", p.name());
            node.put("organization", p.organization());
            choice(node, "state", p.state());
            node.put("tableCount", p.tableCount());
        }
        return root;
    }

    public static ObjectNode profileHealth(ProfileHealth h) {
        ObjectNode node = JSON.objectNode();
        ProfileSummary p = h.profile();
        node.put("profileId", p.id().toString());
        node.put("profileName", p.name());
        node.put("organization", p.organization());
        choice(node, "profileState", p.state());
        node.put("worstSeverity", h.worstSeverity().wireName());
        node.put("healthy", h.healthy());
        ObjectNode counts = node.putObject("tableCounts");
        counts.put("total", h.tableCounts().total());
        counts.put("healthy", h.tableCounts().healthy());
        counts.put("failing", h.tableCounts().failing());
        counts.put("paused", h.tableCounts().paused());
        counts.put("stalled", h.tableCounts().stalled());
        ArrayNode bySyncState = node.putArray("tablesBySyncState");
        for (SyncStateCount c : h.tablesBySyncState()) {
            ObjectNode entry = bySyncState.addObject();
            entry.put("syncState", c.syncState() == null ? null : c.syncState().label());
            entry.put("count", c.count());
        }
        strings(node.putArray("failingTables"), h.failingTables());
        strings(node.putArray("pausedTables"), h.pausedTables());
        strings(node.putArray("stalledTables"), h.stalledTables());
        node.put("lastSyncedAt", time(h.lastSyncedAt()));
        node.put("oldestLastSyncedAt", time(h.oldestLastSyncedAt()));
        node.put("asOf", time(h.asOf()));
        return node;
    }

    public static ObjectNode tableList(List<TableStatus> tables) {
        ObjectNode root = JSON.objectNode();
        ArrayNode value = root.putArray("value");
        tables.forEach(t -> value.add(tableStatus(t)));
        return root;
    }

    public static ObjectNode tableStatus(TableStatus t) {
        ObjectNode node = JSON.objectNode();
        node.put("profileId", t.profileId().toString());
        node.put("profileName", t.profileName());
        node.put("organization", t.organization());
        node.put("table", t.table());
        node.put("healthState", t.healthState().wireName());
        node.put("severity", t.severity().wireName());
        choice(node, "syncState", t.syncState());
        choice(node, "initialSyncState", t.initialSyncState());
        choice(node, "metadataState", t.metadataState());
        choice(node, "synapseTableCreationState", t.synapseTableCreationState());
        choice(node, "deltaTableState", t.deltaTableState());
        choice(node, "deltaLastSyncState", t.deltaLastSyncState());
        choice(node, "lakehouseShortcutState", t.lakehouseShortcutState());
        node.put("lastSyncedAt", time(t.lastSyncedAt()));
        node.put("initialSyncCompletedAt", time(t.initialSyncCompletedAt()));
        node.put("deltaLastSyncedAt", time(t.deltaLastSyncedAt()));
        node.put("lakeRecordCount", t.lakeRecordCount());
        node.put("dataverseRecordCount", t.dataverseRecordCount());
        node.put("deltaRecordCount", t.deltaRecordCount());
        node.put("deltaSourceRecordCount", t.deltaSourceRecordCount());
        node.put("recordCountDifference", t.recordCountDifference());
        node.put("lagSeconds", t.lagSeconds());
        node.put("stalled", t.stalled());
        node.put("stallAllowanceSeconds", t.stallAllowance().getSeconds());
        node.put("drifting", t.warnings().drifting());
        node.put("fallingBehind", t.warnings().fallingBehind());
        node.put("initialSyncPercent", t.warnings().initialSyncPercent());
        node.put("initialSyncEstimatedCompletionAt", time(t.warnings().initialSyncEstimatedCompletionAt()));
        node.put("schedule", t.schedule());
        node.put("asOf", time(t.asOf()));
        return node;
    }

    /**
     * @param nextLink the absolute URL of the next page, or {@code null} on the last page (then left out)
     * @param events each event exactly as the triggers deliver it (with its card and Markdown message)
     */
    public static ObjectNode eventList(EventPage page, String nextLink, ReadyToPostEvents events) {
        ObjectNode root = JSON.objectNode();
        ArrayNode value = root.putArray("value");
        for (HealthEvent event : page.events()) {
            value.add(events.toNode(event));
        }
        if (nextLink != null) {
            root.put("nextLink", nextLink);
        }
        return root;
    }

    public static ObjectNode eventTypes() {
        ObjectNode root = JSON.objectNode();
        ArrayNode value = root.putArray("value");
        for (HealthEventName name : HealthEventName.values()) {
            ObjectNode node = value.addObject();
            node.put("name", name.name());
            node.put("severity", name.severity().wireName());
            node.put("stateTable", name.stateTable().logicalName());
            node.put("description", name.description());
            node.put("type", name.cloudEventType());
        }
        return root;
    }

    /** {@code <name>} as the label and {@code <name>Value} as the number, both null when not known. */
    private static void choice(ObjectNode node, String name, Choice choice) {
        node.put(name, choice == null ? null : choice.label());
        node.put(name + "Value", choice == null ? null : choice.value());
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }

    private static String time(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
