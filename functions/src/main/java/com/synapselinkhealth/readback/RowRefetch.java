package com.synapselinkhealth.readback;

import com.synapselinkhealth.dataverse.AttributeValue;
import com.synapselinkhealth.dataverse.Attributes;
import com.synapselinkhealth.dataverse.EntityReference;
import com.synapselinkhealth.dataverse.RowChange;
import com.synapselinkhealth.statetables.StateTable;
import com.synapselinkhealth.store.RowState;
import com.synapselinkhealth.store.RowStateStore;
import com.synapselinkhealth.store.Versioned;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Completes a callback that lacks its row data before the rules run: Dataverse dropped it because the message was
 * too large ({@code x-ms-dynamics-msg-size-exceeded}, {@code MessageMaxSizeExceeded}), or the step has no images
 * and neither the callback nor the stored state holds the columns the rules and events need. The row is read back
 * from Dataverse; a row that no longer exists, or no Web API configured, leaves the change as it came.
 */
public final class RowRefetch {
    /**
     * The columns that say which table and profile a change is about, per table. A changed state column is always in
     * the callback (Target); without images these context columns are not, and an event without them names nothing.
     */
    static final Map<StateTable, List<String>> NEEDED = new EnumMap<>(Map.of(
        StateTable.PROFILE_ENTITY_STATE, List.of("entityname", "profile"),
        StateTable.EXTERNAL_TABLE_STATE, List.of("entityname", "synapseworkspacename"),
        StateTable.PROFILE, List.of("name"),
        StateTable.PROFILE_ENTITY, List.of("entityname", "profile"),
        StateTable.SCHEDULE, List.of("profile"),
        StateTable.DATABASE, List.of("datalakefolder")));

    /** Taken from the read only when the callback carried no row data: they date the data they come with. */
    private static final Set<String> VERSION_COLUMNS = Set.of("versionnumber", "modifiedon");

    private final RowStateStore rows;
    private final Supplier<Optional<DataverseRows>> dataverse;
    private final AtomicBoolean toldNotConfigured = new AtomicBoolean();
    /** How many profile names (and misses) are remembered; past it the memory starts over. */
    static final int MAX_REMEMBERED = 10_000;
    /** How long a profile id that Dataverse does not know (or that has no name) is not asked for again. */
    public static final java.time.Duration DEFAULT_MISS_TTL = java.time.Duration.ofMinutes(5);

    /** Profile names read back for changes that came before their profile's own row. */
    private final Map<UUID, String> profileNames = new ConcurrentHashMap<>();
    /** Profile ids whose read found nothing, with when they may be asked for again. */
    private final Map<UUID, java.time.Instant> misses = new ConcurrentHashMap<>();
    private final java.time.Clock clock;
    private final java.time.Duration missTtl;

    /**
     * @param dataverse the Web API reader, asked for only when a change needs it (empty when not configured)
     */
    public RowRefetch(RowStateStore rows, Supplier<Optional<DataverseRows>> dataverse) {
        this(rows, dataverse, java.time.Clock.systemUTC(), DEFAULT_MISS_TTL);
    }

    /**
     * @param missTtl how long a profile id that the read did not find (or found without a name) is not read again: a
     *     hostile or stale id would otherwise cost a Dataverse read on every callback
     */
    public RowRefetch(RowStateStore rows, Supplier<Optional<DataverseRows>> dataverse, java.time.Clock clock,
                      java.time.Duration missTtl) {
        this.rows = Objects.requireNonNull(rows, "'rows' cannot be null.");
        this.dataverse = Objects.requireNonNull(dataverse, "'dataverse' cannot be null.");
        this.clock = Objects.requireNonNull(clock, "'clock' cannot be null.");
        this.missTtl = Objects.requireNonNull(missTtl, "'missTtl' cannot be null.");
    }

    /** How a change was completed. */
    public enum Status {
        /** The change had what the rules need. */
        NOT_NEEDED,
        /** The row was read and its columns filled in. */
        COMPLETED,
        /** The row no longer exists in Dataverse; the change is used as it came. */
        ROW_GONE,
        /** No Web API configured; the change is used as it came. */
        NOT_CONFIGURED,
        /** The read failed for a reason retrying will not fix (or on the last try); the change is used as it came. */
        NOT_READ
    }

    /**
     * @param change the change to judge
     * @param note a sentence to log, or {@code null}; never carries a secret
     */
    public record Result(RowChange change, Status status, String note) {
        public Result {
            Objects.requireNonNull(change, "'change' cannot be null.");
            Objects.requireNonNull(status, "'status' cannot be null.");
        }
    }

