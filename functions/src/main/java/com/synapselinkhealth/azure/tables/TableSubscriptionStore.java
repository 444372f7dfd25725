package com.synapselinkhealth.azure.tables;

import com.azure.core.http.rest.Response;
import com.azure.core.util.Context;
import com.azure.data.tables.TableClient;
import com.azure.data.tables.TableServiceClient;
import com.azure.data.tables.models.ListEntitiesOptions;
import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableEntityUpdateMode;
import com.azure.data.tables.models.TableServiceException;
import com.synapselinkhealth.health.HealthEventName;
import com.synapselinkhealth.health.Severity;
import com.synapselinkhealth.store.SubscriptionStore;
import com.synapselinkhealth.subscriptions.CallbackUrl;
import com.synapselinkhealth.subscriptions.Subscription;
import com.synapselinkhealth.subscriptions.SubscriptionFilter;
import com.synapselinkhealth.subscriptions.TriggerKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Subscriptions in one Azure Table, all in the partition {@value #PARTITION} (a few hundred at most), RowKey the
 * subscription id. {@link #replace} is a replace with {@code If-Match: *}, which the service refuses (404) when the
 * entity is gone, so an update after a delivery can never bring back a deleted subscription.
 *
 * <p>The callback URL carries the flow's signature: it is stored as it is, so the storage account must be kept
 * as private as the function app's settings.
 */
public final class TableSubscriptionStore implements SubscriptionStore {
    static final String PARTITION = "subscription";

    private final TableClient table;

    /** Uses (and creates when missing) the table {@link TableNames#subscriptions()}. */
    public TableSubscriptionStore(TableServiceClient service, TableNames names) {
        this.table = TableKeys.open(service, names.subscriptions());
    }

    @Override
    public void save(Subscription subscription) {
        table.upsertEntityWithResponse(write(subscription), TableEntityUpdateMode.REPLACE, null, Context.NONE);
    }

    @Override
    public Optional<Subscription> find(String id) {
        try {
            return Optional.of(read(table.getEntityWithResponse(PARTITION, TableKeys.escape(id), null, null, Context.NONE)
                .getValue()));
        } catch (TableServiceException e) {
            if (TableKeys.isMissingEntity(e)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public boolean replace(Subscription subscription) {
        try {
            // ifUnchanged=false sends If-Match: *, "only if it exists"
            table.updateEntityWithResponse(write(subscription), TableEntityUpdateMode.REPLACE, false, null, Context.NONE);
            return true;
        } catch (TableServiceException e) {
            if (TableKeys.isMissingEntity(e)) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public boolean delete(String id) {
        try {
            Response<Void> response = table.deleteEntityWithResponse(new TableEntity(PARTITION, TableKeys.escape(id)), false,
                null, Context.NONE);
            return response.getStatusCode() / 100 == 2;
        } catch (TableServiceException e) {
            if (TableKeys.isMissingEntity(e)) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public List<Subscription> list() {
        ListEntitiesOptions options = new ListEntitiesOptions().setFilter("PartitionKey eq " + TableKeys.literal(PARTITION));
        List<Subscription> result = new ArrayList<>();
        for (TableEntity e : table.listEntities(options, null, Context.NONE)) {
            result.add(read(e));
        }
        return result;
    }

    private static TableEntity write(Subscription s) {
        TableEntity e = new TableEntity(PARTITION, TableKeys.escape(s.id()));
        LargeText.putText(e, "Id", s.id());
        e.addProperty("Trigger", s.trigger().name());
        LargeText.putText(e, "CallbackUrl", s.callbackUrl().reveal());
        SubscriptionFilter f = s.filter();
        LargeText.putText(e, "Profile", f.profile());
        LargeText.putText(e, "Table", f.table());
        if (!f.events().isEmpty()) {
            e.addProperty("Events", f.events().stream().map(HealthEventName::name).sorted().collect(Collectors.joining(",")));
        }
        if (f.minimumSeverity() != null) {
            e.addProperty("MinimumSeverity", f.minimumSeverity().name());
        }
        e.addProperty("CreatedAt", s.createdAt().toString());
        e.addProperty("BadRequests", s.badRequests());
        LargeText.checkSize(e, "subscription " + s.id());
        return e;
    }

    private static Subscription read(TableEntity e) {
        Object events = e.getProperty("Events");
        Set<HealthEventName> names = new LinkedHashSet<>();
        if (events != null && !events.toString().isEmpty()) {
            Arrays.stream(events.toString().split(",")).forEach(n -> names.add(HealthEventName.fromString(n)));
        }
        Object severity = e.getProperty("MinimumSeverity");
        SubscriptionFilter filter = new SubscriptionFilter(LargeText.getText(e, "Profile"), LargeText.getText(e, "Table"),
            names, severity == null ? null : Severity.valueOf(severity.toString()));
        return new Subscription(LargeText.getText(e, "Id"), TriggerKind.valueOf((String) e.getProperty("Trigger")),
            CallbackUrl.parse(LargeText.getText(e, "CallbackUrl")), filter, Instant.parse((String) e.getProperty("CreatedAt")),
            ((Number) e.getProperty("BadRequests")).intValue());
    }
}
