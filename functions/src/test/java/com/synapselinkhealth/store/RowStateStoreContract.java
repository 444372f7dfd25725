package com.synapselinkhealth.store;

import static com.synapselinkhealth.store.StoreFixtures.T0;
import static com.synapselinkhealth.store.StoreFixtures.event;
import static com.synapselinkhealth.store.StoreFixtures.row;
import static com.synapselinkhealth.store.StoreFixtures.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.synapselinkhealth.dataverse.AttributeValue;
import com.synapselinkhealth.dataverse.Attributes;
import com.synapselinkhealth.dataverse.EntityReference;
import com.synapselinkhealth.dataverse.MessageName;
import com.synapselinkhealth.health.EarlyWarnings;
import com.synapselinkhealth.health.HealthEvent;
import com.synapselinkhealth.health.HealthEventName;
import com.synapselinkhealth.history.ChangeVersion;
import com.synapselinkhealth.history.HistoryLimits;
import com.synapselinkhealth.history.ReportedEvent;
import com.synapselinkhealth.history.RowHistory;
import com.synapselinkhealth.statetables.StateTable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link RowStateStore} promises: conditional saves against the version read (one writer of a version
 * wins), insert-if-absent, every field read back as written, rows listed per table.
 */
public abstract class RowStateStoreContract {
    protected RowStateStore store;
    private ExecutorService pool;

    /** A new, empty store. */
    protected abstract RowStateStore newStore();

    @BeforeEach
    void createStore() {
        store = newStore();
        pool = Executors.newFixedThreadPool(8);
    }

