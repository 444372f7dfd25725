package com.synapselinkhealth.statuspage;

import com.synapselinkhealth.health.HealthEvent;
import com.synapselinkhealth.statetables.Choice;
import com.synapselinkhealth.status.HealthState;
import com.synapselinkhealth.status.ProfileHealth;
import com.synapselinkhealth.status.ProfileSummary;
import com.synapselinkhealth.status.TableStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;

/**
 * The status page: one self-contained HTML document (its CSS and script inline, allowed by a per-response nonce;
 * no external asset) with every profile's health, each table's states, time since last sync against its allowance
 * and record counts, and the latest events. Every state is a colour, a symbol and words; the tables have real
 * headers and sort by any column (script), and the page reloads itself every {@code refreshSeconds}. Every name is
 * HTML-escaped. It never contains a key or a callback URL.
 */
public final class StatusPageHtml {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
        .withZone(ZoneOffset.UTC);
    private static final String CSS = resource("statuspage/status-page.css");
    private static final String SCRIPT = resource("statuspage/status-page.js");

    private StatusPageHtml() {
    }

    /**
     * @param nonce the CSP nonce of this response (base64), also named in its Content-Security-Policy
     * @param refreshSeconds how often the page reloads itself
     */
    public static String render(StatusBoard board, String nonce, int refreshSeconds) {
        Objects.requireNonNull(nonce, "'nonce' cannot be null.");
        StringBuilder h = new StringBuilder(16_384);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .append("<meta name=\"referrer\" content=\"no-referrer\">\n")
            .append("<title>Synapse Link Health: status</title>\n")
            .append("<noscript><meta http-equiv=\"refresh\" content=\"").append(refreshSeconds).append("\"></noscript>\n")
            .append("<style nonce=\"").append(Html.escape(nonce)).append("\">\n").append(CSS).append("</style>\n")
            .append("</head>\n<body data-refresh-seconds=\"").append(refreshSeconds).append("\">\n");
        header(h, board, refreshSeconds);
        h.append("<main>\n");
        if (board.profiles().isEmpty()) {
            h.append("<p class=\"empty\">No Azure Synapse Link profile is known yet. Profiles appear here as soon as "
                + "Dataverse sends a change of one of the Synapse Link state tables.</p>\n");
        }
        for (int i = 0; i < board.profiles().size(); i++) {
            profile(h, board.profiles().get(i), i);
        }
        events(h, board);
        h.append("</main>\n<script nonce=\"").append(Html.escape(nonce)).append("\">\n").append(SCRIPT).append("</script>\n")
            .append("</body>\n</html>\n");
        return h.toString();
    }

    private static void header(StringBuilder h, StatusBoard board, int refreshSeconds) {
        long failing = board.profiles().stream().mapToLong(p -> p.health().tableCounts().failing()).sum();
        h.append("<header>\n<h1>Synapse Link Health</h1>\n<p class=\"as-of\">Status as of ")
            .append(time(board.asOf())).append(". <span id=\"refresh-note\">Reloads every ").append(refreshSeconds)
            .append(" s.</span> <button type=\"button\" id=\"refresh-toggle\" hidden>Pause reloading</button></p>\n")
            .append("<p class=\"overview\">").append(board.profiles().size()).append(plural(board.profiles().size(), " profile"))
            .append(", ").append(board.profilesNeedingAttention()).append(" needing attention; ")
            .append(board.tableCount()).append(plural(board.tableCount(), " table")).append(", ").append(failing)
            .append(" failing.</p>\n");
        if (board.changesTooOld() > 0) {
            h.append("<p class=\"too-old\" id=\"changes-too-old\">").append(board.changesTooOld())
                .append(board.changesTooOld() == 1 ? " callback" : " callbacks")
                .append(" came later than the row history reaches and raised nothing (see LINKHEALTH_ROW_HISTORY).</p>\n");
        }
        h.append("<p class=\"legend\">Legend: ").append(Look.of(HealthState.FAILING).badge()).append(' ')
            .append(Look.of(HealthState.PAUSED).badge()).append(' ').append(Look.of(HealthState.STALLED).badge()).append(' ')
            .append(Look.of(HealthState.HEALTHY).badge())
            .append(". Select a column heading to sort. The same data as JSON: add <code>format=json</code> to this "
                + "page's query.</p>\n</header>\n");
    }

