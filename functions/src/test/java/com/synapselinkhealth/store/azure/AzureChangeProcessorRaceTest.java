package com.synapselinkhealth.store.azure;

import static com.synapselinkhealth.testing.SynapseLink.sync;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.synapselinkhealth.dataverse.RowChange;
import com.synapselinkhealth.dataverse.TransportHints;
import com.synapselinkhealth.dataverse.json.RemoteExecutionContextParser;
import com.synapselinkhealth.health.HealthEvent;
import com.synapselinkhealth.health.HealthEventName;
import com.synapselinkhealth.ingest.ChangeProcessor;
import com.synapselinkhealth.ingest.ProcessingResult;
import com.synapselinkhealth.ingest.ProcessingResult.Outcome;
import com.synapselinkhealth.statetables.ChoiceSet;
import com.synapselinkhealth.statetables.StateTable;
import com.synapselinkhealth.store.EventQuery;
import com.synapselinkhealth.store.RowState;
import com.synapselinkhealth.store.RowStateStore;
import com.synapselinkhealth.store.Versioned;
import com.synapselinkhealth.testing.Azurite;
import com.synapselinkhealth.testing.CallbackBuilder;
import com.synapselinkhealth.testing.SynapseLink;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Eight Function instances (each its own processor and store clients, one Azure Table account) process eight
 * different operations on the same row at once: the conditional saves serialize them, so every transition is
 * raised exactly once and no operation is lost, whatever order they land in. Each callback carries the pre image
 * of the column it changes, so which event it raises does not depend on that order.
 */
@ExtendWith(Azurite.class)
class AzureChangeProcessorRaceTest {
    private static final int INSTANCES = 8;
    private final ExecutorService pool = Executors.newFixedThreadPool(INSTANCES);
    private final RemoteExecutionContextParser parser = new RemoteExecutionContextParser();
    private final Clock clock = Clock.fixed(Instant.parse("2024-06-03T10:00:00Z"), ZoneOffset.UTC);

