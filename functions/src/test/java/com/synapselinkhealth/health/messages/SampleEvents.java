package com.synapselinkhealth.health.messages;

import com.synapselinkhealth.health.HealthEvent;
import com.synapselinkhealth.health.HealthEventName;
import java.time.Instant;
import java.util.UUID;

/** Health events for the message tests, with names that try to break out of their format. */
public final class SampleEvents {
    public static final String HOSTILE_PROFILE = "<script>alert(\"x\")</script> & 'Contoso' *Lake* _ü_ [x](https://evil.example) #1";
    public static final String HOSTILE_TABLE = "new_`tick`|pipe\\back<b>";

    private SampleEvents() {
    }

    public static HealthEvent of(HealthEventName name, String profile, String table) {
        return new HealthEvent(UUID.nameUUIDFromBytes((name + profile + table).getBytes()).toString(), name,
            Instant.parse("2026-11-20T09:14:05Z"), "contoso", profile,
            UUID.fromString("0a4c5e1f-2b3d-ef11-9f89-000d3a4a5b6c"), table, name.stateTable().logicalName(),
            "InProgress", "CompletedWithFailures", Instant.parse("2026-11-20T08:59:00Z"), 120345L, 120512L,
            UUID.fromString("6f1f5b1e-2a3c-4d5e-8f90-1a2b3c4d5e6f"), UUID.fromString("11111111-2a3c-4d5e-8f90-1a2b3c4d5e6f"),
            null, "Sync of table " + table + " in profile " + profile + " failed at 2026-11-20 09:14 UTC (was InProgress).");
    }

    /** A profile-level event with no table and nothing optional known. */
    public static HealthEvent bare(HealthEventName name) {
        return new HealthEvent("e-" + name, name, Instant.parse("2026-11-20T09:14:05Z"), null, null, null, null,
            name.stateTable().logicalName(), null, null, null, null, null,
            UUID.fromString("6f1f5b1e-2a3c-4d5e-8f90-1a2b3c4d5e6f"), null, null, "Something happened.");
    }
}
