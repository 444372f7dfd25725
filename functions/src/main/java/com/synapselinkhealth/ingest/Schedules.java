package com.synapselinkhealth.ingest;

import com.synapselinkhealth.dataverse.EntityReference;
import com.synapselinkhealth.statetables.Schedule;
import com.synapselinkhealth.statetables.StateTable;
import com.synapselinkhealth.store.RowState;
import com.synapselinkhealth.store.RowStateStore;
import com.synapselinkhealth.store.Versioned;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Which {@code synapselinkschedule} applies to a table: its own, else its profile's. */
final class Schedules {
    private final List<Versioned<RowState>> schedules;

    private Schedules(List<Versioned<RowState>> schedules) {
        this.schedules = schedules;
    }

    /** The schedules the store knows now (one partition: a profile has one or two). */
    static Schedules read(RowStateStore rows) {
        return new Schedules(rows.list(StateTable.SCHEDULE));
    }

    /** The interval of the table's own schedule when it has one, else its profile's; empty when none is known. */
    Optional<Duration> intervalFor(UUID profileId, String entityName) {
        Optional<Duration> profileWide = Optional.empty();
        for (Versioned<RowState> row : schedules) {
            if (row.value().deleted()) {
                continue;
            }
            Schedule schedule = Schedule.from(row.value().attributes());
            EntityReference owner = schedule.profile();
            if (profileId != null && owner != null && !owner.id().equals(profileId)) {
                continue;
            }
            String entity = schedule.entityName();
            if (entity != null && !entity.isBlank()) {
                if (entity.equalsIgnoreCase(entityName) && schedule.interval().isPresent()) {
                    return schedule.interval();
                }
            } else if (profileWide.isEmpty()) {
                profileWide = schedule.interval();
            }
        }
        return profileWide;
    }
}
