package com.synapselinkhealth.dataverse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GuidsTest {
    @ParameterizedTest
    @ValueSource(strings = {"9d3e4f51-4e5f-ef11-9f89-000d3a4a5b6c", "9D3E4F51-4E5F-EF11-9F89-000D3A4A5B6C",
        "{9d3e4f51-4e5f-ef11-9f89-000d3a4a5b6c}"})
    void readsDataverseForms(String text) {
        assertEquals(UUID.fromString("9d3e4f51-4e5f-ef11-9f89-000d3a4a5b6c"), Guids.parse(text).orElseThrow());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not-a-guid", "9d3e4f51-4e5f-ef11-9f89-000d3a4a5b6", "9d3e4f51-4e5f-ef11-9f89-000d3a4a5b6cc",
        "9d3e4f514e5fef119f89000d3a4a5b6c", "9d3e4f51-4e5f-ef11-9f89_000d3a4a5b6c", "9d3e4f51-4e5f-ef11-9f89-000d3a4a5b6g",
        "{9d3e4f51-4e5f-ef11-9f89-000d3a4a5b6c", "9d3e4f51-4e5f-ef11-9f89-000d3a4a5b\u0663c",
        "9d3e4f51-4e5f-ef11-9f89-000d3a4a5b\uff21c", "+d3e4f51-4e5f-ef11-9f89-000d3a4a5b6c"})
    void refusesAnythingElse(String text) {
        assertTrue(Guids.parse(text).isEmpty(), text);
    }
}