    @AfterEach
    void stopPool() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(10, TimeUnit.SECONDS);
    }

    @Test
    public void aMissingRowIsNotFound() {
        assertTrue(store.find(StateTable.PROFILE, UUID.randomUUID()).isEmpty());
        assertEquals(List.of(), store.list(StateTable.PROFILE));
    }

    /** A version of a profile entity state row with every column this service reads, names {@code nameLength} long. */
    private static ChangeVersion version(int i, int nameLength, boolean withPreImage) {
        String name = "n".repeat(Math.max(1, nameLength - 4)) + String.format("%04d", i % 10_000);
        Attributes row = StoreFixtures.everyType().overlaidWith(Attributes.builder()
            .put("entityname", new AttributeValue.Text(name))
            .put("profile", new AttributeValue.Reference(new EntityReference("synapselinkprofile", UUID.randomUUID(), name)))
            .put("syncstate", new AttributeValue.OptionSet(i % 3 == 0 ? 8 : 4))
            .put("lastsynceddatatime", new AttributeValue.DateTime(T0.plusSeconds(900L * i)))
            .put("lakerecordcount", new AttributeValue.WholeNumber(1000L + i))
            .put("crmrecordcount", new AttributeValue.WholeNumber(1000L + 2 * i))
            .put("versionnumber", new AttributeValue.WholeNumber(5000L + i)).build());
        return new ChangeVersion(i == 0 ? MessageName.CREATE : MessageName.UPDATE, "op-" + i + "|row|Update",
            "op-" + i, i % 2 == 0 ? UUID.randomUUID() : null, null, i % 5 == 0 ? "unqorg" : null, 5000L + i,
            T0.plusSeconds(900L * i), T0.plusSeconds(900L * i), row, withPreImage ? row : Attributes.empty(),
            i % 4 == 0 ? Map.of("syncstate", "Completed", "entityname", name) : Map.of());
    }

    @Test
    public void aRowHistoryReadsBackAsWritten() {
        UUID rowId = UUID.randomUUID();
        List<ChangeVersion> versions = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            versions.add(version(i, 20, i > 0));
        }
        EarlyWarnings.State warnings = new EarlyWarnings.State(true, 4, false, List.of(60L, 120L, 180L), T0.plusSeconds(60),
            T0, 0L, 3, -1_000L, 180L, 55, T0.plusSeconds(7200), true);
        RowHistory history = new RowHistory(versions, true, List.of(new ReportedEvent("TableSyncFailed", "op-3|row|Update"),
            new ReportedEvent("SomeEventOfALaterRelease", "op-4|row|Update#pre"),
            new ReportedEvent("InitialSyncProgress:25", "op-2|row|Update")), 7, warnings, EarlyWarnings.State.START);
        RowState state = new RowState(StateTable.PROFILE_ENTITY_STATE, rowId, "unqorg", text("entityname", "contact"), false,
            null, List.of("op-4|row|Update"), List.of(), T0, history);
        assertTrue(store.saveIfUnchanged(state, null));
        assertEquals(state, store.find(StateTable.PROFILE_ENTITY_STATE, rowId).orElseThrow().value());
    }

    /**
     * A full history at the default limit, every version carrying every column this service reads with names as long as
     * Dataverse allows (a table's logical name: 64 characters; a profile lookup's name: up to 100), fits one row.
     */
    @Test
    public void aFullHistoryWithLongNamesFitsOneRow() {
        UUID rowId = UUID.randomUUID();
        List<ChangeVersion> versions = new ArrayList<>();
        for (int i = 0; i < HistoryLimits.DEFAULT_MAX_VERSIONS; i++) {
            versions.add(version(i, 100, i > 0));
        }
        List<ReportedEvent> reported = new ArrayList<>();
        for (int i = 0; i < HistoryLimits.DEFAULT_MAX_VERSIONS; i += 3) {
            reported.add(new ReportedEvent("TableSyncFailed", "op-" + i + "|row|Update"));
        }
        RowState state = new RowState(StateTable.PROFILE_ENTITY_STATE, rowId, "unqorg", versions.get(versions.size() - 1).carried(),
            false, null, List.of(), List.of(), T0, new RowHistory(versions, true, reported, 0));
        assertTrue(store.saveIfUnchanged(state, null));
        assertEquals(state.history(), store.find(StateTable.PROFILE_ENTITY_STATE, rowId).orElseThrow().value().history());
    }

    @Test
    public void everyFieldReadsBackAsWritten() {
        UUID rowId = UUID.randomUUID();
        HealthEvent withEverything = event("e-1", HealthEventName.TableSyncFailed, T0.plusNanos(123_456_789), "Contoso Lake",
            UUID.randomUUID(), "contact");
        HealthEvent bare = StoreFixtures.bareEvent("e-2", HealthEventName.ProfileError, T0);
        RowState state = new RowState(StateTable.PROFILE_ENTITY_STATE, rowId, "unqorg", StoreFixtures.everyType(), false,
            Instant.parse("2024-06-03T08:59:59.987654321Z"), List.of("op-a", "op-b"), List.of(withEverything, bare),
            Instant.parse("2024-06-03T09:01:02.000000001Z"));
        assertTrue(store.saveIfUnchanged(state, null));

        Versioned<RowState> read = store.find(StateTable.PROFILE_ENTITY_STATE, rowId).orElseThrow();
        assertEquals(state, read.value());
        assertEquals(List.of(withEverything, bare), read.value().outbox());

        RowState minimal = new RowState(StateTable.SCHEDULE, rowId, null, Attributes.empty(), false, null, List.of(), List.of(), T0);
        assertTrue(store.saveIfUnchanged(minimal, null));
        assertEquals(minimal, store.find(StateTable.SCHEDULE, rowId).orElseThrow().value());
    }

    @Test
    public void insertIfAbsentLosesToAnExistingRow() {
        UUID rowId = UUID.randomUUID();
        RowState first = row(StateTable.PROFILE, rowId, text("name", "first"), T0);
        RowState second = row(StateTable.PROFILE, rowId, text("name", "second"), T0.plusSeconds(1));
        assertTrue(store.saveIfUnchanged(first, null));
        assertFalse(store.saveIfUnchanged(second, null));
        assertEquals(first, store.find(StateTable.PROFILE, rowId).orElseThrow().value());
    }

    @Test
    public void saveAgainstTheVersionReadThenAStaleVersionFails() {
        UUID rowId = UUID.randomUUID();
        assertTrue(store.saveIfUnchanged(row(StateTable.PROFILE, rowId, text("name", "v1"), T0), null));
        Versioned<RowState> v1 = store.find(StateTable.PROFILE, rowId).orElseThrow();

        RowState a = row(StateTable.PROFILE, rowId, text("name", "writer a"), T0.plusSeconds(1));
        RowState b = row(StateTable.PROFILE, rowId, text("name", "writer b"), T0.plusSeconds(2));
        assertTrue(store.saveIfUnchanged(a, v1.version()));
        assertFalse(store.saveIfUnchanged(b, v1.version()), "a second writer from the same version must lose");

        Versioned<RowState> v2 = store.find(StateTable.PROFILE, rowId).orElseThrow();
        assertEquals(a, v2.value());
        assertNotEquals(v1.version(), v2.version());
        assertTrue(store.saveIfUnchanged(b, v2.version()));
        assertEquals(b, store.find(StateTable.PROFILE, rowId).orElseThrow().value());
    }

    @Test
    public void aVersionOfAMissingRowFails() {
        UUID rowId = UUID.randomUUID();
        assertTrue(store.saveIfUnchanged(row(StateTable.PROFILE, rowId, text("name", "v1"), T0), null));
        String version = store.find(StateTable.PROFILE, rowId).orElseThrow().version();
        assertFalse(store.saveIfUnchanged(row(StateTable.PROFILE, UUID.randomUUID(), text("name", "x"), T0), version));
    }

    @Test
    public void writersRacingFromOneVersionHaveExactlyOneWinner() throws Exception {
        for (int round = 0; round < 3; round++) {
            UUID rowId = UUID.randomUUID();
            assertTrue(store.saveIfUnchanged(row(StateTable.PROFILE_ENTITY_STATE, rowId, text("n", "start"), T0), null));
            String version = store.find(StateTable.PROFILE_ENTITY_STATE, rowId).orElseThrow().version();
            int writers = 8;
            CyclicBarrier start = new CyclicBarrier(writers);
            List<CompletableFuture<Boolean>> results = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                RowState mine = row(StateTable.PROFILE_ENTITY_STATE, rowId, text("n", "writer " + w), T0.plusSeconds(w));
                results.add(CompletableFuture.supplyAsync(() -> {
                    await(start);
                    return store.saveIfUnchanged(mine, version);
                }, pool));
            }
            List<Integer> winners = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                if (results.get(w).get(30, TimeUnit.SECONDS)) {
                    winners.add(w);
                }
            }
            assertEquals(1, winners.size(), "winners: " + winners);
            assertEquals("writer " + winners.get(0),
                store.find(StateTable.PROFILE_ENTITY_STATE, rowId).orElseThrow().value().attributes().text("n"));
        }
    }

    @Test
    public void insertersRacingForANewRowHaveExactlyOneWinner() throws Exception {
        UUID rowId = UUID.randomUUID();
        int writers = 8;
        CyclicBarrier start = new CyclicBarrier(writers);
        List<CompletableFuture<Boolean>> results = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            RowState mine = row(StateTable.PROFILE, rowId, text("n", "writer " + w), T0);
            results.add(CompletableFuture.supplyAsync(() -> {
                await(start);
                return store.saveIfUnchanged(mine, null);
            }, pool));
        }
        int wins = 0;
        for (CompletableFuture<Boolean> r : results) {
            wins += r.get(30, TimeUnit.SECONDS) ? 1 : 0;
        }
        assertEquals(1, wins);
    }

    @Test
    public void listReturnsTheRowsOfOneTableWithTheirVersions() {
        Set<UUID> profiles = Set.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        for (UUID id : profiles) {
            assertTrue(store.saveIfUnchanged(row(StateTable.PROFILE, id, text("name", id.toString()), T0), null));
        }
        UUID table = UUID.randomUUID();
        assertTrue(store.saveIfUnchanged(row(StateTable.PROFILE_ENTITY_STATE, table, text("entityname", "contact"), T0), null));

        List<Versioned<RowState>> listed = store.list(StateTable.PROFILE);
        assertEquals(profiles, listed.stream().map(v -> v.value().rowId()).collect(Collectors.toSet()));
        for (Versioned<RowState> v : listed) {
            assertEquals(StateTable.PROFILE, v.value().table());
            assertEquals(store.find(StateTable.PROFILE, v.value().rowId()).orElseThrow().version(), v.version());
        }
        assertEquals(List.of(table), store.list(StateTable.PROFILE_ENTITY_STATE).stream().map(v -> v.value().rowId()).toList());
        assertEquals(List.of(), store.list(StateTable.DATABASE));
    }

    @Test
    public void aTombstoneIsKeptAndCanComeBack() {
        UUID rowId = UUID.randomUUID();
        RowState live = row(StateTable.PROFILE_ENTITY, rowId, text("entityname", "contact"), T0);
        assertTrue(store.saveIfUnchanged(live, null));
        Versioned<RowState> v1 = store.find(StateTable.PROFILE_ENTITY, rowId).orElseThrow();
        RowState tombstone = new RowState(live.table(), rowId, live.organization(), live.attributes(), true, null,
            v1.value().withOperation("delete-op"), List.of(), T0.plusSeconds(60));
        assertTrue(store.saveIfUnchanged(tombstone, v1.version()));

        Versioned<RowState> v2 = store.find(StateTable.PROFILE_ENTITY, rowId).orElseThrow();
        assertTrue(v2.value().deleted());
        assertEquals(List.of("op-1", "delete-op"), v2.value().recentOperations());
        assertTrue(store.list(StateTable.PROFILE_ENTITY).stream().anyMatch(v -> v.value().deleted()));

        RowState revived = new RowState(live.table(), rowId, live.organization(), live.attributes(), false, null,
            v2.value().withOperation("create-op"), List.of(), T0.plusSeconds(120));
        assertTrue(store.saveIfUnchanged(revived, v2.version()));
        assertFalse(store.find(StateTable.PROFILE_ENTITY, rowId).orElseThrow().value().deleted());
    }

    @Test
    public void theOutboxTravelsWithTheStateAndEmpties() {
        UUID rowId = UUID.randomUUID();
        UUID profileId = UUID.randomUUID();
        List<HealthEvent> raised = List.of(
            event("o-1", HealthEventName.TableSyncFailed, T0, "Contoso Lake", profileId, "contact"),
            event("o-2", HealthEventName.MetadataFailed, T0.plusMillis(1), "Contoso Lake", profileId, "contact"));
        RowState state = new RowState(StateTable.PROFILE_ENTITY_STATE, rowId, "org", text("entityname", "contact"), false,
            null, List.of("op-1"), raised, T0);
        assertTrue(store.saveIfUnchanged(state, null));
        Versioned<RowState> read = store.find(StateTable.PROFILE_ENTITY_STATE, rowId).orElseThrow();
        assertEquals(raised, read.value().outbox());

        assertTrue(store.saveIfUnchanged(read.value().withOutbox(raised.subList(1, 2), T0.plusSeconds(1)), read.version()));
        read = store.find(StateTable.PROFILE_ENTITY_STATE, rowId).orElseThrow();
        assertEquals(raised.subList(1, 2), read.value().outbox());
        assertTrue(store.saveIfUnchanged(read.value().withOutbox(List.of(), T0.plusSeconds(2)), read.version()));
        assertEquals(List.of(), store.find(StateTable.PROFILE_ENTITY_STATE, rowId).orElseThrow().value().outbox());
    }

    @Test
    public void recentOperationsKeepTheirOrderAndLimit() {
        UUID rowId = UUID.randomUUID();
        RowState state = row(StateTable.PROFILE, rowId, Attributes.empty(), T0);
        List<String> operations = state.recentOperations();
        for (int i = 0; i < RowState.MAX_RECENT_OPERATIONS + 8; i++) {
            operations = new RowState(state.table(), rowId, null, Attributes.empty(), false, null, operations, List.of(), T0)
                .withOperation("a1b2c3d4-0000-0000-0000-" + String.format("%012d", i) + "|Update|" + i);
        }
        RowState many = new RowState(state.table(), rowId, null, Attributes.empty(), false, null, operations, List.of(), T0);
        assertTrue(store.saveIfUnchanged(many, null));
        RowState read = store.find(StateTable.PROFILE, rowId).orElseThrow().value();
        assertEquals(RowState.MAX_RECENT_OPERATIONS, read.recentOperations().size());
        assertEquals(operations, read.recentOperations());
        assertTrue(read.hasSeen(operations.get(operations.size() - 1)));
    }

    @Test
    public void attributesPastOneTablePropertyReadBack() {
        UUID rowId = UUID.randomUUID();
        StringBuilder big = new StringBuilder();
        while (big.length() < 150_000) {
            big.append("ä\uD83D\uDE00 segment ").append(big.length()).append(' ');
        }
        RowState state = row(StateTable.PROFILE, rowId, text("description", big.toString()), T0);
        assertTrue(store.saveIfUnchanged(state, null));
        Versioned<RowState> read = store.find(StateTable.PROFILE, rowId).orElseThrow();
        assertEquals(big.toString(), read.value().attributes().text("description"));
        RowState smaller = row(StateTable.PROFILE, rowId, text("description", "short"), T0.plusSeconds(1));
        assertTrue(store.saveIfUnchanged(smaller, read.version()));
        assertEquals(smaller, store.find(StateTable.PROFILE, rowId).orElseThrow().value());
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
