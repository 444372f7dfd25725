package com.synapselinkhealth.health;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Deterministic event ids: a name-based UUID of the row, the operation that changed it and the event, so the
 * same callback (a Dataverse retry, the same change over webhook and Service Bus, a second instance) always
 * yields the same id, and flows can drop repeats.
 */
public final class EventIds {
    private EventIds() {
    }

    /**
     * @param operationKey what identifies the operation: Dataverse's OperationId, or for timer-made events a key
     *     naming what the timer saw (e.g. the last sync time that stalled)
     */
    public static String of(String stateTable, UUID rowId, String operationKey, String message, HealthEventName name) {
        String seed = "synapselinkhealth|" + stateTable + "|" + rowId + "|" + operationKey + "|" + message + "|" + name.name();
        return UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
