package com.synapselinkhealth.dataverse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WcfDateTest {
    @Test
    void readsMillisecondsAsUtcWithOrWithoutAnOffsetSuffix() {
        Instant expected = Instant.parse("2023-10-17T07:00:00Z");
        assertEquals(expected, WcfDate.parse("/Date(1697526000000)/").orElseThrow());
        assertEquals(expected, WcfDate.parse("/Date(1697526000000+0200)/").orElseThrow());
        assertEquals(expected, WcfDate.parse("/Date(1697526000000-0700)/").orElseThrow());
        assertEquals(Instant.ofEpochMilli(-5000), WcfDate.parse("/Date(-5000)/").orElseThrow());
        assertEquals(Instant.EPOCH, WcfDate.parse("/Date(0)/").orElseThrow());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/Date()/", "/Date(abc)/", "/Date(12a4)/", "/Date(1697526000000)", "Date(1697526000000)/",
        "/Date(1697526000000+02)/", "/Date(1697526000000+020a)/", "/Date(-)/", "/Date(--5)/", "/Date(1234567890123456789)/",
        "/Date(+1697526000000)/", "/Date(1697526000000 )/", "/Date(\u0661\u0662)/"})
    void refusesMalformedForms(String text) {
        assertTrue(WcfDate.parse(text).isEmpty(), text);
    }

    @Test
    void writesTheFormItReads() {
        Instant t = Instant.parse("2024-06-03T09:26:41.377Z");
        assertEquals(t, WcfDate.parse(WcfDate.format(t)).orElseThrow());
    }
}