    private static void profile(StringBuilder h, StatusBoard.ProfileBoard board, int index) {
        ProfileHealth health = board.health();
        ProfileSummary p = health.profile();
        String name = p.name() == null ? "Profile " + p.id() : p.name();
        Look overall = Look.of(health.worstSeverity());
        ProfileHealth.TableCounts counts = health.tableCounts();
        h.append("<section class=\"profile ").append(overall.tone()).append("\" aria-labelledby=\"profile-").append(index)
            .append("\">\n<h2 id=\"profile-").append(index).append("\">").append(overall.badge()).append(" <span class=\"name\">")
            .append(Html.escape(name)).append("</span></h2>\n<p class=\"meta\">")
            .append(p.organization() == null ? "" : "Organization " + Html.escape(p.organization()) + " · ")
            .append("Profile state ").append(p.state() == null ? "unknown" : Look.of(p.state()).badge()).append(" · ")
            .append(counts.total()).append(plural(counts.total(), " table")).append(": ")
            .append(counts.failing()).append(" failing, ").append(counts.paused()).append(" paused, ")
            .append(counts.stalled()).append(" stalled, ").append(counts.healthy()).append(" healthy")
            .append(health.lastSyncedAt() == null ? "" : " · latest sync " + time(health.lastSyncedAt()))
            .append("</p>\n");
        if (board.tables().isEmpty()) {
            h.append(board.totalTables() == 0 ? "<p class=\"empty\">No synced table is known for this profile.</p>\n"
                : "");
            more(h, board);
            h.append("</section>\n");
            return;
        }
        h.append("<div class=\"scroll\"><table class=\"sortable\" id=\"tables-").append(index).append("\">\n<caption>Tables of ")
            .append(Html.escape(name)).append("</caption>\n<thead><tr>");
        column(h, "Table", "text", "ascending");
        column(h, "Health", "number", "none");
        column(h, "Sync", "text", "none");
        column(h, "Initial sync", "text", "none");
        column(h, "Delta Lake / Fabric", "text", "none");
        column(h, "Last sync", "number", "none");
        column(h, "Since last sync / allowed", "number", "none");
        column(h, "Lake records", "number", "none");
        column(h, "Dataverse records", "number", "none");
        column(h, "Lake − Dataverse", "number", "none");
        h.append("</tr></thead>\n<tbody>\n");
        for (TableStatus t : board.tables()) {
            row(h, t);
        }
        h.append("</tbody>\n</table></div>\n");
        more(h, board);
        h.append("</section>\n");
    }

    /**
     * When the page leaves some of the profile's tables out: how many, and a link to the page of this profile alone
     * from the first one not shown (the page's script carries the function key of the address bar over to it).
     */
    private static void more(StringBuilder h, StatusBoard.ProfileBoard board) {
        if (!board.truncated()) {
            return;
        }
        String id = board.health().profile().id().toString();
        if (board.alone()) {
            h.append("<p class=\"more\">Tables ").append(board.firstTable() + 1).append(" to ")
                .append(board.nextTable()).append(" of ").append(board.totalTables()).append(", by name.");
            if (board.nextTable() < board.totalTables()) {
                h.append(" <a class=\"keep-key\" href=\"?profile=").append(id).append("&amp;from=")
                    .append(board.nextTable()).append("\">Next tables</a>");
            }
            h.append(" <a class=\"keep-key\" href=\"?\">All profiles</a></p>\n");
            return;
        }
        int left = board.totalTables() - board.tables().size();
        h.append("<p class=\"more\">Showing ").append(board.tables().size()).append(" of ").append(board.totalTables())
            .append(" tables (those needing attention first); ").append(left).append(left == 1 ? " is" : " are")
            .append(" not on this page. <a class=\"keep-key\" href=\"?profile=").append(id)
            .append("&amp;from=0\">Every table of this profile, page by page</a></p>\n");
    }

