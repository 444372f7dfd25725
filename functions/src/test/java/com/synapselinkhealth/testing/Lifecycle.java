package com.synapselinkhealth.testing;

import com.synapselinkhealth.dataverse.EntityReference;
import com.synapselinkhealth.statetables.ChoiceSet;
import com.synapselinkhealth.statetables.StateTable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.UUID;

/**
 * The callbacks of one row's life, as Dataverse sends them when {@code register} set up its steps: a Create with the
 * whole row, Updates whose Target holds the changed columns and {@code modifiedon}, each with a pre image (the row
 * before) and a post image (the row after) of every column, and a Delete with its pre image. Versions count up.
 */
public final class Lifecycle {
    private final StateTable table;
    private final UUID rowId;
    private final List<Map<String, Object>> states = new ArrayList<>();
    private boolean deleted;
    private Instant start = Instant.parse("2024-06-03T08:00:00Z");
    private Duration step = Duration.ofMinutes(15);
    private long firstVersion = 5_000;

    private Lifecycle(StateTable table, UUID rowId) {
        this.table = Objects.requireNonNull(table);
        this.rowId = Objects.requireNonNull(rowId);
    }

    public static Lifecycle of(StateTable table, UUID rowId) {
        return new Lifecycle(table, rowId);
    }

    /** The row as created: its columns in callback form (choices as {@link com.synapselinkhealth.statetables.Choice}). */
    public Lifecycle created(Map<String, Object> columns) {
        if (!states.isEmpty()) {
            throw new IllegalStateException("already created");
        }
        states.add(new LinkedHashMap<>(columns));
        return this;
    }

    /** An Update that sets these columns, the rest unchanged. */
    public Lifecycle then(Map<String, Object> changed) {
        Map<String, Object> next = new LinkedHashMap<>(states.get(states.size() - 1));
        next.putAll(changed);
        states.add(next);
        return this;
    }

    public Lifecycle then(String column, Object value) {
        return then(Map.of(column, value));
    }

    public Lifecycle thenDeleted() {
        deleted = true;
        return this;
    }

    public Lifecycle startingAt(Instant at, Duration every, long version) {
        this.start = at;
        this.step = every;
        this.firstVersion = version;
        return this;
    }

    public UUID rowId() {
        return rowId;
    }

    /** The callbacks in the order Dataverse made them. */
    public List<byte[]> callbacks() {
        List<byte[]> out = new ArrayList<>();
        Random ids = new Random(rowId.getLeastSignificantBits());
        for (int i = 0; i < states.size(); i++) {
            Map<String, Object> row = states.get(i);
            Instant at = start.plus(step.multipliedBy(i));
            long version = firstVersion + i;
            CallbackBuilder b;
            if (i == 0) {
                b = CallbackBuilder.create(table, rowId);
                row.forEach(b::target);
                b.target("createdon", at).target("modifiedon", at);
            } else {
                b = CallbackBuilder.update(table, rowId);
                Map<String, Object> before = states.get(i - 1);
                row.forEach((column, value) -> {
                    if (!Objects.equals(String.valueOf(value), String.valueOf(before.get(column)))) {
                        b.target(column, value);
                    }
                });
                b.target("modifiedon", at);
                before.forEach(b::preImage);
                b.preImage("createdon", start).preImage("modifiedon", start.plus(step.multipliedBy(i - 1)))
                    .preImage("versionnumber", version - 1);
            }
            row.forEach(b::postImage);
            b.postImage("createdon", start).postImage("modifiedon", at).postImage("versionnumber", version);
            out.add(b.operationId(new UUID(ids.nextLong(), ids.nextLong())).operationCreatedOn(at.plusMillis(150)).build());
        }
        if (deleted) {
            Map<String, Object> last = states.get(states.size() - 1);
            CallbackBuilder b = CallbackBuilder.delete(table, rowId);
            last.forEach(b::preImage);
            Instant lastAt = start.plus(step.multipliedBy(states.size() - 1));
            b.preImage("createdon", start).preImage("modifiedon", lastAt).preImage("versionnumber", firstVersion + states.size() - 1);
            out.add(b.operationId(new UUID(ids.nextLong(), ids.nextLong())).operationCreatedOn(lastAt.plus(step)).build());
        }
        return out;
    }

