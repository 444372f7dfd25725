package com.synapselinkhealth.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.synapselinkhealth.app.Policies;
import com.synapselinkhealth.config.Settings;
import com.synapselinkhealth.delivery.http.CallbackSender;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The waits between delivery attempts: backoff, jitter, Retry-After, giving up; and Retry-After parsing. */
class RetryScheduleTest {
    private static final DoubleSupplier MIDDLE = () -> 0.5;
    private static final DoubleSupplier LOWEST = () -> 0.0;
    private static final DoubleSupplier HIGHEST = () -> Math.nextDown(1.0);

    @Test
    void theDefaultIsNineAttemptsOverAboutADay() {
        RetrySchedule d = RetrySchedule.DEFAULT;
        assertEquals(9, d.maxAttempts());
        assertEquals(List.of(Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMinutes(2), Duration.ofMinutes(10),
            Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(6), Duration.ofHours(12)), d.delays());
        for (int made = 1; made <= 8; made++) {
            assertEquals(d.delays().get(made - 1), d.next(made, null, MIDDLE), "after attempt " + made);
        }
        assertNull(d.next(9, null, MIDDLE), "nine attempts made: give up");
        assertEquals(RetrySchedule.DEFAULT.delays(), Policies.from(Settings.of(Map.of())).retrySchedule().delays());
    }

    @Test
    void jitterStaysWithinTwentyPercent() {
        Random random = new Random(42);
        for (int made = 1; made <= 8; made++) {
            long base = RetrySchedule.DEFAULT.delays().get(made - 1).toMillis();
            assertEquals(Math.round(base * 0.8), RetrySchedule.DEFAULT.next(made, null, LOWEST).toMillis());
            long highest = RetrySchedule.DEFAULT.next(made, null, HIGHEST).toMillis();
            assertTrue(highest <= Math.round(base * 1.2) && highest > base, "highest " + highest + " of " + base);
            for (int i = 0; i < 200; i++) {
                long ms = RetrySchedule.DEFAULT.next(made, null, random::nextDouble).toMillis();
                assertTrue(ms >= Math.round(base * 0.8) && ms <= Math.round(base * 1.2),
                    ms + " ms is outside ±20 % of " + base);
            }
        }
    }

    @Test
    void jitterSpreadsTheWaits() {
        Random random = new Random(7);
        long distinct = java.util.stream.IntStream.range(0, 50)
            .mapToObj(i -> RetrySchedule.DEFAULT.next(1, null, random::nextDouble)).distinct().count();
        assertTrue(distinct > 10, "only " + distinct + " distinct waits out of 50");
    }

    @Test
    void aLongerRetryAfterWinsAndAShorterOneLoses() {
        RetrySchedule d = RetrySchedule.DEFAULT;
        assertEquals(Duration.ofSeconds(60), d.next(1, Duration.ofSeconds(60), MIDDLE), "5 s asked to wait 60 s");
        assertEquals(Duration.ofMinutes(2), d.next(3, Duration.ofSeconds(1), MIDDLE), "2 min is not cut to 1 s");
        assertEquals(Duration.ofMillis(4000), d.next(1, Duration.ofMillis(3999), LOWEST),
            "the jittered wait (4 s) beats a shorter Retry-After (3.999 s)");
        assertEquals(Duration.ofMillis(4001), d.next(1, Duration.ofMillis(4001), LOWEST));
        assertEquals(Duration.ofSeconds(5), d.next(1, Duration.ZERO, MIDDLE), "Retry-After: 0 does not hurry");
    }

    @Test
    void retryAfterIsCappedAtOneDay() {
        assertEquals(Duration.ofDays(1), RetrySchedule.DEFAULT.next(1, Duration.ofDays(30), MIDDLE));
        assertEquals(Duration.ofDays(1), RetrySchedule.DEFAULT.next(8, Duration.ofSeconds(Long.MAX_VALUE / 2), MIDDLE));
        assertEquals(Duration.ofHours(23), RetrySchedule.DEFAULT.next(1, Duration.ofHours(23), MIDDLE));
    }

    @Test
    void thereIsNoWaitAfterTheLastAttemptOrBeforeTheFirst() {
        RetrySchedule s = RetrySchedule.parse("50ms,50ms,50ms");
        assertEquals(4, s.maxAttempts());
        assertNotNull(s.next(3, null, MIDDLE));
        assertNull(s.next(4, null, MIDDLE));
        assertNull(s.next(4, Duration.ofSeconds(1), MIDDLE), "a Retry-After does not add attempts");
        assertNull(s.next(0, null, MIDDLE));
        assertNull(s.next(-1, null, MIDDLE));
        assertEquals(1, RetrySchedule.parse("").maxAttempts(), "no delays: one attempt, no retries");
    }

    @Test
    void parsesUnits() {
        assertEquals(List.of(Duration.ofMillis(50), Duration.ofSeconds(5), Duration.ofMinutes(2), Duration.ofHours(1),
                Duration.ofDays(1), Duration.ofSeconds(30)),
            RetrySchedule.parse(" 50ms, 5s ,2M,1h,1d,,30S ").delays());
        assertEquals(Duration.ZERO, RetrySchedule.parse("0s").delays().get(0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"5", "5x", "abc", "ms", "s", "5 s", "1.5s", "5s,oops", "-5s", "PT5S", "99999999999999999999s"})
    void refusesWhatIsNotADelay(String text) {
        assertThrows(IllegalArgumentException.class, () -> RetrySchedule.parse(text));
    }

    @Test
    void aBadSettingNamesTheSetting() {
        Settings settings = Settings.of(Map.of(Settings.DELIVERY_RETRY_SCHEDULE, "5s,soon"));
        Settings.InvalidSettingException e = assertThrows(Settings.InvalidSettingException.class,
            () -> Policies.from(settings));
        assertTrue(e.getMessage().contains(Settings.DELIVERY_RETRY_SCHEDULE), e.getMessage());
        assertEquals(List.of(Duration.ofMillis(100), Duration.ofMillis(100)),
            Policies.from(Settings.of(Map.of(Settings.DELIVERY_RETRY_SCHEDULE, "100ms,100ms"))).retrySchedule().delays());
    }

    @Test
    void retryAfterIsReadAsSecondsOrAnHttpDate() {
        assertEquals(Duration.ofSeconds(120), CallbackSender.retryAfter("120"));
        assertEquals(Duration.ofSeconds(1), CallbackSender.retryAfter(" 1 "));
        assertEquals(Duration.ZERO, CallbackSender.retryAfter("0"));
        assertNull(CallbackSender.retryAfter(null));
        assertNull(CallbackSender.retryAfter(""));
        assertNull(CallbackSender.retryAfter("-5"));
        assertNull(CallbackSender.retryAfter("soon"));
        String inAnHour = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusHours(1));
        Duration d = CallbackSender.retryAfter(inAnHour);
        assertNotNull(d);
        assertTrue(d.compareTo(Duration.ofMinutes(58)) > 0 && d.compareTo(Duration.ofMinutes(61)) < 0, d.toString());
        assertEquals(Duration.ZERO, CallbackSender.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT"), "a date in the past");
    }
}
