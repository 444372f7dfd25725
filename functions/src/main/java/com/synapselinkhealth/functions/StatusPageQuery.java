package com.synapselinkhealth.functions;

import com.synapselinkhealth.config.Settings;
import com.synapselinkhealth.dataverse.Guids;
import com.synapselinkhealth.status.StatusException;
import com.synapselinkhealth.statuspage.StatusBoard;
import java.util.Map;
import java.util.UUID;

/**
 * What a status page request asks for: HTML (the default) or JSON ({@code format}), and every profile or, with
 * {@code profile=<id>}, one profile from its {@code from}-th table; at most {@code LINKHEALTH_STATUS_PAGE_MAX_TABLES}
 * (500) tables on a page.
 *
 * @param json whether the page is asked for as JSON
 * @param selection which profiles and tables
 */
record StatusPageQuery(boolean json, StatusBoard.Selection selection) {
    /**
     * @throws StatusException naming the parameter that is malformed
     * @throws Settings.InvalidSettingException when the page's table limit is not a whole number from 1 to 100000
     */
    static StatusPageQuery read(Map<String, String> query, Settings settings) {
        boolean json = isJson(query);
        return new StatusPageQuery(json, selection(query, maxTables(settings)));
    }

    private static boolean isJson(Map<String, String> query) {
        String text = query == null ? null : query.get("format");
        if (text == null || text.isBlank() || text.trim().equalsIgnoreCase("html")) {
            return false;
        }
        if (text.trim().equalsIgnoreCase("json")) {
            return true;
        }
        throw StatusException.invalidParameter("format", text, "html (the default) or json");
    }

    private static int maxTables(Settings settings) {
        String max = settings.get(StatusBoard.MAX_TABLES_SETTING);
        if (max == null) {
            return StatusBoard.DEFAULT_MAX_TABLES;
        }
        int maxTables;
        try {
            maxTables = Integer.parseInt(max);
        } catch (NumberFormatException e) {
            maxTables = -1;
        }
        if (maxTables < 1 || maxTables > 100_000) {
            throw new Settings.InvalidSettingException(StatusBoard.MAX_TABLES_SETTING, max, "a whole number from 1 to 100000");
        }
        return maxTables;
    }

    private static StatusBoard.Selection selection(Map<String, String> query, int maxTables) {
        String profile = query == null ? null : query.get("profile");
        if (profile == null || profile.isBlank()) {
            return StatusBoard.Selection.all(maxTables);
        }
        UUID id = Guids.parse(profile.trim()).orElseThrow(() ->
            StatusException.invalidParameter("profile", profile, "a profile id (a GUID)"));
        String from = query.get("from");
        int first = 0;
        if (from != null && !from.isBlank()) {
            try {
                first = Integer.parseInt(from.trim());
            } catch (NumberFormatException e) {
                first = -1;
            }
            if (first < 0) {
                throw StatusException.invalidParameter("from", from, "a table position, 0 or more");
            }
        }
        return new StatusBoard.Selection(id, first, maxTables);
    }
}
