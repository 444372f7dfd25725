package com.synapselinkhealth.functions;

import static com.synapselinkhealth.testing.CallbackBuilder.option;

import com.synapselinkhealth.statetables.StateTable;
import com.synapselinkhealth.testing.CallbackBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/** Webhook bodies the entry-point tests share: one good state-table change and ways to spoil it. */
final class Callbacks {
    static final UUID ROW = UUID.fromString("e3b1f2a4-5c6d-ef11-9f89-000d3a4a5b6c");
    static final UUID PROFILE = UUID.fromString("5a1e0c3b-7d2f-ef11-9f89-000d3a4a5b6c");
    static final UUID OPERATION = UUID.fromString("0f2d7b7e-1a4c-4c4e-9a5b-2f7f0e6f3a11");
    static final Instant MODIFIED = Instant.parse("2024-06-03T09:29:58Z");

    private Callbacks() {
    }

    /** {@code contact} went from InProgress (2) to CompletedWithFailures (8): one TableSyncFailed. */
    static CallbackBuilder tableSyncFailed() {
        return CallbackBuilder.update(StateTable.PROFILE_ENTITY_STATE, ROW)
            .operationId(OPERATION)
            .target("syncstate", option(8))
            .target("modifiedon", MODIFIED)
            .target("versionnumber", 1_000_002L)
            .preImage("syncstate", option(2))
            .unchanged("entityname", "contact")
            .unchanged("profile", CallbackBuilder.ref("synapselinkprofile", PROFILE, "lake-prod"))
            .unchanged("lastsynceddatatime", Instant.parse("2024-06-03T08:00:00Z"));
    }

    /** A row of a table that is not one of the six. */
    static CallbackBuilder account() {
        return CallbackBuilder.of("Update", "account", UUID.fromString("7d5e2f3a-1b2c-ef11-9f89-000d3a4a5b6c"))
            .target("name", "Contoso Ltd")
            .preImage("name", "Contoso");
    }

    /** The good body with one more top-level member, given as raw JSON text. */
    static byte[] withMember(String name, String rawValue) {
        String body = tableSyncFailed().buildString();
        return utf8(body.substring(0, body.length() - 1) + ",\"" + name + "\":" + rawValue + "}");
    }

    /** The good body with a broken two-byte sequence (0xC3 0x28) inside a string. */
    static byte[] invalidUtf8() {
        String body = tableSyncFailed().target("name", "PLACEHOLDER").buildString();
        int at = body.indexOf("PLACEHOLDER");
        byte[] head = utf8(body.substring(0, at));
        byte[] tail = utf8(body.substring(at + "PLACEHOLDER".length()));
        byte[] out = new byte[head.length + 2 + tail.length];
        System.arraycopy(head, 0, out, 0, head.length);
        out[head.length] = (byte) 0xC3;
        out[head.length + 1] = (byte) 0x28;
        System.arraycopy(tail, 0, out, head.length + 2, tail.length);
        return out;
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