    /** @param sort how the rows are sorted by this column as rendered: ascending, descending or none */
    private static void column(StringBuilder h, String title, String type, String sort) {
        h.append("<th scope=\"col\" data-type=\"").append(type).append("\" aria-sort=\"")
            .append(sort).append("\"><button type=\"button\">").append(Html.escape(title))
            .append("</button></th>");
    }

    private static void row(StringBuilder h, TableStatus t) {
        Look health = Look.of(t.healthState());
        h.append("<tr class=\"health-").append(t.healthState().wireName()).append("\" data-health=\"")
            .append(t.healthState().wireName()).append("\">");
        h.append("<th scope=\"row\" data-value=\"").append(Html.escape(t.table().toLowerCase(Locale.ROOT))).append("\">")
            .append(Html.escape(t.table())).append("</th>");
        h.append("<td data-value=\"").append(t.healthState().ordinal() == 0 ? 3 : t.healthState().ordinal() - 1)
            .append("\">").append(health.badge()).append("</td>");
        choiceCell(h, t.syncState());
        initialSyncCell(h, t);
        h.append("<td>").append(delta(t)).append("</td>");
        h.append("<td data-value=\"").append(t.lastSyncedAt() == null ? -1 : t.lastSyncedAt().getEpochSecond()).append("\">")
            .append(t.lastSyncedAt() == null ? "never seen" : time(t.lastSyncedAt())).append("</td>");
        h.append("<td data-value=\"").append(t.lag() == null ? -1 : t.lag().getSeconds()).append("\"")
            .append(t.stalled() ? " class=\"over\"" : "").append(">")
            .append(t.lag() == null ? "unknown" : Durations.human(t.lag()))
            .append(" <span class=\"of\">/ ").append(Durations.human(t.stallAllowance())).append("</span>")
            .append(t.stalled() ? " <span class=\"state warn\"><span class=\"sym\" aria-hidden=\"true\">◷</span> over</span>" : "")
            .append(t.warnings().fallingBehind() ? " <span class=\"state warn behind\"><span class=\"sym\" aria-hidden=\"true\">↘</span>"
                + " falling behind</span>" : "")
            .append("</td>");
        count(h, t.lakeRecordCount());
        count(h, t.dataverseRecordCount());
        driftCell(h, t);
        h.append("</tr>\n");
    }

    /** The initial sync's state and, while it runs, a bar with its percentage and when it should end, in words too. */
    private static void initialSyncCell(StringBuilder h, TableStatus t) {
        Integer percent = t.warnings().initialSyncPercent();
        if (percent == null) {
            choiceCell(h, t.initialSyncState());
            return;
        }
        Instant eta = t.warnings().initialSyncEstimatedCompletionAt();
        h.append("<td data-value=\"").append(Html.escape(t.initialSyncState() == null ? "" : t.initialSyncState().label()))
            .append("\">").append(t.initialSyncState() == null ? "" : Look.of(t.initialSyncState()).badge())
            .append("<div class=\"progress\"><progress max=\"100\" value=\"").append(percent).append("\" aria-label=\"Initial sync ")
            .append(percent).append(" percent done\">").append(percent).append(" %</progress> <span class=\"pct\">")
            .append(percent).append(" % done</span>")
            .append(eta == null ? " <span class=\"eta\">no estimate yet</span>" : " <span class=\"eta\">ends about " + time(eta) + "</span>")
            .append("</div></td>");
    }

    /** Lake minus Dataverse rows, with a marker in words when the table counts as drifting. */
    private static void driftCell(StringBuilder h, TableStatus t) {
        Long lakeMinusDataverse = t.recordCountDifference() == null ? null : -t.recordCountDifference();
        h.append("<td class=\"num").append(t.warnings().drifting() ? " over" : "").append("\" data-value=\"")
            .append(lakeMinusDataverse == null ? 0 : lakeMinusDataverse).append("\">");
        if (lakeMinusDataverse == null) {
            h.append("<span class=\"none\">—</span>");
        } else {
            h.append(lakeMinusDataverse > 0 ? "+" : lakeMinusDataverse < 0 ? "−" : "")
                .append(String.format(Locale.ROOT, "%,d", Math.abs(lakeMinusDataverse)));
        }
        if (t.warnings().drifting()) {
            h.append(" <span class=\"state warn drift\"><span class=\"sym\" aria-hidden=\"true\">≠</span> drifting</span>");
        }
        h.append("</td>");
    }