    /**
     * @param lastTry the queue will not try this change again: a failure that is worth retrying is noted and the
     *     change used as it came, instead of thrown
     * @throws DataverseReadException when the read failed in a way worth retrying (throttling, server errors, no
     *     answer) and this is not the last try
     */
    public Result complete(RowChange change, boolean lastTry) {
        Objects.requireNonNull(change, "'change' cannot be null.");
        Optional<StateTable> table = StateTable.fromLogicalName(change.table());
        if (table.isEmpty() || change.message().isDelete()) {
            return new Result(change, Status.NOT_NEEDED, null);
        }
        List<String> missing = missing(table.get(), change);
        if (!change.sizeExceeded() && missing.isEmpty()) {
            return new Result(withProfileName(change), Status.NOT_NEEDED, null);
        }
        String what = change.message().value() + " of " + change.table() + " row " + change.rowId() + " "
            + (change.sizeExceeded() ? "came without its row data (Dataverse dropped it: size exceeded)"
                : "lacks " + String.join(", ", missing));
        Optional<DataverseRows> reader = dataverse.get();
        if (reader.isEmpty()) {
            boolean first = toldNotConfigured.compareAndSet(false, true);
            return new Result(change, Status.NOT_CONFIGURED, first ? "The " + what + "; it is judged with what it has "
                + "because DATAVERSE_ENVIRONMENT_URL is not set, so the row cannot be read back. Set it to complete "
                + "such callbacks (said once)." : null);
        }
        Optional<RowSnapshot> row;
        try {
            row = reader.get().readRow(table.get(), change.rowId());
        } catch (DataverseReadException e) {
            if (e.kind().isTransient() && !lastTry) {
                throw e;
            }
            return new Result(change, Status.NOT_READ, "The " + what + " and could not be read back, so it is judged "
                + "with what it has: " + e.getMessage());
        }
        if (row.isEmpty()) {
            return new Result(change, Status.ROW_GONE, "The " + what + "; the row no longer exists in Dataverse, so it "
                + "is judged with what it has.");
        }
        return new Result(withProfileName(merge(change, row.get())), Status.COMPLETED, "The " + what + "; read the row "
            + "back from " + reader.get().organization() + ".");
    }

    /**
     * A change about a profile's table that came before this service saw the profile's own row (queued callbacks are
     * worked in any order, and a profile may never change): its {@code profile} reference gets the profile's name,
     * read from Dataverse once and remembered, so the event names the profile rather than its id. Without the Web
     * API, or when the read fails, the change is left as it is.
     */
    RowChange withProfileName(RowChange change) {
        EntityReference profile = change.attributes().reference("profile");
        if (profile == null || (profile.name() != null && !profile.name().isBlank())
            || rows.find(StateTable.PROFILE, profile.id()).map(v -> v.value().attributes().text("name"))
                .filter(n -> !n.isBlank()).isPresent()) {
            return change;
        }
        String name = profileNames.get(profile.id());
        if (name == null) {
            java.time.Instant retryAt = misses.get(profile.id());
            if (retryAt != null && clock.instant().isBefore(retryAt)) {
                return change; // asked a moment ago and Dataverse had nothing
            }
            Optional<DataverseRows> reader = dataverse.get();
            if (reader.isEmpty()) {
                return change;
            }
            try {
                name = reader.get().readRow(StateTable.PROFILE, profile.id()).map(r -> r.attributes().text("name"))
                    .filter(n -> !n.isBlank()).orElse(null);
            } catch (DataverseReadException e) {
                return change; // the event names the profile by id; the reconciliation fills the name later
            }
            if (name == null) {
                remember(misses, profile.id(), clock.instant().plus(missTtl));
                return change;
            }
            misses.remove(profile.id());
            remember(profileNames, profile.id(), name);
        }
        Attributes named = Attributes.builder().put("profile",
            new AttributeValue.Reference(new EntityReference(profile.logicalName(), profile.id(), name))).build();
        return withAttributes(change, change.attributes().overlaidWith(named), change.formattedValues());
    }

    /** Keeps {@code value}, within {@link #MAX_REMEMBERED} entries (past it the map starts over: a flood of ids). */
    private static <V> void remember(Map<UUID, V> map, UUID id, V value) {
        if (map.size() >= MAX_REMEMBERED) {
            map.clear();
        }
        map.put(id, value);
    }

    /** The needed columns neither the change nor the stored state holds. */
    private List<String> missing(StateTable table, RowChange change) {
        Attributes known = rows.find(table, change.rowId()).map(Versioned::value).filter(s -> !s.deleted())
            .map(RowState::attributes).orElse(Attributes.empty());
        List<String> missing = new ArrayList<>();
        for (String column : NEEDED.get(table)) {
            if (!change.attributes().has(column) && !known.has(column)) {
                missing.add(column);
            }
        }
        return missing;
    }

    /**
     * The callback's own values win; the read fills the rest. Without any row data in the callback, the read is the
     * row data, its version included.
     */
    static RowChange merge(RowChange change, RowSnapshot row) {
        boolean noData = change.attributes().isEmpty();
        Attributes.Builder read = Attributes.builder();
        for (Map.Entry<String, AttributeValue> e : row.attributes().asMap().entrySet()) {
            if (noData || !VERSION_COLUMNS.contains(e.getKey())) {
                read.put(e.getKey(), e.getValue());
            }
        }
        Attributes attributes = read.build().overlaidWith(change.attributes());
        Map<String, String> formatted = new LinkedHashMap<>(row.formattedValues());
        formatted.putAll(change.formattedValues());
        return withAttributes(change, attributes, formatted);
    }

    private static RowChange withAttributes(RowChange change, Attributes attributes, Map<String, String> formatted) {
        return new RowChange(change.organization(), change.organizationId(), change.message(), change.table(),
            change.rowId(), attributes, change.before(), formatted, change.operationId(), change.operationKey(),
            change.correlationId(), change.requestId(), change.depth(), change.stage(), change.mode(),
            change.operationCreatedOn(), change.sizeExceeded());
    }
}
