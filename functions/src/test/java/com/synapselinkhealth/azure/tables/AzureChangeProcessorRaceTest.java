package com.synapselinkhealth.azure.tables;

import static com.synapselinkhealth.testing.SynapseLink.sync;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.synapselinkhealth.dataverse.EntityReference;
import com.synapselinkhealth.dataverse.RowChange;
import com.synapselinkhealth.dataverse.TransportHints;
import com.synapselinkhealth.dataverse.json.RemoteExecutionContextParser;
import com.synapselinkhealth.health.HealthEvent;
import com.synapselinkhealth.health.HealthEventName;
import com.synapselinkhealth.ingest.ChangeProcessor;
import com.synapselinkhealth.ingest.ProcessingResult.Outcome;
import com.synapselinkhealth.ingest.ProcessingResult;
import com.synapselinkhealth.statetables.ChoiceSet;
import com.synapselinkhealth.statetables.StateTable;
import com.synapselinkhealth.store.EventQuery;
import com.synapselinkhealth.store.RowState;
import com.synapselinkhealth.store.RowStateStore;
import com.synapselinkhealth.store.Versioned;
import com.synapselinkhealth.testing.Azurite;
import com.synapselinkhealth.testing.Lifecycle;
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
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Eight Function instances (each its own processor and store clients, one Azure Table account) process the nine
 * callbacks of one row's life at once, shuffled: the conditional saves serialize them and the row's history puts each
 * in its place, so every transition of the life is raised exactly once and no operation is lost, whatever order they
 * land in.
 */
@ExtendWith(Azurite.class)
class AzureChangeProcessorRaceTest {
    private static final int INSTANCES = 8;
    private final ExecutorService pool = Executors.newFixedThreadPool(16);
    private final RemoteExecutionContextParser parser = new RemoteExecutionContextParser();
    private final Clock clock = Clock.fixed(Instant.parse("2024-06-03T10:00:00Z"), ZoneOffset.UTC);

    @AfterEach
    void stop() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(10, TimeUnit.SECONDS);
    }

    /**
     * The life of one table's state row, one callback a version: created syncing, then it fails, recovers, is paused,
     * completes, its initial sync completes, its metadata and Synapse table fail, and its initial sync is marked failed.
     */
    private static List<byte[]> life(UUID rowId) {
        return Lifecycle.of(StateTable.PROFILE_ENTITY_STATE, rowId)
            .created(Map.of("entityname", "contact", "profile", new EntityReference("synapselinkprofile", SynapseLink.PROFILE_ID, null),
                "syncstate", sync(2), "initialsyncstate", sync(2), "metadatastate", ChoiceSet.ENTITY_METADATA_STATE.of(2),
                "synapsetablecreationstate", ChoiceSet.SYNAPSE_TABLE_CREATION_STATE.of(1)))
            .then("syncstate", sync(8)).then("syncstate", sync(2)).then("syncstate", sync(32)).then("syncstate", sync(4))
            .then("initialsyncstate", sync(4)).then("metadatastate", ChoiceSet.ENTITY_METADATA_STATE.of(16))
            .then("synapsetablecreationstate", ChoiceSet.SYNAPSE_TABLE_CREATION_STATE.of(3)).then("initialsyncstate", sync(8))
            .callbacks();
    }

    private static final List<HealthEventName> EXPECTED = List.of(HealthEventName.TableSyncFailed,
        HealthEventName.TableSyncRecovered, HealthEventName.TableSyncPaused, HealthEventName.TableSyncRecovered,
        HealthEventName.InitialSyncCompleted, HealthEventName.MetadataFailed, HealthEventName.SynapseTableCreationFailed,
        HealthEventName.InitialSyncFailed);

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
        List<RowChange> changes = new ArrayList<>(life(rowId).stream().map(body -> parser.parse(body, TransportHints.NONE)).toList());
        Collections.shuffle(changes);
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
        assertEquals(EXPECTED.size(), byId.size(), "every transition raised once, none twice: " + raised);
        assertEquals(EXPECTED.stream().sorted().toList(), raised.stream().map(HealthEvent::name).sorted().toList());

        TableEventStore events = new TableEventStore(Azurite.tables(), names);
        List<HealthEvent> stored = events.query(EventQuery.latest(100));
        assertEquals(byId.keySet(), stored.stream().map(HealthEvent::id).collect(Collectors.toSet()));
        assertEquals(EXPECTED.size(), stored.size());
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
        assertEquals(EXPECTED.size(), events.query(EventQuery.latest(100)).size());
    }

    private List<ProcessingResult> runAll(List<ChangeProcessor> instances, List<RowChange> changes) throws Exception {
        CyclicBarrier start = new CyclicBarrier(changes.size());
        List<CompletableFuture<ProcessingResult>> running = new ArrayList<>();
        for (int i = 0; i < changes.size(); i++) {
            ChangeProcessor processor = instances.get(i % instances.size());
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
