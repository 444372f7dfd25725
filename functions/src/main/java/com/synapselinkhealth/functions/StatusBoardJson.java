package com.synapselinkhealth.functions;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.synapselinkhealth.health.HealthEvent;
import com.synapselinkhealth.health.cloudevents.ReadyToPostEvents;
import com.synapselinkhealth.status.json.StatusJson;
import com.synapselinkhealth.statuspage.StatusBoard;

/** The status page as JSON ({@code ?format=json}): the same data as the HTML page. */
final class StatusBoardJson {
    private static final ObjectMapper JSON = HttpJson.MAPPER;

    private StatusBoardJson() {
    }

    /**
     * {@code asOf}, {@code changesTooOld} (callbacks older than the row history kept, judged as stale),
     * {@code profiles} (each a ProfileHealth of the connector with its {@code tables}, each a TableStatus) and
     * {@code recentEvents} (each event as the triggers deliver it).
     */
    static ObjectNode of(StatusBoard board, ReadyToPostEvents readyToPost) {
        ObjectNode root = JSON.createObjectNode();
        root.put("asOf", board.asOf().toString());
        root.put("changesTooOld", board.changesTooOld());
        ArrayNode profiles = root.putArray("profiles");
        ArrayNode more = JSON.createArrayNode();
        for (StatusBoard.ProfileBoard profile : board.profiles()) {
            ObjectNode node = StatusJson.profileHealth(profile.health());
            ArrayNode tables = node.putArray("tables");
            profile.tables().forEach(t -> tables.add(StatusJson.tableStatus(t)));
            if (profile.truncated() && !(profile.alone() && profile.nextTable() >= profile.totalTables())) {
                // the rest: this profile alone, page by page (add the key as for this page)
                String id = profile.health().profile().id().toString();
                ObjectNode left = more.addObject();
                left.put("profileId", id);
                left.put("tablesShown", profile.tables().size());
                left.put("tablesTotal", profile.totalTables());
                left.put("next", "?format=json&profile=" + id + "&from=" + (profile.alone() ? profile.nextTable() : 0));
            }
            profiles.add(node);
        }
        if (!more.isEmpty()) {
            root.set("moreTables", more); // profiles with more tables than this page holds
        }
        ArrayNode events = root.putArray("recentEvents");
        for (HealthEvent event : board.recentEvents()) {
            events.add(readyToPost.toNode(event));
        }
        return root;
    }
}
