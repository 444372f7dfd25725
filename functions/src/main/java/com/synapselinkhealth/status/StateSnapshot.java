package com.synapselinkhealth.status;

import com.synapselinkhealth.dataverse.EntityReference;
import com.synapselinkhealth.statetables.Choice;
import com.synapselinkhealth.statetables.ExternalTableState;
import com.synapselinkhealth.statetables.Profile;
import com.synapselinkhealth.statetables.ProfileEntity;
import com.synapselinkhealth.statetables.ProfileEntityState;
import com.synapselinkhealth.statetables.RowVersion;
import com.synapselinkhealth.statetables.Schedule;
import com.synapselinkhealth.statetables.StateTable;
import com.synapselinkhealth.store.RowState;
import com.synapselinkhealth.store.RowStateStore;
import com.synapselinkhealth.store.Versioned;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The state tables as the service knows them at one moment, read once per question: the profiles (from their own
 * rows and from the lookups of their tables' rows), the tables each profile currently syncs, the Delta Lake state
 * of those tables and the schedules. Deleted rows are left out; a table whose {@code synapselinkprofileentity} row
 * was deleted or disabled no longer counts as synced.
 */
final class StateSnapshot {
    /** A profile and its tables, by lower-case logical name, in name order. */
    record KnownProfile(UUID id, String name, String organization, Choice state, UUID dataLakeFolderId,
                        Map<String, TableRow> tables) {
    }

    /** One synced table: its runtime state row, and the typed view of it. */
    record TableRow(RowState row, ProfileEntityState state) {
    }

    private final Map<UUID, KnownProfile> profiles;
    private final Map<String, ExternalTableState> externalByFolderAndTable;
    private final List<Schedule> schedules;

    private StateSnapshot(Map<UUID, KnownProfile> profiles, Map<String, ExternalTableState> externalByFolderAndTable,
                          List<Schedule> schedules) {
        this.profiles = profiles;
        this.externalByFolderAndTable = externalByFolderAndTable;
        this.schedules = schedules;
    }

    static StateSnapshot read(RowStateStore rows) {
        Map<UUID, RowState> profileRows = new HashMap<>();
        Set<UUID> deletedProfiles = new HashSet<>();
        for (Versioned<RowState> v : rows.list(StateTable.PROFILE)) {
            if (v.value().deleted()) {
                // a deleted profile's tombstone hides the profile, even from its tables' rows
                deletedProfiles.add(v.value().rowId());
            } else {
                profileRows.put(v.value().rowId(), v.value());
            }
        }
        RemovedTables removed = new RemovedTables(values(rows.list(StateTable.PROFILE_ENTITY), true));
        Map<UUID, Map<String, TableRow>> tablesByProfile = new HashMap<>();
        Map<UUID, String> lookupNames = new HashMap<>();
        Map<UUID, String> tableOrganizations = new HashMap<>();
        for (RowState row : values(rows.list(StateTable.PROFILE_ENTITY_STATE), false)) {
            ProfileEntityState state = ProfileEntityState.from(row.attributes());
            EntityReference profile = state.profile();
            if (profile == null || isBlank(state.entityName()) || deletedProfiles.contains(profile.id())
                || removed.contains(state)) {
                continue;
            }
            Map<String, TableRow> tables = tablesByProfile.computeIfAbsent(profile.id(), id -> new TreeMap<>());
            tables.merge(key(state.entityName()), new TableRow(row, state), StateSnapshot::newer);
            if (!isBlank(profile.name())) {
                lookupNames.putIfAbsent(profile.id(), profile.name());
            }
            if (row.organization() != null) {
                tableOrganizations.putIfAbsent(profile.id(), row.organization());
            }
        }
        Map<UUID, KnownProfile> profiles = new LinkedHashMap<>();
        List<UUID> ids = new ArrayList<>(profileRows.keySet());
        tablesByProfile.keySet().stream().filter(id -> !profileRows.containsKey(id)).forEach(ids::add);
        for (UUID id : ids) {
            RowState own = profileRows.get(id);
            Profile profile = own == null ? null : Profile.from(own.attributes());
            String name = profile != null && !isBlank(profile.name()) ? profile.name() : lookupNames.get(id);
            String organization = own != null && own.organization() != null ? own.organization() : tableOrganizations.get(id);
            profiles.put(id, new KnownProfile(id, name, organization, profile == null ? null : profile.profileState(),
                profile == null || profile.dataLakeFolder() == null ? null : profile.dataLakeFolder().id(),
                Collections.unmodifiableMap(tablesByProfile.getOrDefault(id, new TreeMap<>()))));
        }
        return new StateSnapshot(profiles, external(rows), schedules(rows));
    }

    /** Every known profile, in no particular order. */
    List<KnownProfile> profiles() {
        return List.copyOf(profiles.values());
    }

    Optional<KnownProfile> profile(UUID id) {
        return Optional.ofNullable(profiles.get(id));
    }

    /** The Delta Lake state of a table of this profile: the external table state row in the profile's lake folder. */
    Optional<ExternalTableState> external(KnownProfile profile, String table) {
        if (profile.dataLakeFolderId() == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(externalByFolderAndTable.get(profile.dataLakeFolderId() + "/" + key(table)));
    }

    /** The schedule of a table: its own when it has one with an interval, else its profile's (as the stall check). */
    Optional<Schedule> scheduleOf(KnownProfile profile, String table) {
        Schedule profileWide = null;
        for (Schedule schedule : schedules) {
            EntityReference owner = schedule.profile();
            if (owner != null && !owner.id().equals(profile.id())) {
                continue;
            }
            if (!isBlank(schedule.entityName())) {
                if (schedule.entityName().equalsIgnoreCase(table) && schedule.interval().isPresent()) {
                    return Optional.of(schedule);
                }
            } else if (profileWide == null || profileWide.interval().isEmpty() && schedule.interval().isPresent()) {
                profileWide = schedule;
            }
        }
        return Optional.ofNullable(profileWide);
    }

    private static Map<String, ExternalTableState> external(RowStateStore rows) {
        Map<String, RowState> newest = new HashMap<>();
        for (RowState row : values(rows.list(StateTable.EXTERNAL_TABLE_STATE), false)) {
            ExternalTableState state = ExternalTableState.from(row.attributes());
            if (state.dataLakeFolder() != null && !isBlank(state.entityName())) {
                newest.merge(state.dataLakeFolder().id() + "/" + key(state.entityName()), row, StateSnapshot::newer);
            }
        }
        Map<String, ExternalTableState> byKey = new HashMap<>();
        newest.forEach((k, row) -> byKey.put(k, ExternalTableState.from(row.attributes())));
        return byKey;
    }

    private static List<Schedule> schedules(RowStateStore rows) {
        List<Schedule> schedules = new ArrayList<>();
        for (RowState row : values(rows.list(StateTable.SCHEDULE), false)) {
            schedules.add(Schedule.from(row.attributes()));
        }
        return schedules;
    }

    /** The tables taken out of their profile: their profile entity row is deleted or disabled. */
    private static final class RemovedTables {
        private final Map<UUID, Boolean> removedById = new HashMap<>();
        private final Map<String, Boolean> removedByProfileAndName = new HashMap<>();

        RemovedTables(List<RowState> profileEntities) {
            for (RowState row : profileEntities) {
                ProfileEntity entity = ProfileEntity.from(row.attributes());
                boolean removed = row.deleted() || Boolean.FALSE.equals(entity.enabled());
                removedById.put(row.rowId(), removed);
                if (entity.profile() != null && !isBlank(entity.entityName())) {
                    removedByProfileAndName.merge(entity.profile().id() + "/" + key(entity.entityName()), removed,
                        Boolean::logicalAnd);
                }
            }
        }

        /** By the state row's own profile entity lookup when it has one, else by profile and table name. */
        boolean contains(ProfileEntityState table) {
            Boolean removed = table.profileEntity() != null ? removedById.get(table.profileEntity().id())
                : removedByProfileAndName.get(table.profile().id() + "/" + key(table.entityName()));
            return Boolean.TRUE.equals(removed);
        }
    }

    private static List<RowState> values(List<Versioned<RowState>> rows, boolean withDeleted) {
        List<RowState> values = new ArrayList<>(rows.size());
        for (Versioned<RowState> v : rows) {
            if (withDeleted || !v.value().deleted()) {
                values.add(v.value());
            }
        }
        // a stable order, so that ties resolve the same way on every read
        values.sort((a, b) -> a.rowId().compareTo(b.rowId()));
        return values;
    }

    private static TableRow newer(TableRow a, TableRow b) {
        return newer(a.row(), b.row()) == a.row() ? a : b;
    }

    /** The row with the newer data (by version number, else modifiedon, else when this service wrote it). */
    private static RowState newer(RowState a, RowState b) {
        RowVersion va = RowVersion.of(a.attributes());
        RowVersion vb = RowVersion.of(b.attributes());
        if (va.isOlderThan(vb)) {
            return b;
        }
        if (vb.isOlderThan(va)) {
            return a;
        }
        return b.updatedAt().isAfter(a.updatedAt()) ? b : a;
    }

    static String key(String table) {
        return table.toLowerCase(Locale.ROOT);
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }
}