    private static void choiceCell(StringBuilder h, Choice choice) {
        h.append("<td data-value=\"").append(choice == null ? "" : Html.escape(choice.label())).append("\">")
            .append(choice == null ? "<span class=\"none\">—</span>" : Look.of(choice).badge()).append("</td>");
    }

    /** The Delta Lake table, its last conversion and the Fabric shortcut, each labelled; a dash when none. */
    private static String delta(TableStatus t) {
        if (t.deltaTableState() == null && t.deltaLastSyncState() == null && t.lakehouseShortcutState() == null) {
            return "<span class=\"none\">—<span class=\"sr\"> no Delta Lake table</span></span>";
        }
        StringBuilder d = new StringBuilder();
        part(d, "Table", t.deltaTableState());
        part(d, "Last conversion", t.deltaLastSyncState());
        part(d, "Fabric shortcut", t.lakehouseShortcutState());
        return d.toString();
    }

    private static void part(StringBuilder d, String label, Choice choice) {
        if (choice != null) {
            d.append("<span class=\"part\">").append(label).append(": ").append(Look.of(choice).badge()).append("</span> ");
        }
    }

    private static void count(StringBuilder h, Long count) {
        h.append("<td class=\"num\" data-value=\"").append(count == null ? -1 : count).append("\">")
            .append(count == null ? "<span class=\"none\">—</span>" : String.format(Locale.ROOT, "%,d", count)).append("</td>");
    }

    private static void events(StringBuilder h, StatusBoard board) {
        h.append("<section class=\"events\" aria-labelledby=\"events-title\">\n<h2 id=\"events-title\">Latest events</h2>\n");
        if (board.recentEvents().isEmpty()) {
            h.append("<p class=\"empty\">No health event yet.</p>\n</section>\n");
            return;
        }
        h.append("<div class=\"scroll\"><table class=\"sortable\" id=\"events\">\n<caption>The latest ")
            .append(board.recentEvents().size()).append(" health events, newest first</caption>\n<thead><tr>");
        column(h, "Time", "number", "descending");
        column(h, "Severity", "number", "none");
        column(h, "Event", "text", "none");
        column(h, "Profile", "text", "none");
        column(h, "Table", "text", "none");
        column(h, "What happened", "text", "none");
        h.append("</tr></thead>\n<tbody>\n");
        for (HealthEvent e : board.recentEvents()) {
            Look look = Look.ofEvent(e.severity());
            h.append("<tr class=\"severity-").append(e.severity().wireName()).append("\">")
                .append("<td data-value=\"").append(e.time().toEpochMilli()).append("\">").append(time(e.time())).append("</td>")
                .append("<td data-value=\"").append(2 - e.severity().ordinal()).append("\">").append(look.badge()).append("</td>")
                .append("<td>").append(Html.escape(e.name().name())).append("</td>")
                .append("<td>").append(Html.escape(e.profileName() == null ? "" : e.profileName())).append("</td>")
                .append("<td>").append(Html.escape(e.table() == null ? "" : e.table())).append("</td>")
                .append("<td>").append(Html.escape(e.summary())).append("</td></tr>\n");
        }
        h.append("</tbody>\n</table></div>\n</section>\n");
    }

    private static String time(Instant instant) {
        return "<time datetime=\"" + instant + "\">" + TIME.format(instant) + "</time>";
    }

    private static String plural(long count, String word) {
        return count == 1 ? word : word + "s";
    }


    private static String resource(String name) {
        try (InputStream in = StatusPageHtml.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing bundled resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read bundled resource " + name, e);
        }
    }
}
