package com.synapselinkhealth.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueueTimingsTest {
    private static QueueTimings of(Map<String, String> values) {
        return QueueTimings.from(Settings.of(values));
    }

    @Test
    void defaultsHideAMessageTwoMinutesAndHoldAClaimOne() {
        QueueTimings t = of(Map.of());
        assertEquals(Duration.ofSeconds(120), t.visibility());
        assertEquals(Duration.ofSeconds(60), t.lease());
        assertEquals(Duration.ofSeconds(30), t.retryDelay(), "host.json's visibilityTimeout");
        assertFalse(t.holdQueues());
    }

    @Test
    void theLeaseEndsBeforeTheMessageComesBackAndBeforeTheHostsTenMinutes() {
        assertEquals(Duration.ofSeconds(2), of(Map.of(QueueTimings.VISIBILITY_SECONDS, "4")).lease());
        assertEquals(Duration.ofSeconds(4), of(Map.of(QueueTimings.VISIBILITY_SECONDS, "4")).retryDelay());
        assertEquals(Duration.ofMinutes(5), of(Map.of(QueueTimings.VISIBILITY_SECONDS, "1200")).lease());
    }

    @Test
    void holdingTheQueuesIsAnExplicitTestSetting() {
        assertTrue(of(Map.of(QueueTimings.HOLD_QUEUES, "true")).holdQueues());
        assertFalse(of(Map.of(QueueTimings.HOLD_QUEUES, "yes")).holdQueues());
    }

    @Test
    void aVisibilityOutOfRangeIsASettingError() {
        for (String bad : new String[] {"1", "1201", "ten", "-5"}) {
            assertThrows(Settings.InvalidSettingException.class, () -> of(Map.of(QueueTimings.VISIBILITY_SECONDS, bad)), bad);
        }
    }
}
