package com.synapselinkhealth.store;

import static com.synapselinkhealth.store.StoreFixtures.T0;
import static com.synapselinkhealth.store.StoreFixtures.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.synapselinkhealth.health.HealthEvent;
import com.synapselinkhealth.health.HealthEventName;
import com.synapselinkhealth.health.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link EventStore} promises: append idempotent by id, find by id, queries newest first with every
 * filter of {@link EventQuery} and its limit.
 */
public abstract class EventStoreContract {
    protected static final UUID LAKE_ID = UUID.fromString("0a4c5e1f-2b3d-ef11-9f89-000d3a4a5b6c");
    protected static final UUID SEA_ID = UUID.fromString("7d1e0b2a-2b3d-ef11-9f89-000d3a4a5b6c");

    protected EventStore store;

    /** A new, empty store. */
    protected abstract EventStore newStore();

    @BeforeEach
    void createStore() {
        store = newStore();
    }

    private static List<String> ids(List<HealthEvent> events) {
        return events.stream().map(HealthEvent::id).toList();
    }

    /**
     * Eight events over two profiles (one without a name, one without an id), two tables and all three
     * severities; e1 oldest ... e8 newest, e5 and e6 at the same instant.
     */
    private List<HealthEvent> sample() {
        List<HealthEvent> events = List.of(
            event("e1", HealthEventName.InitialSyncCompleted, T0, "Contoso Lake", LAKE_ID, "contact"),
            event("e2", HealthEventName.TableSyncFailed, T0.plusSeconds(60), "Contoso Lake", LAKE_ID, "account"),
            event("e3", HealthEventName.TableSyncPaused, T0.plusSeconds(120), null, SEA_ID, "contact"),
            event("e4", HealthEventName.ProfileError, T0.plusSeconds(180), "Contoso Lake", LAKE_ID, null),
            event("e5", HealthEventName.TableSyncRecovered, T0.plusSeconds(240), "Contoso Sea", null, "Account"),
            event("e6", HealthEventName.MetadataFailed, T0.plusSeconds(240), "Contoso Lake", LAKE_ID, "contact"),
            event("e7", HealthEventName.DeltaTableDeleted, T0.plusSeconds(300).plusNanos(1), "Contoso Lake", LAKE_ID, "contact"),
            StoreFixtures.bareEvent("e8", HealthEventName.WorkspaceLinked, Instant.parse("2024-07-01T00:00:00Z")));
        // appended out of time order, over two months
        for (int i : new int[] {3, 0, 7, 5, 1, 4, 6, 2}) {
            assertTrue(store.append(events.get(i)));
        }
        return events;
    }

    private List<String> query(String profile, String table, Set<HealthEventName> names, Severity severity, Instant since,
                               int limit) {
        return ids(store.query(new EventQuery(profile, table, names, severity, since, limit)));
    }

    /**
     * A stored name the catalogue does not hold (an event renamed or added by another version) is read back as it was
     * written, with the severity stored beside it, and the filters still find it.
     */
    @Test
    public void anEventNameTheCatalogueDoesNotHoldIsKeptWithItsSeverity() {
        HealthEventName renamed = HealthEventName.fromString("TableSyncBroken", Severity.ERROR);
        HealthEvent event = event("renamed", HealthEventName.TableSyncFailed, T0, "Contoso Lake", LAKE_ID, "contact")
            .toBuilder().name(renamed).build();
        assertTrue(store.append(event));
        assertFalse(store.append(event));
        HealthEvent found = store.find("renamed").orElseThrow();
        assertEquals(event, found);
        assertEquals("TableSyncBroken", found.name().name());
        assertFalse(found.name().isKnown());
        assertEquals(Severity.ERROR, found.severity());
        assertEquals(List.of(event), store.query(EventQuery.latest(10)));
        assertEquals(List.of("renamed"), query(null, null, Set.of(renamed), Severity.ERROR, null, 10));
        assertEquals(List.of("renamed"), query("contoso lake", "contact", Set.of(HealthEventName.fromString("TableSyncBroken"),
            HealthEventName.TableSyncFailed), null, null, 10));
        assertEquals(List.of(), query(null, null, Set.of(HealthEventName.TableSyncFailed), null, null, 10));
    }

