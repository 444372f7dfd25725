package com.synapselinkhealth.azure.tables;

import com.azure.core.util.Context;
import com.azure.data.tables.TableClient;
import com.azure.data.tables.TableServiceClient;
import com.azure.data.tables.models.ListEntitiesOptions;
import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableEntityUpdateMode;
import com.azure.data.tables.models.TableServiceException;
import com.synapselinkhealth.health.HealthEvent;
import com.synapselinkhealth.health.HealthEventName;
import com.synapselinkhealth.health.cloudevents.HealthCloudEvents;
import com.synapselinkhealth.store.EventQuery;
import com.synapselinkhealth.store.EventStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * Events in three Azure Tables, each entity holding the whole event as CloudEvents JSON
 * ({@link HealthCloudEvents}):
 * <ul>
 *   <li>{@link TableNames#eventIds()}: PartitionKey the event id, RowKey {@code event}. Inserting it is the
 *       claim that makes {@link #append} idempotent, and it answers {@link #find}.</li>
 *   <li>{@link TableNames#events()}: every event, PartitionKey the inverted month ({@link TableKeys#invertedMonth}),
 *       RowKey the inverted time and the id ({@link TableKeys#timeKey}): a scan of the table returns the newest
 *       first, across all profiles.</li>
 *   <li>{@link TableNames#eventsByProfile()}: the same, PartitionKey {@code id_<profile id>} and again
 *       {@code name_<profile name, lower case>}: a query about one profile reads one or two partitions.</li>
 * </ul>
 * The other criteria of an {@link EventQuery} become a server-side {@code $filter} (time as a RowKey range, table
 * when it is ASCII as Dataverse logical names are, event names, severity), and every event read is checked again with {@link EventQuery#matches}, so the answer is
 * exactly the in-memory store's. Nothing expires: there is no capacity as in the in-memory store.
 */
public final class TableEventStore implements EventStore {
    /** Event names in a $filter at most (Azure allows 15 comparisons per filter); more are filtered here. */
    static final int MAX_NAMES_IN_FILTER = 8;
    private static final String ID_ROW = "event";
    private static final Comparator<HealthEvent> NEWEST_FIRST =
        Comparator.comparing(HealthEvent::time).reversed().thenComparing(HealthEvent::id);

    private final TableClient all;
    private final TableClient byProfile;
    private final TableClient ids;

    /** Uses (and creates when missing) the tables {@link TableNames#events()}, {@code eventsByProfile}, {@code eventIds}. */
    public TableEventStore(TableServiceClient service, TableNames names) {
        this.all = TableKeys.open(service, names.events());
        this.byProfile = TableKeys.open(service, names.eventsByProfile());
        this.ids = TableKeys.open(service, names.eventIds());
    }

    /**
     * Claims the id, then writes the timeline entities. A repeated append (or one after a crash half way) writes
     * the timeline entities of the first stored version again, so it also repairs what a crash left out.
     */
    @Override
    public boolean append(HealthEvent event) {
        TableEntity claim = new TableEntity(TableKeys.escape(event.id()), ID_ROW);
        LargeText.putJson(claim, "Event", HealthCloudEvents.toJson(event));
        LargeText.checkSize(claim, "event " + event.id());
        HealthEvent stored = event;
        boolean created;
        try {
            ids.createEntityWithResponse(claim, null, Context.NONE);
            created = true;
        } catch (TableServiceException e) {
            if (!TableKeys.hasStatus(e, 409)) {
                throw e;
            }
            created = false;
            stored = find(event.id()).orElse(event);
        }
        index(stored);
        return created;
    }

    private void index(HealthEvent event) {
        all.upsertEntityWithResponse(timelineEntity(TableKeys.invertedMonth(event.time()), event),
            TableEntityUpdateMode.REPLACE, null, Context.NONE);
        for (String partition : profilePartitions(event)) {
            byProfile.upsertEntityWithResponse(timelineEntity(partition, event), TableEntityUpdateMode.REPLACE, null,
                Context.NONE);
        }
    }

    @Override
    public Optional<HealthEvent> find(String id) {
        try {
            TableEntity entity = ids.getEntityWithResponse(TableKeys.escape(id), ID_ROW, null, null, Context.NONE).getValue();
            return Optional.of(HealthCloudEvents.fromJson(LargeText.getJson(entity, "Event")));
        } catch (TableServiceException e) {
            if (TableKeys.isMissingEntity(e)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public List<HealthEvent> query(EventQuery query) {
        String criteria = criteria(query);
        Map<String, HealthEvent> found = new LinkedHashMap<>();
        if (query.profile() == null || query.profile().isEmpty()) {
            String filter = query.since() == null ? criteria
                : and("PartitionKey le " + TableKeys.literal(TableKeys.invertedMonth(query.since())), criteria);
            scan(all, filter, query, found);
        } else {
            String profile = query.profile().toLowerCase(Locale.ROOT);
            for (String partition : List.of("id_" + TableKeys.escape(profile), "name_" + TableKeys.escape(profile))) {
                scan(byProfile, and("PartitionKey eq " + TableKeys.literal(partition), criteria), query, found);
            }
        }
        List<HealthEvent> result = new ArrayList<>(found.values());
        result.sort(NEWEST_FIRST);
        return result.size() > query.limit() ? List.copyOf(result.subList(0, query.limit())) : result;
    }

    /** Adds the first {@code query.limit()} matching events of one scan, newest first. */
    private static void scan(TableClient table, String filter, EventQuery query, Map<String, HealthEvent> found) {
        ListEntitiesOptions options = new ListEntitiesOptions().setTop(Math.min(1000, Math.max(32, query.limit())));
        if (filter != null) {
            options.setFilter(filter);
        }
        int taken = 0;
        for (TableEntity entity : table.listEntities(options, null, Context.NONE)) {
            HealthEvent event = HealthCloudEvents.fromJson(LargeText.getJson(entity, "Event"));
            if (query.matches(event)) {
                found.putIfAbsent(event.id(), event);
                if (++taken >= query.limit()) {
                    return;
                }
            }
        }
    }

    /** The criteria a $filter can narrow by, or null: a superset of the matches, checked again after reading. */
    static String criteria(EventQuery query) {
        List<String> parts = new ArrayList<>();
        if (query.since() != null) {
            parts.add("RowKey lt " + TableKeys.literal(TableKeys.rowKeysAtOrAfter(query.since())));
        }
        if (query.table() != null && !query.table().isEmpty() && LargeText.isAscii(query.table())) {
            parts.add("TableLower eq " + TableKeys.literal(query.table().toLowerCase(Locale.ROOT)));
        }
        if (!query.names().isEmpty() && query.names().size() <= MAX_NAMES_IN_FILTER) {
            StringJoiner names = new StringJoiner(" or ", "(", ")");
            query.names().stream().map(HealthEventName::name).sorted()
                .forEach(n -> names.add("Name eq " + TableKeys.literal(n)));
            parts.add(names.toString());
        }
        if (query.minimumSeverity() != null) {
            parts.add("SeverityRank ge " + query.minimumSeverity().ordinal());
        }
        return parts.isEmpty() ? null : String.join(" and ", parts);
    }

    private static String and(String first, String second) {
        return second == null ? first : first + " and " + second;
    }

    /** {@code id_<profile id>} and {@code name_<name in lower case>}, for the ones the event has. */
    static List<String> profilePartitions(HealthEvent event) {
        List<String> partitions = new ArrayList<>(2);
        if (event.profileId() != null) {
            partitions.add("id_" + TableKeys.escape(event.profileId().toString().toLowerCase(Locale.ROOT)));
        }
        if (event.profileName() != null && !event.profileName().isEmpty()) {
            partitions.add("name_" + TableKeys.escape(event.profileName().toLowerCase(Locale.ROOT)));
        }
        return partitions;
    }

    private static TableEntity timelineEntity(String partitionKey, HealthEvent event) {
        TableEntity e = new TableEntity(partitionKey, TableKeys.timeKey(event.time(), event.id()));
        LargeText.putText(e, "Id", event.id());
        e.addProperty("Time", event.time().toString());
        e.addProperty("Name", event.name().name());
        e.addProperty("SeverityRank", event.severity().ordinal());
        if (event.table() != null && LargeText.isAscii(event.table())) {
            e.addProperty("TableLower", event.table().toLowerCase(Locale.ROOT));
        }
        LargeText.putJson(e, "Event", HealthCloudEvents.toJson(event));
        return e;
    }
}
