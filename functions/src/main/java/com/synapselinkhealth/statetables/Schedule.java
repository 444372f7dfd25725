package com.synapselinkhealth.statetables;

import static com.synapselinkhealth.statetables.ProfileEntityState.choice;

import com.synapselinkhealth.dataverse.Attributes;
import com.synapselinkhealth.dataverse.EntityReference;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@code synapselinkschedule} row: how often a profile (or one of its tables, when {@code entityName} is set)
 * writes incremental folders or converts to Delta Lake.
 */
public record Schedule(String entityName, EntityReference profile, Choice type, Choice recurrenceUnit,
                       Long recurrenceInterval) {

    public static Schedule from(Attributes a) {
        return new Schedule(a.text("entityname"), a.reference("profile"), choice(a, "type", ChoiceSet.SCHEDULE_TYPE),
            choice(a, "recurrenceunit", ChoiceSet.SCHEDULE_RECURRENCE_UNIT), a.wholeNumber("recurrenceinterval"));
    }

    /** The time between two runs, when unit and interval say it; months and years count 31 and 366 days. */
    public Optional<Duration> interval() {
        if (recurrenceUnit == null || recurrenceInterval == null || recurrenceInterval <= 0) {
            return Optional.empty();
        }
        Duration unit = switch (recurrenceUnit.value()) {
            case 1 -> Duration.ofMinutes(1);
            case 2 -> Duration.ofHours(1);
            case 3 -> Duration.ofDays(1);
            case 4 -> Duration.ofDays(7);
            case 5 -> Duration.ofDays(31);
            case 6 -> Duration.ofDays(366);
            default -> null;
        };
        return unit == null ? Optional.empty() : Optional.of(unit.multipliedBy(recurrenceInterval));
    }

    /** {@code IncrementalUpdate every 15 minutes}: how a person reads this schedule. */
    public String describe() {
        StringBuilder text = new StringBuilder(type == null ? "Schedule" : type.label());
        if (recurrenceInterval != null && recurrenceUnit != null && recurrenceUnit.isKnown() && recurrenceUnit.value() > 0) {
            String unit = recurrenceUnit.label().toLowerCase(Locale.ROOT);
            text.append(" every ").append(recurrenceInterval).append(' ').append(unit).append(recurrenceInterval == 1 ? "" : "s");
        } else if (recurrenceInterval != null || recurrenceUnit != null) {
            text.append(" every ").append(Objects.toString(recurrenceInterval, "?")).append(' ')
                .append(recurrenceUnit == null ? "?" : recurrenceUnit.label());
        }
        return text.toString();
    }
}
