package com.synapselinkhealth.store;

import static com.synapselinkhealth.store.StoreFixtures.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.synapselinkhealth.health.HealthEventName;
import com.synapselinkhealth.health.Severity;
import com.synapselinkhealth.subscriptions.CallbackUrl;
import com.synapselinkhealth.subscriptions.Subscription;
import com.synapselinkhealth.subscriptions.SubscriptionFilter;
import com.synapselinkhealth.subscriptions.TriggerKind;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link SubscriptionStore} promises: save, find, list, delete, and a replace that never resurrects. */
public abstract class SubscriptionStoreContract {
    protected SubscriptionStore store;

    /** A new, empty store. */
    protected abstract SubscriptionStore newStore();

    @BeforeEach
    void createStore() {
        store = newStore();
    }

    protected static Subscription subscription(String id) {
        return new Subscription(id, TriggerKind.OnHealthEvent, CallbackUrl.parse("https://prod-12.westeurope.logic.azure.com"
            + "/workflows/3f9c/triggers/manual/paths/invoke?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig="
            + URLEncoder.encode(id, StandardCharsets.UTF_8)), new SubscriptionFilter("Contoso Lake", "contact", Set.of(HealthEventName.TableSyncFailed,
            HealthEventName.DeltaSyncFailed), Severity.WARNING), T0.plusNanos(5), 0);
    }

    @Test
    public void savedSubscriptionsReadBack() {
        Subscription full = subscription("s-1");
        Subscription bare = new Subscription("s-2", TriggerKind.OnTableSyncFailure, CallbackUrl.parse("http://localhost:7071/cb"),
            new SubscriptionFilter(null, null, Set.of(), null), T0, 3);
        store.save(full);
        store.save(bare);
        assertEquals(full, store.find("s-1").orElseThrow());
        assertEquals(full.filter(), store.find("s-1").orElseThrow().filter());
        assertEquals(full.callbackUrl().reveal(), store.find("s-1").orElseThrow().callbackUrl().reveal());
        assertEquals(bare, store.find("s-2").orElseThrow());
        assertEquals(bare.filter(), store.find("s-2").orElseThrow().filter());
        assertTrue(store.find("s-3").isEmpty());
        assertEquals(Set.of("s-1", "s-2"), store.list().stream().map(Subscription::id).collect(Collectors.toSet()));
    }

    /** A subscription naming an event the catalogue does not hold (renamed since) reads back with that name. */
    @Test
    public void anEventNameTheCatalogueDoesNotHoldReadsBack() {
        Subscription renamed = new Subscription("s-1", TriggerKind.OnHealthEvent, CallbackUrl.parse("http://localhost:7071/cb"),
            new SubscriptionFilter(null, null, Set.of(HealthEventName.fromString("TableSyncBroken"),
                HealthEventName.TableSyncFailed), null), T0, 0);
        store.save(renamed);
        Subscription found = store.find("s-1").orElseThrow();
        assertEquals(renamed, found);
        assertEquals(Set.of("TableSyncBroken", "TableSyncFailed"),
            found.filter().events().stream().map(HealthEventName::name).collect(Collectors.toSet()));
        assertFalse(found.filter().events().stream().allMatch(HealthEventName::isKnown));
    }

    @Test
    public void saveOverwrites() {
        store.save(subscription("s-1"));
        Subscription changed = subscription("s-1").withBadRequests(2);
        store.save(changed);
        assertEquals(2, store.find("s-1").orElseThrow().badRequests());
        assertEquals(1, store.list().size());
    }

    @Test
    public void deleteSaysWhetherItExisted() {
        store.save(subscription("s-1"));
        assertTrue(store.delete("s-1"));
        assertFalse(store.delete("s-1"));
        assertFalse(store.delete("never"));
        assertTrue(store.find("s-1").isEmpty());
        assertEquals(List.of(), store.list());
    }

    @Test
    public void replaceUpdatesOnlyWhatExists() {
        assertFalse(store.replace(subscription("ghost")));
        assertTrue(store.find("ghost").isEmpty());

        store.save(subscription("s-1"));
        assertTrue(store.replace(subscription("s-1").withBadRequests(1)));
        assertEquals(1, store.find("s-1").orElseThrow().badRequests());

        assertTrue(store.delete("s-1"));
        assertFalse(store.replace(subscription("s-1").withBadRequests(2)), "a deleted subscription stays deleted");
        assertTrue(store.find("s-1").isEmpty());
        assertEquals(List.of(), store.list());
    }

    @Test
    public void replacesRacingADeleteNeverResurrect() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 3; round++) {
                String id = "raced-" + round;
                store.save(subscription(id));
                AtomicBoolean deleted = new AtomicBoolean();
                CompletableFuture<Integer> replacer = CompletableFuture.supplyAsync(() -> {
                    int lateReplaces = 0;
                    for (int i = 1; i <= 30; i++) {
                        boolean goneBefore = deleted.get();
                        if (store.replace(subscription(id).withBadRequests(i)) && goneBefore) {
                            lateReplaces++;
                        }
                    }
                    return lateReplaces;
                }, pool);
                CompletableFuture<Boolean> deleter = CompletableFuture.supplyAsync(() -> {
                    sleep(5);
                    boolean existed = store.delete(id);
                    deleted.set(true);
                    return existed;
                }, pool);
                assertTrue(deleter.get(30, TimeUnit.SECONDS));
                assertEquals(0, replacer.get(30, TimeUnit.SECONDS), "a replace after the delete succeeded");
                assertTrue(store.find(id).isEmpty(), "the deleted subscription came back");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    public void oddIdsWork() {
        Subscription odd = subscription("a/b#c?d\\e%f'g");
        store.save(odd);
        assertEquals(odd, store.find(odd.id()).orElseThrow());
        assertTrue(store.replace(odd.withBadRequests(4)));
        assertEquals(List.of(odd.withBadRequests(4)), store.list());
        assertTrue(store.delete(odd.id()));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
