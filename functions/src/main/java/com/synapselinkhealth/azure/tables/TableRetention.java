package com.synapselinkhealth.azure.tables;

import com.azure.core.util.Context;
import com.azure.data.tables.TableClient;
import com.azure.data.tables.TableServiceClient;
import com.azure.data.tables.models.ListEntitiesOptions;
import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableTransactionAction;
import com.azure.data.tables.models.TableTransactionActionType;
import com.synapselinkhealth.config.Retention;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Removes rows older than their retention from the tables that only grow: the events (all three tables of
 * {@link TableEventStore}), the dead letters and the delivery ledger. "Older" is the row's {@code Timestamp}, when it
 * was last written. Rows are found 1,000 at a time (only their keys) and deleted in batch transactions of up to 100
 * rows of one partition; at most {@link Retention#maxDeletesPerRun()} rows per table per run.
 */
public final class TableRetention {
    /** A table and how long its rows are kept. */
    public record Target(String name, java.time.Duration keep) {
        public Target {
            Objects.requireNonNull(name, "'name' cannot be null.");
            Objects.requireNonNull(keep, "'keep' cannot be null.");
        }
    }

    private static final int PAGE = 1_000;
    private static final int BATCH = 100;

    private final TableServiceClient service;
    private final List<Target> targets;
    private final int maxDeletesPerRun;

    public TableRetention(TableServiceClient service, List<Target> targets, int maxDeletesPerRun) {
        this.service = Objects.requireNonNull(service, "'service' cannot be null.");
        this.targets = List.copyOf(targets);
        this.maxDeletesPerRun = maxDeletesPerRun;
    }

    /** The app's growing tables with the retention of the settings. */
    public static TableRetention of(TableServiceClient service, TableNames names, String deliveryLedgerTable,
                                    Retention retention) {
        return new TableRetention(service, List.of(
            new Target(names.events(), retention.events()), new Target(names.eventsByProfile(), retention.events()),
            new Target(names.eventIds(), retention.events()), new Target(names.deadLetters(), retention.deadLetters()),
            new Target(deliveryLedgerTable, retention.deliveries())), retention.maxDeletesPerRun());
    }

    /** Removes what is past its retention at {@code now}; returns how many rows each table lost. */
    public Map<String, Integer> run(Instant now) {
        Map<String, Integer> removed = new LinkedHashMap<>();
        for (Target target : targets) {
            removed.put(target.name(), purge(target.name(), now.minus(target.keep())));
        }
        return removed;
    }

    /** Removes the rows of {@code tableName} last written before {@code cutoff}; returns how many. */
    public int purge(String tableName, Instant cutoff) {
        TableClient table = TableKeys.open(service, tableName);
        String filter = "Timestamp lt datetime'" + DateTimeFormatter.ISO_INSTANT.format(cutoff.atOffset(ZoneOffset.UTC))
            + "'";
        int removed = 0;
        while (removed < maxDeletesPerRun) {
            ListEntitiesOptions options = new ListEntitiesOptions().setFilter(filter)
                .setSelect(List.of("PartitionKey", "RowKey")).setTop(PAGE);
            Map<String, List<TableEntity>> byPartition = new LinkedHashMap<>();
            int found = 0;
            for (TableEntity e : table.listEntities(options, null, Context.NONE)) {
                byPartition.computeIfAbsent(e.getPartitionKey(), k -> new ArrayList<>()).add(e);
                if (++found >= Math.min(PAGE, maxDeletesPerRun - removed)) {
                    break;
                }
            }
            if (found == 0) {
                break;
            }
            for (List<TableEntity> partition : byPartition.values()) {
                for (int from = 0; from < partition.size(); from += BATCH) {
                    List<TableTransactionAction> actions = new ArrayList<>();
                    for (TableEntity e : partition.subList(from, Math.min(partition.size(), from + BATCH))) {
                        actions.add(new TableTransactionAction(TableTransactionActionType.DELETE, e));
                    }
                    table.submitTransaction(actions);
                    removed += actions.size();
                }
            }
            if (found < PAGE) {
                break;
            }
        }
        return removed;
    }
}
