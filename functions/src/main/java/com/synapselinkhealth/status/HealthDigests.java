package com.synapselinkhealth.status;

import com.synapselinkhealth.health.DigestReport.DigestItem;
import com.synapselinkhealth.health.DigestReport.ProfileDigest;
import com.synapselinkhealth.health.DigestReport;
import com.synapselinkhealth.health.EventDetails;
import com.synapselinkhealth.health.EventIds;
import com.synapselinkhealth.health.HealthEvent;
import com.synapselinkhealth.health.HealthEventName;
import com.synapselinkhealth.health.Severity;
import com.synapselinkhealth.health.Summaries;
import com.synapselinkhealth.statetables.Choices;
import com.synapselinkhealth.statetables.StateTable;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The health digest, read from the status: one {@link DigestReport} per organization, each profile's tables counted
 * by health state (healthy, failing, paused, stalled) and by early warning (drifting, falling behind, initial sync in
 * progress), with the worst items by name; and the {@link HealthEventName#HealthDigest} event that carries it.
 */
public final class HealthDigests {
    /** The state table a digest event names: the digest is about an organization's profiles. */
    public static final String STATE_TABLE = StateTable.PROFILE.logicalName();
    private static final DateTimeFormatter WHEN =
        DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    /** How bad an item is, worst first: the order of the worst items. */
    private enum Concern {
        FAILING("failing", Severity.ERROR),
        PAUSED("paused", Severity.WARNING),
        STALLED("stalled", Severity.WARNING),
        DRIFTING("drifting", Severity.WARNING),
        FALLING_BEHIND("falling behind", Severity.WARNING),
        INITIAL_SYNC("initial sync", Severity.INFO);

        final String words;
        final Severity severity;

        Concern(String words, Severity severity) {
            this.words = words;
            this.severity = severity;
        }
    }

    private record Ranked(Concern concern, DigestItem item) {
    }

    private final StatusService status;
    private final Clock clock;

    public HealthDigests(StatusService status, Clock clock) {
        this.status = Objects.requireNonNull(status, "'status' cannot be null.");
        this.clock = Objects.requireNonNull(clock, "'clock' cannot be null.");
    }

    /** One report per organization the profiles name (profiles naming none share one, with a null organization). */
    public List<DigestReport> reports() {
        Instant asOf = now();
        Map<String, List<ProfileDigest>> byOrganization = new LinkedHashMap<>();
        for (ProfileSummary profile : status.profiles()) {
            byOrganization.computeIfAbsent(key(profile.organization()), k -> new ArrayList<>()).add(digest(profile));
        }
        List<DigestReport> reports = new ArrayList<>();
        byOrganization.forEach((org, profiles) -> reports.add(new DigestReport(org, asOf, worstFirst(profiles))));
        reports.sort(Comparator.comparing((DigestReport r) -> r.organization() == null ? 1 : 0)
            .thenComparing(r -> r.organization() == null ? "" : r.organization()));
        return reports;
    }

    /**
     * The report of one organization (matched ignoring case), or of every profile when {@code organization} is null
     * or blank: then its organization is the one all profiles name, else null.
     *
     * @return empty when an organization is given and no profile names it
     */
    public Optional<DigestReport> report(String organization) {
        List<DigestReport> reports = reports();
        if (organization != null && !organization.isBlank()) {
            String wanted = organization.trim();
            return reports.stream().filter(r -> r.organization() != null && r.organization().equalsIgnoreCase(wanted))
                .findFirst();
        }
        if (reports.size() == 1) {
            return Optional.of(reports.get(0));
        }
        List<ProfileDigest> all = new ArrayList<>();
        reports.forEach(r -> all.addAll(r.profiles()));
        return Optional.of(new DigestReport(null, now(), worstFirst(all)));
    }

    /** One profile's digest, from its tables' status. */
    public ProfileDigest digest(ProfileSummary profile) {
        return digest(profile, status.tables(profile.id(), null));
    }

    /** One profile's digest: its tables counted by state, and the worst items by name. */
    public static ProfileDigest digest(ProfileSummary profile, List<TableStatus> tables) {
        int healthy = 0;
        int failing = 0;
        int paused = 0;
        int stalled = 0;
        int drifting = 0;
        int behind = 0;
        int initial = 0;
        List<Ranked> items = new ArrayList<>();
        for (TableStatus t : tables) {
            switch (t.healthState()) {
                case HEALTHY -> healthy++;
                case FAILING -> failing++;
                case PAUSED -> paused++;
                case STALLED -> stalled++;
                default -> throw new IllegalStateException("unknown health state " + t.healthState());
            }
            TableStatus.Warnings w = t.warnings();
            boolean inInitialSync = Choices.SYNC_IN_PROGRESS.is(t.initialSyncState());
            drifting += w.drifting() ? 1 : 0;
            behind += w.fallingBehind() ? 1 : 0;
            initial += inInitialSync ? 1 : 0;
            worstItem(t, inInitialSync).ifPresent(items::add);
        }
        items.sort(Comparator.comparing(Ranked::concern)
            .thenComparing(r -> r.item().table() == null ? "" : r.item().table(), String.CASE_INSENSITIVE_ORDER));
        List<DigestItem> worst = items.stream().limit(ProfileDigest.MAX_ITEMS).map(Ranked::item).toList();
        return new ProfileDigest(profile.id(), profile.name(), tables.size(), healthy, failing, paused, stalled, drifting,
            behind, initial, worst);
    }

    /** The table's worst concern as an item, or empty when it has none. */
    private static Optional<Ranked> worstItem(TableStatus t, boolean inInitialSync) {
        TableStatus.Warnings w = t.warnings();
        Concern concern = switch (t.healthState()) {
            case FAILING -> Concern.FAILING;
            case PAUSED -> Concern.PAUSED;
            case STALLED -> Concern.STALLED;
            default -> w.drifting() ? Concern.DRIFTING : w.fallingBehind() ? Concern.FALLING_BEHIND
                : inInitialSync ? Concern.INITIAL_SYNC : null;
        };
        if (concern == null) {
            return Optional.empty();
        }
        String state = concern.words;
        String detail = switch (concern) {
            case FAILING -> capitalized(String.join(", ", failures(t)) + lastSync(t) + ".");
            case PAUSED -> t.lastSyncedAt() == null ? "No sync known yet." : "Last sync " + WHEN.format(t.lastSyncedAt()) + ".";
            case STALLED -> "No data synced for " + human(t.lag()) + "; its schedule allows " + human(t.stallAllowance()) + ".";
            case DRIFTING -> "The lake has " + counts(t) + ".";
            case FALLING_BEHIND -> "Lag " + human(t.lag()) + " against an allowance of " + human(t.stallAllowance())
                + ", growing sync after sync.";
            case INITIAL_SYNC -> {
                Integer percent = initialSyncPercent(t);
                if (percent != null) {
                    state = "initial sync " + percent + " %";
                }
                Instant eta = w.initialSyncEstimatedCompletionAt();
                yield "Initial sync " + (percent == null ? "in progress" : percent + " % done")
                    + (eta == null ? "; no estimate of its end yet." : "; about done at " + WHEN.format(eta) + ".");
            }
        };
        return Optional.of(new Ranked(concern, new DigestItem(t.table(), state, concern.severity, detail)));
    }

    /** The initial sync's percent: the warnings' when they know it, else lake rows over Dataverse rows. */
    static Integer initialSyncPercent(TableStatus t) {
        if (t.warnings().initialSyncPercent() != null) {
            return t.warnings().initialSyncPercent();
        }
        if (t.lakeRecordCount() == null || t.dataverseRecordCount() == null || t.dataverseRecordCount() <= 0) {
            return null;
        }
        return (int) Math.max(0, Math.min(99, t.lakeRecordCount() * 100 / t.dataverseRecordCount()));
    }

    private static List<String> failures(TableStatus t) {
        List<String> failed = new ArrayList<>();
        if (Choices.SYNC_COMPLETED_WITH_FAILURES.is(t.syncState())) {
            failed.add("sync " + t.syncState().label());
        }
        if (Choices.SYNC_COMPLETED_WITH_FAILURES.is(t.initialSyncState())) {
            failed.add("initial sync " + t.initialSyncState().label());
        }
        if (Choices.METADATA_FAILURE.is(t.metadataState())) {
            failed.add("metadata " + t.metadataState().label());
        }
        if (Choices.SYNAPSE_TABLE_FAILED.is(t.synapseTableCreationState())) {
            failed.add("Synapse table " + t.synapseTableCreationState().label());
        }
        if (Choices.EXTERNAL_FAILED.is(t.deltaTableState())) {
            failed.add("Delta Lake table " + t.deltaTableState().label());
        }
        if (Choices.EXTERNAL_FAILED.is(t.deltaLastSyncState())) {
            failed.add("Delta Lake conversion " + t.deltaLastSyncState().label());
        }
        if (Choices.EXTERNAL_FAILED.is(t.lakehouseShortcutState())) {
            failed.add("Fabric shortcut " + t.lakehouseShortcutState().label());
        }
        if (failed.isEmpty()) {
            failed.add("a state column in a failure state");
        }
        return failed;
    }

    private static String capitalized(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private static String lastSync(TableStatus t) {
        return t.lastSyncedAt() == null ? "" : "; last sync " + WHEN.format(t.lastSyncedAt());
    }

    private static String counts(TableStatus t) {
        if (t.lakeRecordCount() == null || t.dataverseRecordCount() == null) {
            return "a row count off from Dataverse's for several syncs";
        }
        long difference = t.lakeRecordCount() - t.dataverseRecordCount();
        return String.format(Locale.ROOT, "%,d rows, Dataverse %,d (%,d %s)", t.lakeRecordCount(),
            t.dataverseRecordCount(), Math.abs(difference), difference < 0 ? "fewer" : "more");
    }

    /** {@code 2 h 5 min}, {@code 40 min}, {@code 12 s}; {@code an unknown time} for null. */
    static String human(Duration d) {
        return Summaries.humanToTheSecond(d);
    }

    private static List<ProfileDigest> worstFirst(List<ProfileDigest> profiles) {
        List<ProfileDigest> sorted = new ArrayList<>(profiles);
        sorted.sort(Comparator.comparing(ProfileDigest::worstSeverity, Comparator.reverseOrder())
            .thenComparing(p -> p.profileName() == null ? 1 : 0)
            .thenComparing(p -> p.profileName() == null ? "" : p.profileName(), String.CASE_INSENSITIVE_ORDER)
            .thenComparing(p -> p.profileId() == null ? "" : p.profileId().toString()));
        return sorted;
    }

    private static String key(String organization) {
        return organization == null || organization.isBlank() ? null : organization;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    // ------------------------------------------------------------------ the event

    /** The row id a digest event names: a name-based UUID of the organization, so each organization has its own. */
    public static UUID rowId(String organization) {
        return UUID.nameUUIDFromBytes(("synapselinkhealth|digest|" + (organization == null ? "" : organization))
            .getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The {@link HealthEventName#HealthDigest} event of a report made for a slot of the digest schedule. Its id depends
     * only on the organization and the slot, so a timer that fires twice for one slot (a retry, a second instance)
     * makes the same event, which the event store and the deliveries keep once.
     *
     * @param slot the scheduled time the digest was made for; the event's time
     */
    public static HealthEvent event(DigestReport report, Instant slot) {
        Objects.requireNonNull(report, "'report' cannot be null.");
        Objects.requireNonNull(slot, "'slot' cannot be null.");
        UUID rowId = rowId(report.organization());
        String id = EventIds.of(STATE_TABLE, rowId, "digest@" + slot, "Digest", HealthEventName.HealthDigest);
        EventDetails details = EventDetails.of(report);
        String summary = Summaries.of(HealthEventName.HealthDigest, null, null, null, null, null, slot, null, null, null,
            null, details);
        return HealthEvent.builder().id(id).name(HealthEventName.HealthDigest).time(slot)
            .organization(report.organization()).stateTable(STATE_TABLE).rowId(rowId).summary(summary).details(details)
            .build();
    }
}