    @AfterEach
    void stop() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(10, TimeUnit.SECONDS);
    }

    /** One operation on the row and the event it must raise. */
    private record Operation(CallbackBuilder callback, HealthEventName raises) {
    }

    private static List<Operation> operations(UUID rowId) {
        Supplier<CallbackBuilder> on = () -> SynapseLink.tableState(rowId, "contact");
        List<Operation> ops = List.of(
            new Operation(on.get().target("syncstate", sync(8)).preImage("syncstate", sync(2)),
                HealthEventName.TableSyncFailed),
            new Operation(on.get().target("syncstate", sync(2)).preImage("syncstate", sync(8)),
                HealthEventName.TableSyncRecovered),
            new Operation(on.get().target("syncstate", sync(32)).preImage("syncstate", sync(2)),
                HealthEventName.TableSyncPaused),
            new Operation(on.get().target("syncstate", sync(4)).preImage("syncstate", sync(32)),
                HealthEventName.TableSyncRecovered),
            new Operation(on.get().target("initialsyncstate", sync(4)).preImage("initialsyncstate", sync(2)),
                HealthEventName.InitialSyncCompleted),
            new Operation(on.get().target("metadatastate", ChoiceSet.ENTITY_METADATA_STATE.of(16))
                .preImage("metadatastate", ChoiceSet.ENTITY_METADATA_STATE.of(2)), HealthEventName.MetadataFailed),
            new Operation(on.get().target("synapsetablecreationstate", ChoiceSet.SYNAPSE_TABLE_CREATION_STATE.of(3))
                .preImage("synapsetablecreationstate", ChoiceSet.SYNAPSE_TABLE_CREATION_STATE.of(1)),
                HealthEventName.SynapseTableCreationFailed),
            new Operation(on.get().target("initialsyncstate", sync(8)).preImage("initialsyncstate", sync(4)),
                HealthEventName.InitialSyncFailed));
        ops.forEach(op -> op.callback().operationId(UUID.randomUUID()));
        return ops;
    }

    /** Counts the conditional saves that lost, to show the instances really raced. */
    private final AtomicInteger lostSaves = new AtomicInteger();

    @Test
    void eightInstancesRacingOnOneRowRaiseEveryTransitionOnce() throws Exception {
        for (int round = 0; round < 2; round++) {
            race();
        }
        assertTrue(lostSaves.get() > 0, "no conditional save ever lost: the instances did not race");
    }

    private RowStateStore counting(RowStateStore store) {
        return new RowStateStore() {
            @Override
            public Optional<Versioned<RowState>> find(StateTable table, UUID rowId) {
                return store.find(table, rowId);
            }

            @Override
            public boolean saveIfUnchanged(RowState state, String expectedVersion) {
                boolean saved = store.saveIfUnchanged(state, expectedVersion);
                if (!saved) {
                    lostSaves.incrementAndGet();
                }
                return saved;
            }

            @Override
            public List<Versioned<RowState>> list(StateTable table) {
                return store.list(table);
            }
        };
    }

    private void race() throws Exception {
        TableNames names = Azurite.freshTableNames();
        UUID rowId = UUID.randomUUID();
        List<Operation> ops = operations(rowId);
        List<RowChange> changes = ops.stream().map(op -> parser.parse(op.callback().build(), TransportHints.NONE)).toList();
        List<HealthEvent> published = Collections.synchronizedList(new ArrayList<>());
        List<ChangeProcessor> instances = new ArrayList<>();
        for (int i = 0; i < INSTANCES; i++) {
            instances.add(new ChangeProcessor(counting(new TableRowStateStore(Azurite.tables(), names)),
                new TableEventStore(Azurite.tables(), names), published::add, clock));
        }

        List<ProcessingResult> first = runAll(instances, changes);
        for (ProcessingResult r : first) {
            assertEquals(Outcome.APPLIED, r.outcome());
        }
        List<HealthEvent> raised = first.stream().flatMap(r -> r.events().stream()).toList();
        Map<String, HealthEvent> byId = raised.stream().collect(Collectors.toMap(HealthEvent::id, e -> e));
        assertEquals(INSTANCES, byId.size(), "every operation raised its event, none twice: " + raised);
        assertEquals(ops.stream().map(Operation::raises).sorted().toList(), raised.stream().map(HealthEvent::name).sorted().toList());

        TableEventStore events = new TableEventStore(Azurite.tables(), names);
        List<HealthEvent> stored = events.query(EventQuery.latest(100));
        assertEquals(byId.keySet(), stored.stream().map(HealthEvent::id).collect(Collectors.toSet()));
        assertEquals(INSTANCES, stored.size());
        // publishing is at least once (an outbox can be flushed by two instances); ids are what flows dedupe by
        assertEquals(byId.keySet(), Set.copyOf(published.stream().map(HealthEvent::id).toList()));

        RowState row = new TableRowStateStore(Azurite.tables(), names).find(StateTable.PROFILE_ENTITY_STATE, rowId)
            .orElseThrow().value();
        assertEquals(changes.stream().map(RowChange::dedupeKey).collect(Collectors.toSet()), Set.copyOf(row.recentOperations()));
        assertEquals(List.of(), row.outbox(), "every outbox was flushed");
        assertEquals(16, row.attributes().option("metadatastate"), "no update was lost");
        assertEquals(3, row.attributes().option("synapsetablecreationstate"), "no update was lost");

        // the same eight again, at once (Dataverse retries, a second transport): all duplicates, nothing new
        List<ProcessingResult> again = runAll(instances, changes);
        for (ProcessingResult r : again) {
            assertEquals(Outcome.DUPLICATE, r.outcome());
            assertTrue(r.events().isEmpty());
        }
        assertEquals(INSTANCES, events.query(EventQuery.latest(100)).size());
    }

    private List<ProcessingResult> runAll(List<ChangeProcessor> instances, List<RowChange> changes) throws Exception {
        CyclicBarrier start = new CyclicBarrier(instances.size());
        List<CompletableFuture<ProcessingResult>> running = new ArrayList<>();
        for (int i = 0; i < instances.size(); i++) {
            ChangeProcessor processor = instances.get(i);
            RowChange change = changes.get(i);
            running.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                return processor.process(change);
            }, pool));
        }
        List<ProcessingResult> results = new ArrayList<>();
        for (CompletableFuture<ProcessingResult> r : running) {
            results.add(r.get(60, TimeUnit.SECONDS));
        }
        return results;
    }
}
