package com.synapselinkhealth.statetables;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.synapselinkhealth.dataverse.AttributeValue;
import com.synapselinkhealth.dataverse.Attributes;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScheduleTest {
    private static Schedule schedule(Integer type, Integer unit, Long interval) {
        Map<String, AttributeValue> row = new java.util.HashMap<>();
        if (type != null) {
            row.put("type", new AttributeValue.OptionSet(type));
        }
        if (unit != null) {
            row.put("recurrenceunit", new AttributeValue.OptionSet(unit));
        }
        if (interval != null) {
            row.put("recurrenceinterval", new AttributeValue.WholeNumber(interval));
        }
        return Schedule.from(Attributes.of(row));
    }

    @Test
    void intervalFromUnitAndCount() {
        assertEquals(Optional.of(Duration.ofMinutes(15)), schedule(1, 1, 15L).interval());
        assertEquals(Optional.of(Duration.ofHours(2)), schedule(1, 2, 2L).interval());
        assertEquals(Optional.of(Duration.ofDays(1)), schedule(0, 3, 1L).interval());
        assertEquals(Optional.of(Duration.ofDays(14)), schedule(0, 4, 2L).interval());
        assertEquals(Optional.of(Duration.ofDays(31)), schedule(0, 5, 1L).interval());
        assertEquals(Optional.of(Duration.ofDays(366)), schedule(0, 6, 1L).interval());
    }

    @Test
    void noIntervalWhenItCannotBeKnown() {
        assertEquals(Optional.empty(), schedule(1, 0, 15L).interval());
        assertEquals(Optional.empty(), schedule(1, 128, 15L).interval());
        assertEquals(Optional.empty(), schedule(1, 1, 0L).interval());
        assertEquals(Optional.empty(), schedule(1, 1, null).interval());
        assertEquals(Optional.empty(), schedule(1, null, 15L).interval());
    }

    @Test
    void describeReadsLikeASentence() {
        assertEquals("IncrementalUpdate every 15 minutes", schedule(1, 1, 15L).describe());
        assertEquals("IncrementalUpdate every 1 hour", schedule(1, 2, 1L).describe());
        assertEquals("Snapshot every 2 days", schedule(0, 3, 2L).describe());
        assertEquals("Schedule every 30 minutes", schedule(null, 1, 30L).describe());
        assertEquals("IncrementalUpdate every 15 Unknown (128)", schedule(1, 128, 15L).describe());
        assertEquals("IncrementalUpdate every ? Hour", schedule(1, 2, null).describe());
        assertEquals("IncrementalUpdate", schedule(1, null, null).describe());
    }
}