    @Test
    public void appendIsIdempotentById() {
        HealthEvent first = event("same-id", HealthEventName.TableSyncFailed, T0, "Contoso Lake", LAKE_ID, "contact");
        HealthEvent again = event("same-id", HealthEventName.TableSyncFailed, T0.plusSeconds(30), "Contoso Lake", LAKE_ID,
            "account");
        assertTrue(store.append(first));
        assertFalse(store.append(first));
        assertFalse(store.append(again), "a second event with the same id is not new");
        assertEquals(first, store.find("same-id").orElseThrow());
        assertEquals(List.of(first), store.query(EventQuery.latest(10)));
        assertEquals(List.of(first), store.query(new EventQuery("contoso lake", null, Set.of(), null, null, 10)));
    }

    @Test
    public void concurrentAppendsOfOneEventHaveOneNewcomer() throws Exception {
        HealthEvent event = event("raced", HealthEventName.TableSyncFailed, T0, "Contoso Lake", LAKE_ID, "contact");
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            CyclicBarrier start = new CyclicBarrier(6);
            List<CompletableFuture<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                results.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await(30, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    return store.append(event);
                }, pool));
            }
            int newcomers = 0;
            for (CompletableFuture<Boolean> r : results) {
                newcomers += r.get(30, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertEquals(1, newcomers);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(List.of(event), store.query(EventQuery.latest(10)));
    }

    @Test
    public void findReadsEveryFieldBack() {
        List<HealthEvent> events = sample();
        for (HealthEvent e : events) {
            assertEquals(e, store.find(e.id()).orElseThrow());
        }
        assertTrue(store.find("no-such-event").isEmpty());
    }

    @Test
    public void oddIdsAreStoredAndFound() {
        HealthEvent odd = event("a/b\\c#d?e%f'g\u0001h", HealthEventName.TableSyncFailed, T0, "Contoso/Lake #1?", LAKE_ID,
            "con'tact");
        assertTrue(store.append(odd));
        assertFalse(store.append(odd));
        assertEquals(odd, store.find(odd.id()).orElseThrow());
        assertEquals(List.of(odd), store.query(new EventQuery("CONTOSO/LAKE #1?", "CON'TACT", Set.of(), null, null, 5)));
    }

    @Test
    public void allEventsComeNewestFirst() {
        sample();
        assertEquals(List.of("e8", "e7", "e5", "e6", "e4", "e3", "e2", "e1"), query(null, null, Set.of(), null, null, 100));
        assertEquals(List.of("e8", "e7", "e5", "e6", "e4", "e3", "e2", "e1"), query("", "", null, null, null, 100));
    }

    @Test
    public void theLimitKeepsTheNewest() {
        sample();
        assertEquals(List.of("e8"), query(null, null, Set.of(), null, null, 1));
        assertEquals(List.of("e8", "e7", "e5"), query(null, null, Set.of(), null, null, 3));
        assertEquals(List.of("e7", "e6"), query("Contoso Lake", null, Set.of(), null, null, 2));
    }

    @Test
    public void filterByProfileNameOrIdIgnoringCase() {
        sample();
        assertEquals(List.of("e7", "e6", "e4", "e2", "e1"), query("contoso LAKE", null, Set.of(), null, null, 100));
        assertEquals(List.of("e7", "e6", "e4", "e2", "e1"), query(LAKE_ID.toString().toUpperCase(Locale.ROOT), null, Set.of(),
            null, null, 100));
        assertEquals(List.of("e3"), query(SEA_ID.toString(), null, Set.of(), null, null, 100));
        assertEquals(List.of("e5"), query("Contoso Sea", null, Set.of(), null, null, 100));
        assertEquals(List.of(), query("Contoso", null, Set.of(), null, null, 100));
    }

    @Test
    public void filterByTableIgnoringCase() {
        sample();
        assertEquals(List.of("e7", "e6", "e3", "e1"), query(null, "CONTACT", Set.of(), null, null, 100));
        assertEquals(List.of("e5", "e2"), query(null, "account", Set.of(), null, null, 100));
        assertEquals(List.of("e2"), query("Contoso Lake", "account", Set.of(), null, null, 100));
    }

    @Test
    public void filterByNames() {
        sample();
        assertEquals(List.of("e6", "e2"), query(null, null, Set.of(HealthEventName.TableSyncFailed,
            HealthEventName.MetadataFailed), null, null, 100));
        assertEquals(List.of("e3"), query(null, null, Set.of(HealthEventName.TableSyncPaused), null, null, 100));
        // more names than fit a server-side filter
        Set<HealthEventName> many = new HashSet<>(List.of(HealthEventName.values()));
        many.remove(HealthEventName.WorkspaceLinked);
        many.remove(HealthEventName.InitialSyncCompleted);
        assertEquals(List.of("e7", "e5", "e6", "e4", "e3", "e2"), query(null, null, many, null, null, 100));
        assertEquals(List.of("e7", "e6", "e4", "e2"), query("contoso lake", null, many, null, null, 100));
    }

    @Test
    public void filterByMinimumSeverity() {
        sample();
        assertEquals(List.of("e6", "e4", "e2"), query(null, null, Set.of(), Severity.ERROR, null, 100));
        assertEquals(List.of("e7", "e6", "e4", "e3", "e2"), query(null, null, Set.of(), Severity.WARNING, null, 100));
        assertEquals(8, query(null, null, Set.of(), Severity.INFO, null, 100).size());
    }

    @Test
    public void filterBySinceIncludesTheInstantItself() {
        sample();
        assertEquals(List.of("e8", "e7", "e5", "e6"), query(null, null, Set.of(), null, T0.plusSeconds(240), 100));
        assertEquals(List.of("e8", "e7"), query(null, null, Set.of(), null, T0.plusSeconds(240).plusNanos(1), 100));
        assertEquals(List.of("e8"), query(null, null, Set.of(), null, T0.plusSeconds(300).plusNanos(2), 100));
        assertEquals(List.of("e7", "e6"), query("Contoso Lake", null, Set.of(), null, T0.plusSeconds(240), 100));
        assertEquals(List.of(), query(null, null, Set.of(), null, Instant.parse("2030-01-01T00:00:00Z"), 100));
    }

    @Test
    public void filtersCombine() {
        sample();
        assertEquals(List.of("e6"), query("contoso lake", "contact", Set.of(HealthEventName.MetadataFailed,
            HealthEventName.InitialSyncCompleted), Severity.ERROR, T0.plusSeconds(1), 100));
        assertEquals(List.of("e6", "e1"), query(LAKE_ID.toString(), "contact", Set.of(HealthEventName.MetadataFailed,
            HealthEventName.InitialSyncCompleted), Severity.INFO, null, 100));
        assertEquals(List.of("e6"), query(LAKE_ID.toString(), "contact", Set.of(HealthEventName.MetadataFailed,
            HealthEventName.InitialSyncCompleted), null, null, 1));
    }

    @Test
    public void manyEventsPageThroughInOrder() {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            HealthEvent e = event(String.format("m%03d", i), i % 2 == 0 ? HealthEventName.TableSyncFailed
                : HealthEventName.TableSyncRecovered, T0.plusMillis(i * 10L), "Contoso Lake", LAKE_ID, "contact");
            assertTrue(store.append(e));
            expected.add(0, e.id());
        }
        List<String> failed = expected.stream().filter(id -> Integer.parseInt(id.substring(1)) % 2 == 0).toList();
        assertEquals(expected, query(null, null, Set.of(), null, null, 1000));
        assertEquals(expected.subList(0, 35), query("Contoso Lake", null, Set.of(), null, null, 35));
        assertEquals(failed.subList(0, 10), query(null, null, Set.of(HealthEventName.TableSyncFailed), null, null, 10));
        // filtered after reading (too many names for the server): reads past the first page
        Set<HealthEventName> allButRecovered = new HashSet<>(List.of(HealthEventName.values()));
        allButRecovered.remove(HealthEventName.TableSyncRecovered);
        assertEquals(failed, query(null, null, allButRecovered, null, null, 20));
        assertEquals(failed.subList(0, 19), query("contoso lake", null, allButRecovered, null, null, 19));
    }
}