    // ---- random lives, for property tests -----------------------------------------------------------------------

    /** A random life of {@code updates} Updates of a row of {@code table} (a Delete at the end when {@code delete}). */
    public static Lifecycle random(StateTable table, Random random, int updates, boolean delete) {
        UUID rowId = new UUID(random.nextLong(), random.nextLong());
        Lifecycle life = of(table, rowId).created(randomRow(table, random, null));
        for (int i = 0; i < updates; i++) {
            life.then(randomRow(table, random, life.states.get(life.states.size() - 1)));
        }
        return delete ? life.thenDeleted() : life;
    }

    private static final EntityReference PROFILE =
        new EntityReference(StateTable.PROFILE.logicalName(), SynapseLink.PROFILE_ID, null);

    private static Map<String, Object> randomRow(StateTable table, Random r, Map<String, Object> previous) {
        Map<String, Object> row = new LinkedHashMap<>();
        boolean first = previous == null;
        switch (table) {
            case PROFILE_ENTITY_STATE -> {
                row.put("entityname", "table" + (first ? r.nextInt(1000) : previous.get("entityname").toString().substring(5)));
                row.put("profile", PROFILE);
                row.put("syncstate", pick(r, ChoiceSet.ENTITY_SYNC_STATE, 2, 2, 4, 4, 8, 32, 1));
                row.put("initialsyncstate", pick(r, ChoiceSet.ENTITY_SYNC_STATE, 2, 4, 4, 4, 8));
                row.put("metadatastate", pick(r, ChoiceSet.ENTITY_METADATA_STATE, 8, 8, 8, 16));
                row.put("synapsetablecreationstate", pick(r, ChoiceSet.SYNAPSE_TABLE_CREATION_STATE, 2, 2, 2, 3));
                row.put("lakerecordcount", (long) r.nextInt(10_000));
                row.put("crmrecordcount", (long) r.nextInt(10_000));
            }
            case EXTERNAL_TABLE_STATE -> {
                row.put("entityname", "table" + (first ? r.nextInt(1000) : previous.get("entityname").toString().substring(5)));
                row.put("synapseworkspacename", SynapseLink.PROFILE_NAME);
                row.put("tablestate", pick(r, ChoiceSet.EXTERNAL_TABLE_STATE, 1, 1, 1, 2, 3, 4, 0));
                row.put("lastsyncstate", pick(r, ChoiceSet.EXTERNAL_TABLE_STATE, 1, 1, 2, 4));
                row.put("lakehouseshortcutstate", pick(r, ChoiceSet.EXTERNAL_TABLE_STATE, 1, 1, 1, 2));
                row.put("recordcount", (long) r.nextInt(10_000));
            }
            case PROFILE -> {
                row.put("name", SynapseLink.PROFILE_NAME);
                row.put("profilestate", pick(r, ChoiceSet.PROFILE_STATE, 1, 1, 2, 6, 8, 0, 3));
            }
            case PROFILE_ENTITY -> {
                row.put("entityname", "table" + (first ? r.nextInt(1000) : previous.get("entityname").toString().substring(5)));
                row.put("profile", PROFILE);
                row.put("enabled", r.nextInt(3) > 0);
            }
            case SCHEDULE -> {
                row.put("profile", PROFILE);
                row.put("type", pick(r, ChoiceSet.SCHEDULE_TYPE, 1, 1, 1, 0));
                row.put("recurrenceunit", pick(r, ChoiceSet.SCHEDULE_RECURRENCE_UNIT, 1, 1, 2));
                row.put("recurrenceinterval", r.nextBoolean() ? 15 : r.nextBoolean() ? 60 : 5);
            }
            case DATABASE -> {
                row.put("name", "db" + r.nextInt(3));
                row.put("workspacename", "contoso-synapse");
            }
            default -> throw new IllegalArgumentException(table.name());
        }
        if (!first && r.nextInt(3) == 0) {
            // only counts and timestamps move: keep every state as it was
            Map<String, Object> quiet = new LinkedHashMap<>(previous);
            row.forEach((k, v) -> {
                if (v instanceof Long) {
                    quiet.put(k, v);
                }
            });
            return quiet;
        }
        return row;
    }

    private static Object pick(Random r, ChoiceSet set, int... values) {
        return set.of(values[r.nextInt(values.length)]);
    }
}
