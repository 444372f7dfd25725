package com.synapselinkhealth.azure.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.synapselinkhealth.store.DeadLetter;
import com.synapselinkhealth.store.DeadLetterStore;
import com.synapselinkhealth.store.DeadLetterStoreContract;
import com.synapselinkhealth.testing.Azurite;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(Azurite.class)
class AzureDeadLetterStoreTest extends DeadLetterStoreContract {
    @Override
    protected DeadLetterStore newStore() {
        return new TableDeadLetterStore(Azurite.tables(), Azurite.freshTableNames());
    }

    @Test
    void aBodyPastOneEntityIsCutAndItsSizeKept() {
        String body = "ab\uD83D\uDE00cd".repeat(300_000);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 0; i < 40; i++) {
            headers.put("x-header-" + i, "v".repeat(5_000));
        }
        DeadLetter huge = new DeadLetter("huge", DeadLetterStoreContract.letter("x", 0, "").at(), "webhook", "too-large",
            "d".repeat(100_000), 1, "application/json", headers, body, 8L * 300_000);
        store.put(huge);

        DeadLetter read = store.recent(1).get(0);
        assertTrue(read.body().length() > 100_000 && read.body().length() < body.length(), "kept " + read.body().length());
        assertTrue(body.startsWith(read.body()), "the kept body is the start of the body");
        assertTrue(!Character.isHighSurrogate(read.body().charAt(read.body().length() - 1)), "cut between characters");
        assertEquals(huge.bodyBytes(), read.bodyBytes());
        assertEquals(TableDeadLetterStore.MAX_DETAIL_CHARS, read.detail().length());
        assertTrue(read.headers().size() < headers.size() && !read.headers().isEmpty());
        read.headers().values().forEach(v -> assertEquals(TableDeadLetterStore.MAX_HEADER_CHARS, v.length()));
    }
}
