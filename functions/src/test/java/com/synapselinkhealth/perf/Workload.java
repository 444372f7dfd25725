package com.synapselinkhealth.perf;

import static com.synapselinkhealth.testing.CallbackBuilder.option;
import static com.synapselinkhealth.testing.CallbackBuilder.ref;

import com.synapselinkhealth.statetables.StateTable;
import com.synapselinkhealth.testing.CallbackBuilder;
import com.synapselinkhealth.testing.Lifecycle;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Realistic webhook traffic of many Synapse Links, generated from a seed: state-table changes of many profiles and
 * tables (each on its own row, so the events do not depend on the order the server happens to process them in),
 * updates that change only counts, rows of other tables, exact duplicates (Dataverse's retry) mixed in, and a
 * second wave of stale replays (older versions of rows already seen) that must raise nothing.
 */
final class Workload {
    private static final String[] TABLES = {"account", "contact", "incident", "opportunity", "lead", "salesorder",
        "invoice", "quote", "product", "systemuser", "team", "businessunit", "task", "email", "phonecall",
        "appointment", "annotation", "activitypointer", "campaign", "competitor", "contract", "entitlement",
        "knowledgearticle", "msdyn_workorder", "msdyn_project", "msdyn_timeentry", "pricelevel", "queueitem",
        "transactioncurrency", "uom"};
    private static final Instant BASE = Instant.parse("2026-11-20T08:00:00Z");

    /** One body to post; {@code original} is the index of the body it duplicates, else its own index. */
    record Callback(int index, int original, String kind, byte[] body) {
    }

    /** A row already sent, remembered for its stale replay. */
    private record SentRow(StateTable table, UUID rowId, UUID profileId, String profileName, String entity, long version,
                           Instant modified) {
    }

    private final Random random;
    private final int profiles;
    private final List<UUID> profileIds = new ArrayList<>();
    private final List<SentRow> sent = new ArrayList<>();
    private int next;

    Workload(long seed, int profiles) {
        this.random = new Random(seed);
        this.profiles = profiles;
        for (int i = 0; i < profiles; i++) {
            profileIds.add(new UUID(random.nextLong(), random.nextLong()));
        }
    }

    /**
     * {@code unique} fresh callbacks plus about {@code duplicateShare} of them again (identical bodies), shuffled so a
     * duplicate may even come before its original.
     */
    List<Callback> wave(int unique, double duplicateShare) {
        List<Callback> out = new ArrayList<>();
        for (int i = 0; i < unique; i++) {
            out.add(fresh());
        }
        int originals = out.size();
        for (int i = 0; i < originals; i++) {
            if (random.nextDouble() < duplicateShare) {
                Callback c = out.get(i);
                out.add(new Callback(next++, c.index(), "duplicate", c.body()));
            }
        }
        Collections.shuffle(out, random);
        return out;
    }

    /**
     * Many callbacks on the same rows, in bursts: whole lives of rows (each 6 to 14 versions, every state table, with
     * full images as {@code register} sets up), a tenth of them delivered twice, and each burst of 25 rows' callbacks
     * shuffled together, so a row's callbacks arrive out of order and at once.
     *
     * @param inOrder every callback in Dataverse's order (the reference)
     * @param posted the same callbacks (and duplicates) in the order they are posted
     */
    record Bursts(List<Callback> inOrder, List<Callback> posted, int rows) {
    }

    Bursts bursts(int callbacks) {
        List<List<Callback>> lives = new ArrayList<>();
        int total = 0;
        StateTable[] tables = StateTable.values();
        while (total < callbacks) {
            StateTable table = random.nextInt(3) > 0 ? StateTable.PROFILE_ENTITY_STATE : tables[random.nextInt(tables.length)];
            List<Callback> life = new ArrayList<>();
            for (byte[] body : Lifecycle.random(table, random, 5 + random.nextInt(9), random.nextInt(8) == 0).callbacks()) {
                int index = next++;
                life.add(new Callback(index, index, "burst-" + table.logicalName(), body));
            }
            lives.add(life);
            total += life.size();
        }
        List<Callback> inOrder = new ArrayList<>();
        List<Callback> posted = new ArrayList<>();
        for (int start = 0; start < lives.size(); start += 25) {
            List<Callback> burst = new ArrayList<>();
            for (List<Callback> life : lives.subList(start, Math.min(lives.size(), start + 25))) {
                inOrder.addAll(life);
                burst.addAll(life);
                for (Callback c : life) {
                    if (random.nextDouble() < 0.1) {
                        burst.add(new Callback(next++, c.index(), "duplicate", c.body()));
                    }
                }
            }
            Collections.shuffle(burst, random);
            posted.addAll(burst);
        }
        return new Bursts(inOrder, posted, lives.size());
    }

    /** Older versions of {@code count} rows sent before, each a change that would raise an event if it were new. */
    List<Callback> staleReplays(int count) {
        List<Callback> out = new ArrayList<>();
        List<SentRow> rows = new ArrayList<>(sent);
        Collections.shuffle(rows, random);
        for (SentRow row : rows.subList(0, Math.min(count, rows.size()))) {
            CallbackBuilder b = switch (row.table()) {
                case PROFILE_ENTITY_STATE -> CallbackBuilder.update(row.table(), row.rowId())
                    .target("syncstate", option(32)).preImage("syncstate", option(2))
                    .unchanged("entityname", row.entity()).unchanged("profile", ref("synapselinkprofile", row.profileId()));
                case EXTERNAL_TABLE_STATE -> CallbackBuilder.update(row.table(), row.rowId())
                    .target("tablestate", option(3)).preImage("tablestate", option(1))
                    .unchanged("entityname", row.entity()).unchanged("synapseworkspacename", row.profileName());
                default -> CallbackBuilder.update(row.table(), row.rowId())
                    .target("profilestate", option(5)).preImage("profilestate", option(1))
                    .unchanged("name", row.profileName());
            };
            b.target("versionnumber", row.version() - 1 - random.nextInt(1000))
                .target("modifiedon", row.modified().minusSeconds(60 + random.nextInt(3600)));
            int index = next++;
            out.add(new Callback(index, index, "stale", b.build()));
        }
        return out;
    }

    private Callback fresh() {
        int p = random.nextInt(profiles);
        UUID profileId = profileIds.get(p);
        String profileName = "Lake " + (p + 1);
        String entity = TABLES[random.nextInt(TABLES.length)];
        UUID rowId = new UUID(random.nextLong(), random.nextLong());
        long version = 1_000_000L + random.nextInt(1_000_000_000);
        Instant modified = BASE.plusSeconds(random.nextInt(86_400));
        double roll = random.nextDouble();
        String kind;
        CallbackBuilder b;
        StateTable table = StateTable.PROFILE_ENTITY_STATE;
        if (roll < 0.40) {
            kind = "sync-failed";
            b = tableState(rowId, entity, profileId).target("syncstate", option(8)).preImage("syncstate", option(2))
                .target("lastsynceddatatime", modified.minusSeconds(900));
        } else if (roll < 0.55) {
            kind = "initial-sync-completed";
            b = tableState(rowId, entity, profileId).target("initialsyncstate", option(4))
                .preImage("initialsyncstate", option(2));
        } else if (roll < 0.65) {
            kind = "sync-paused";
            b = tableState(rowId, entity, profileId).target("syncstate", option(32)).preImage("syncstate", option(2));
        } else if (roll < 0.78) {
            kind = "counts-only";
            b = tableState(rowId, entity, profileId).target("lakerecordcount", (long) random.nextInt(5_000_000))
                .unchanged("syncstate", option(2)).unchanged("initialsyncstate", option(4));
        } else if (roll < 0.90) {
            kind = "delta-table-failed";
            table = StateTable.EXTERNAL_TABLE_STATE;
            b = CallbackBuilder.update(table, rowId).target("tablestate", option(2)).preImage("tablestate", option(1))
                .unchanged("entityname", entity).unchanged("synapseworkspacename", profileName)
                .unchanged("lastsyncstate", option(1));
        } else if (roll < 0.95) {
            kind = "profile-error";
            table = StateTable.PROFILE;
            rowId = new UUID(random.nextLong(), random.nextLong());
            b = CallbackBuilder.update(table, rowId).target("profilestate", option(2)).preImage("profilestate", option(1))
                .unchanged("name", profileName + " (" + rowId.toString().substring(0, 4) + ")");
            profileName = profileName + " (" + rowId.toString().substring(0, 4) + ")";
        } else {
            kind = "other-table";
            table = null;
            b = CallbackBuilder.of("Update", "account", rowId).target("name", "Contoso " + random.nextInt(1000));
        }
        b.target("versionnumber", version).target("modifiedon", modified)
            .operationCreatedOn(modified.plusMillis(random.nextInt(5000)));
        if (table != null) {
            sent.add(new SentRow(table, rowId, profileId, profileName, entity, version, modified));
        }
        int index = next++;
        return new Callback(index, index, kind, b.build());
    }

    private static CallbackBuilder tableState(UUID rowId, String entity, UUID profileId) {
        return CallbackBuilder.update(StateTable.PROFILE_ENTITY_STATE, rowId)
            .unchanged("entityname", entity).unchanged("profile", ref("synapselinkprofile", profileId))
            .unchanged("metadatastate", option(8)).unchanged("synapsetablecreationstate", option(2));
    }
}
