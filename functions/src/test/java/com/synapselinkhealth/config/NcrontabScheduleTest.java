package com.synapselinkhealth.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NcrontabScheduleTest {
    private static final Instant T = Instant.parse("2026-11-20T09:14:05Z");

    private static Instant next(String schedule, String after) {
        return NcrontabSchedule.parse(schedule).next(Instant.parse(after)).orElseThrow();
    }

    @Test
    void theDefaultDigestScheduleIsDailyAtSeven() {
        assertEquals(Instant.parse("2026-11-21T07:00:00Z"), next("0 0 7 * * *", "2026-11-20T09:14:05Z"));
        assertEquals(Instant.parse("2026-11-20T07:00:00Z"), next("0 0 7 * * *", "2026-11-20T06:59:59.999Z"));
        assertEquals(Instant.parse("2026-11-21T07:00:00Z"), next("0 0 7 * * *", "2026-11-20T07:00:00Z"), "strictly after");
    }

    @Test
    void listsRangesStepsAndNames() {
        assertEquals(Instant.parse("2026-11-20T09:15:00Z"), next("0 */5 * * * *", "2026-11-20T09:14:05Z"));
        assertEquals(Instant.parse("2026-11-20T09:14:10Z"), next("*/10 * * * * *", "2026-11-20T09:14:05Z"));
        assertEquals(Instant.parse("2026-11-20T12:00:00Z"), next("0 0 8,12,16 * * *", "2026-11-20T09:14:05Z"));
        assertEquals(Instant.parse("2026-11-23T09:30:00Z"), next("0 30 9 * * Mon-Fri", "2026-11-20T09:31:00Z"),
            "Friday 20th after 09:30, so Monday");
        assertEquals(Instant.parse("2026-11-22T00:00:00Z"), next("0 0 0 * * 0", "2026-11-20T09:14:05Z"), "0 is Sunday");
        assertEquals(Instant.parse("2026-11-22T00:00:00Z"), next("0 0 0 * * 7", "2026-11-20T09:14:05Z"), "7 is Sunday");
        assertEquals(Instant.parse("2027-01-01T00:00:00Z"), next("0 0 0 1 jan *", "2026-11-20T09:14:05Z"));
        assertEquals(Instant.parse("2026-11-20T10:05:00Z"), next("0 5/20 10-12 * * *", "2026-11-20T09:14:05Z"));
        assertEquals(Instant.parse("2028-02-29T00:00:00Z"), next("0 0 0 29 2 *", "2026-11-20T09:14:05Z"), "a leap day");
        assertEquals(Optional.empty(), NcrontabSchedule.parse("0 0 0 30 2 *").next(T), "no 30th of February");
    }

    @Test
    void malformedSchedulesAreRefusedWithAReason() {
        for (String bad : List.of("", "0 7 * * *", "0 0 7 * * * *", "60 * * * * *", "* 60 * * * *", "* * 24 * * *",
            "* * * 0 * *", "* * * * 13 *", "* * * * * 8", "*/0 * * * * *", "5-1 * * * * *", "a * * * * *", "1,,2 * * * * *",
            "* * * * Foo *")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NcrontabSchedule.parse(bad), bad);
            assertFalse(e.getMessage().isBlank());
        }
        assertThrows(Settings.InvalidSettingException.class,
            () -> Settings.of(java.util.Map.of(Settings.DIGEST_SCHEDULE, "daily")).digestSchedule());
        assertEquals("0 0 7 * * *", Settings.of(java.util.Map.of()).digestSchedule());
    }

    /** A random field of {@code min..max}: {@code *}, a number, a range, a step or a list of these. */
    private static String field(Random r, int min, int max, boolean mostlyStar) {
        if (mostlyStar && r.nextInt(3) > 0) {
            return "*";
        }
        int kind = r.nextInt(5);
        int a = min + r.nextInt(max - min + 1);
        int b = a + r.nextInt(max - a + 1);
        return switch (kind) {
            case 0 -> "*";
            case 1 -> Integer.toString(a);
            case 2 -> a + "-" + b;
            case 3 -> (r.nextBoolean() ? "*" : a + "-" + b) + "/" + (1 + r.nextInt(Math.max(1, (max - min) / 2)));
            default -> a + "," + (min + r.nextInt(max - min + 1)) + "," + b;
        };
    }

    /**
     * For every schedule of the time fields and every start: the next occurrence is after the start, matches, and no
     * second between them matches (checked one second at a time).
     */
    @Test
    void propertyNextIsTheFirstMatchingSecondAfterTheStart() {
        Random r = new Random(1407);
        for (int run = 0; run < 150; run++) {
            String expression = field(r, 0, 59, false) + " " + field(r, 0, 59, false) + " " + field(r, 0, 23, true) + " * * *";
            NcrontabSchedule schedule = NcrontabSchedule.parse(expression);
            Instant start = T.plusSeconds(r.nextInt(86_400 * 30)).plusMillis(r.nextInt(1000));
            Instant next = schedule.next(start).orElseThrow(() -> new AssertionError(expression));
            assertTrue(next.isAfter(start), expression);
            assertTrue(schedule.matches(next), expression + " at " + next);
            for (Instant t = start.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1); t.isBefore(next); t = t.plusSeconds(1)) {
                assertFalse(schedule.matches(t), expression + ": " + t + " matches before " + next);
            }
        }
    }

    /** The same for the day fields, a day at a time (at midnight): the next day is the first that matches. */
    @Test
    void propertyNextIsTheFirstMatchingDay() {
        Random r = new Random(2611);
        for (int run = 0; run < 300; run++) {
            String expression = "0 0 0 " + field(r, 1, 31, true) + " " + field(r, 1, 12, true) + " " + field(r, 0, 6, true);
            NcrontabSchedule schedule = NcrontabSchedule.parse(expression);
            LocalDate day = LocalDate.of(2026, 1, 1).plusDays(r.nextInt(800));
            Instant start = day.atStartOfDay().toInstant(ZoneOffset.UTC);
            Optional<Instant> next = schedule.next(start);
            LocalDate d = day.plusDays(1);
            LocalDate limit = day.plusYears(8);
            while (d.isBefore(limit) && !schedule.matches(d.atStartOfDay().toInstant(ZoneOffset.UTC))) {
                d = d.plusDays(1);
            }
            if (d.isBefore(limit)) {
                assertEquals(Optional.of(d.atStartOfDay().toInstant(ZoneOffset.UTC)), next, expression + " after " + day);
            } else {
                assertTrue(next.isEmpty() || !next.get().isBefore(limit.atStartOfDay().toInstant(ZoneOffset.UTC)), expression);
            }
        }
    }

    /** The slot of a run is the occurrence it was for, whether the run came on time, a little late or twice. */
    @Test
    void propertyTheSlotOfARunIsItsOccurrence() {
        Random r = new Random(77);
        for (int run = 0; run < 200; run++) {
            String expression = r.nextInt(5) + " " + field(r, 0, 59, false) + " " + field(r, 0, 23, true) + " * * *";
            NcrontabSchedule schedule = NcrontabSchedule.parse(expression);
            Instant occurrence = schedule.next(T.plusSeconds(r.nextInt(86_400 * 3))).orElseThrow();
            Instant next = schedule.next(occurrence).orElseThrow();
            long late = Math.min(r.nextInt(60_000), next.toEpochMilli() - occurrence.toEpochMilli() - 1);
            assertEquals(occurrence, schedule.slotFor(occurrence.plusMillis(late)), expression + " +" + late + " ms");
        }
    }
}
