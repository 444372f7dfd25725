package com.synapselinkhealth.ingest;

import static com.synapselinkhealth.testing.SynapseLink.external;
import static com.synapselinkhealth.testing.SynapseLink.profileState;
import static com.synapselinkhealth.testing.SynapseLink.sync;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.synapselinkhealth.dataverse.EntityReference;
import com.synapselinkhealth.health.HealthEvent;
import com.synapselinkhealth.health.HealthEventName;
import com.synapselinkhealth.statetables.ChoiceSet;
import com.synapselinkhealth.statetables.StateTable;
import com.synapselinkhealth.testing.Lifecycle;
import com.synapselinkhealth.testing.Permutations;
import com.synapselinkhealth.testing.Pipeline;
import com.synapselinkhealth.testing.SynapseLink;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Order does not matter: the events of a row are a function of the set of its callbacks. Every permutation of a
 * short life, and seeded shuffles of long ones, must raise the same multiset of event names as the callbacks in
 * Dataverse's order, and no event id twice.
 */
class OrderIndependenceTest {
    private static final EntityReference PROFILE = new EntityReference(StateTable.PROFILE.logicalName(), SynapseLink.PROFILE_ID, null);

    static Stream<Arguments> lives() {
        return Stream.of(
            Arguments.of("a table fails and recovers", Lifecycle.of(StateTable.PROFILE_ENTITY_STATE, row(1))
                .created(tableState(2)).then("syncstate", sync(8)).then("syncstate", sync(2)).callbacks(),
                List.of(HealthEventName.TableSyncFailed, HealthEventName.TableSyncRecovered)),
            Arguments.of("a table is paused, resumes, counts move", Lifecycle.of(StateTable.PROFILE_ENTITY_STATE, row(2))
                .created(tableState(4)).then("syncstate", sync(32)).then("syncstate", sync(2))
                .then("lakerecordcount", 900L).then("syncstate", sync(4)).callbacks(),
                List.of(HealthEventName.TableSyncPaused, HealthEventName.TableSyncRecovered)),
            Arguments.of("a table fails twice", Lifecycle.of(StateTable.PROFILE_ENTITY_STATE, row(3))
                .created(tableState(2)).then("syncstate", sync(8)).then("syncstate", sync(4)).then("syncstate", sync(8))
                .then("syncstate", sync(4)).callbacks(),
                List.of(HealthEventName.TableSyncFailed, HealthEventName.TableSyncRecovered, HealthEventName.TableSyncFailed,
                    HealthEventName.TableSyncRecovered)),
            Arguments.of("initial sync completes, then metadata fails", Lifecycle.of(StateTable.PROFILE_ENTITY_STATE, row(4))
                .created(Map.of("entityname", "account", "profile", PROFILE, "initialsyncstate", sync(2), "syncstate", sync(1)))
                .then("initialsyncstate", sync(4)).then("metadatastate", ChoiceSet.ENTITY_METADATA_STATE.of(16)).callbacks(),
                List.of(HealthEventName.InitialSyncCompleted, HealthEventName.MetadataFailed)),
            Arguments.of("a Delta table fails, recovers, is deleted", Lifecycle.of(StateTable.EXTERNAL_TABLE_STATE, row(5))
                .created(Map.of("entityname", "contact", "synapseworkspacename", "Contoso Lake", "tablestate", external(1),
                    "lastsyncstate", external(1)))
                .then("tablestate", external(2)).then("tablestate", external(1)).then("tablestate", external(3)).callbacks(),
                List.of(HealthEventName.DeltaTableFailed, HealthEventName.DeltaTableRecovered, HealthEventName.DeltaTableDeleted)),
            Arguments.of("a Delta conversion fails and the row is deleted", Lifecycle.of(StateTable.EXTERNAL_TABLE_STATE, row(6))
                .created(Map.of("entityname", "contact", "synapseworkspacename", "Contoso Lake", "tablestate", external(1),
                    "lastsyncstate", external(1)))
                .then("lastsyncstate", external(2)).then("lakehouseshortcutstate", external(2)).thenDeleted().callbacks(),
                List.of(HealthEventName.DeltaSyncFailed, HealthEventName.FabricShortcutFailed)),
            Arguments.of("a profile errs, recovers, is deleted", Lifecycle.of(StateTable.PROFILE, row(7))
                .created(Map.of("name", "Contoso Lake", "profilestate", profileState(1)))
                .then("profilestate", profileState(2)).then("profilestate", profileState(1)).thenDeleted().callbacks(),
                List.of(HealthEventName.ProfileError, HealthEventName.ProfileActivated, HealthEventName.ProfileDeleted)),
            Arguments.of("a table is added, disabled, enabled, removed", Lifecycle.of(StateTable.PROFILE_ENTITY, row(8))
                .created(Map.of("entityname", "contact", "profile", PROFILE, "enabled", true))
                .then("enabled", false).then("enabled", true).thenDeleted().callbacks(),
                List.of(HealthEventName.TableAdded, HealthEventName.TableRemoved, HealthEventName.TableAdded,
                    HealthEventName.TableRemoved)),
            Arguments.of("a table is added and removed", Lifecycle.of(StateTable.PROFILE_ENTITY, row(9))
                .created(Map.of("entityname", "contact", "profile", PROFILE, "enabled", true)).thenDeleted().callbacks(),
                List.of(HealthEventName.TableAdded, HealthEventName.TableRemoved)),
            Arguments.of("a schedule changes twice", Lifecycle.of(StateTable.SCHEDULE, row(10))
                .created(Map.of("profile", PROFILE, "type", ChoiceSet.SCHEDULE_TYPE.of(1),
                    "recurrenceunit", ChoiceSet.SCHEDULE_RECURRENCE_UNIT.of(1), "recurrenceinterval", 15))
                .then("recurrenceinterval", 60).then("name", "renamed").then("recurrenceunit", ChoiceSet.SCHEDULE_RECURRENCE_UNIT.of(2))
                .callbacks(),
                List.of(HealthEventName.ScheduleChanged, HealthEventName.ScheduleChanged)),
            Arguments.of("a workspace is linked and unlinked", Lifecycle.of(StateTable.DATABASE, row(11))
                .created(Map.of("name", "dataverse_contoso", "workspacename", "contoso-synapse")).then("name", "renamed")
                .thenDeleted().callbacks(),
                List.of(HealthEventName.WorkspaceLinked, HealthEventName.WorkspaceUnlinked)),
            Arguments.of("a failure delivered three times", withDuplicates(Lifecycle.of(StateTable.PROFILE_ENTITY_STATE, row(12))
                .created(tableState(2)).then("syncstate", sync(8)).then("syncstate", sync(2)).callbacks(), 1, 1, 2),
                List.of(HealthEventName.TableSyncFailed, HealthEventName.TableSyncRecovered)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lives")
    void everyPermutationRaisesTheEventsOfDataversesOrder(String life, List<byte[]> callbacks, List<HealthEventName> expected) {
        assertEquals(expected, names(run(callbacks, Permutations.identity(callbacks.size()))), "in Dataverse's order");
        Permutations.forEach(callbacks.size(), order -> assertSameAsInOrder(callbacks, order, life));
    }

    @Test
    void randomShortLivesOfEveryTableInEveryOrder() {
        Random random = new Random(20261206);
        for (StateTable table : StateTable.values()) {
            for (int i = 0; i < 12; i++) {
                boolean delete = random.nextInt(3) == 0;
                List<byte[]> callbacks = Lifecycle.random(table, random, random.nextInt(delete ? 4 : 5), delete).callbacks();
                if (callbacks.size() < 6 && random.nextBoolean()) {
                    callbacks = withDuplicates(callbacks, random.nextInt(callbacks.size()));
                }
                List<byte[]> life = callbacks;
                String label = table + " life " + i;
                Permutations.forEach(life.size(), order -> assertSameAsInOrder(life, order, label));
            }
        }
    }

    @Test
    void randomLivesOfStepsWithoutImagesInEveryOrder() {
        // Steps registered without images: each Update carries only what changed and modifiedon, so a version's other
        // columns come from the version before it. The transitions hold in every order. The early warnings read runs of
        // versions (an initial sync's progress), and a late callback that changes a state the later versions took over
        // can show that a run was not one: what was raised is not taken back (docs/history.md), so they are left out
        // here; with the images register sets up every version carries its whole row and they hold too (above).
        Random random = new Random(424242);
        for (StateTable table : StateTable.values()) {
            for (int i = 0; i < 8; i++) {
                List<byte[]> life = Lifecycle.random(table, random, 2 + random.nextInt(3), random.nextInt(4) == 0)
                    .withoutImages().callbacks();
                String label = table + " life without images " + i;
                Permutations.forEach(life.size(), order -> {
                    Map<HealthEventName, Long> expected = withoutEarlyWarnings(multiset(run(life, Permutations.identity(life.size()))));
                    assertEquals(expected, withoutEarlyWarnings(multiset(run(life, order))), label + " " + Arrays.toString(order));
                });
            }
        }
    }

    private static Map<HealthEventName, Long> withoutEarlyWarnings(Map<HealthEventName, Long> counts) {
        Map<HealthEventName, Long> kept = new TreeMap<>(counts);
        kept.keySet().removeAll(List.of(HealthEventName.RecordCountDrift, HealthEventName.RecordCountDriftCleared,
            HealthEventName.SyncFallingBehind, HealthEventName.SyncCaughtUp, HealthEventName.InitialSyncProgress));
        return kept;
    }

    @Test
    void randomLongLivesOfEveryTableInSeededShuffles() {
        Random random = new Random(6122026);
        for (StateTable table : StateTable.values()) {
            for (int i = 0; i < 6; i++) {
                List<byte[]> callbacks = Lifecycle.random(table, random, 12 + random.nextInt(30), random.nextBoolean()).callbacks();
                callbacks = withDuplicates(callbacks, random.nextInt(callbacks.size()), random.nextInt(callbacks.size()));
                for (int shuffle = 0; shuffle < 30; shuffle++) {
                    List<Integer> order = new ArrayList<>(Arrays.stream(Permutations.identity(callbacks.size())).boxed().toList());
                    Collections.shuffle(order, random);
                    assertSameAsInOrder(callbacks, order.stream().mapToInt(Integer::intValue).toArray(), table + " long life " + i);
                }
            }
        }
    }

    @Test
    void aShuffledDayOfAFiftyTableProfileRaisesExactlyTheFailuresAndRecoveries() {
        List<byte[]> day = new ArrayList<>();
        for (int t = 0; t < 50; t++) {
            Lifecycle life = Lifecycle.of(StateTable.PROFILE_ENTITY_STATE, row(1000 + t)).created(tableState(4));
            for (int sync = 1; sync < 25; sync++) {
                boolean failing = (t == 7 || t == 31) && sync == 10;
                life.then(Map.of("syncstate", sync(failing ? 8 : 4), "lakerecordcount", 1000L + sync, "crmrecordcount", 1000L + sync));
            }
            day.addAll(life.callbacks());
        }
        assertEquals(1250, day.size());
        for (long seed = 1; seed <= 3; seed++) {
            List<byte[]> shuffled = new ArrayList<>(day);
            Collections.shuffle(shuffled, new Random(seed));
            List<HealthEvent> events = run(shuffled, Permutations.identity(shuffled.size()));
            assertEquals(Map.of(HealthEventName.TableSyncFailed, 2L, HealthEventName.TableSyncRecovered, 2L), multiset(events));
        }
    }

    @Test
    void lateEventsNameTheirTableAndProfile() {
        List<byte[]> callbacks = Lifecycle.of(StateTable.PROFILE_ENTITY_STATE, row(20))
            .created(tableState(2)).then("syncstate", sync(8)).then("syncstate", sync(2)).callbacks();
        Permutations.forEach(callbacks.size(), order -> {
            for (HealthEvent e : run(callbacks, order)) {
                assertEquals("contact", e.table(), e.summary());
                assertEquals(SynapseLink.PROFILE_ID, e.profileId(), e.summary());
                assertNotNull(e.time());
            }
        });
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    private static UUID row(int n) {
        return new UUID(0x5e1f_2b3d_ef11_0000L + n, 0x9f89_000d_3a4a_5b6cL);
    }

    private static Map<String, Object> tableState(int syncState) {
        return Map.of("entityname", "contact", "profile", PROFILE, "syncstate", sync(syncState), "initialsyncstate", sync(4),
            "lakerecordcount", 1000L, "crmrecordcount", 1000L);
    }

    /** The callbacks with the ones at these indexes delivered once more, right after themselves. */
    private static List<byte[]> withDuplicates(List<byte[]> callbacks, int... again) {
        List<byte[]> out = new ArrayList<>(callbacks);
        for (int i : again) {
            out.add(callbacks.get(i));
        }
        return out;
    }

    static List<HealthEvent> run(List<byte[]> callbacks, int[] order) {
        Pipeline pipeline = new Pipeline();
        for (int i : order) {
            pipeline.process(callbacks.get(i));
        }
        return pipeline.published;
    }

    private static void assertSameAsInOrder(List<byte[]> callbacks, int[] order, String life) {
        List<HealthEvent> inOrder = run(callbacks, Permutations.identity(callbacks.size()));
        List<HealthEvent> shuffled = run(callbacks, order);
        assertEquals(multiset(inOrder), multiset(shuffled), life + ", order " + Arrays.toString(order));
        Set<String> ids = new HashSet<>();
        for (HealthEvent e : shuffled) {
            assertTrue(ids.add(e.id()), life + ", order " + Arrays.toString(order) + ": id raised twice: " + e);
        }
    }

    static Map<HealthEventName, Long> multiset(List<HealthEvent> events) {
        Map<HealthEventName, Long> counts = new TreeMap<>();
        events.forEach(e -> counts.merge(e.name(), 1L, Long::sum));
        return counts;
    }

    private static List<HealthEventName> names(List<HealthEvent> events) {
        return events.stream().map(HealthEvent::name).toList();
    }
}
