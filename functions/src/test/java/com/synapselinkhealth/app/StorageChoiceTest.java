package com.synapselinkhealth.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.synapselinkhealth.config.Settings;
import com.synapselinkhealth.dataverse.TransportHints;
import com.synapselinkhealth.health.EventPublisher;
import com.synapselinkhealth.health.HealthEventName;
import com.synapselinkhealth.ingest.IntakeResult;
import com.synapselinkhealth.ingest.ProcessingResult;
import com.synapselinkhealth.statetables.StateTable;
import com.synapselinkhealth.store.EventQuery;
import com.synapselinkhealth.testing.Azurite;
import com.synapselinkhealth.testing.CallbackBuilder;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(Azurite.class)
class StorageChoiceTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-06-03T10:00:00Z"), ZoneOffset.UTC);

    @Test
    void withoutStorageSettingsTheStoresAreInMemory() {
        try (LinkHealth app = LinkHealth.fromSettings(Settings.of(Map.of()), CLOCK, EventPublisher.NONE, false)) {
            assertFalse(app.isDurable());
        }
    }

    @Test
    void aBadTablePrefixIsASettingError() {
        Settings settings = Settings.of(Map.of("AzureWebJobsStorage", Azurite.connectionString(),
            "LINKHEALTH_TABLE_PREFIX", "9-bad"));
        assertThrows(Settings.InvalidSettingException.class,
            () -> LinkHealth.fromSettings(settings, CLOCK, EventPublisher.NONE, false));
    }

    @Test
    void withAzureWebJobsStorageTheStateOutlivesTheInstance() {
        Settings settings = Settings.of(Map.of("AzureWebJobsStorage", Azurite.connectionString(),
            "LINKHEALTH_TABLE_PREFIX", "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)));
        UUID row = UUID.randomUUID();
        byte[] syncing = CallbackBuilder.update(StateTable.PROFILE_ENTITY_STATE, row).target("entityname", "contact")
            .target("syncstate", CallbackBuilder.option(2)).build();
        byte[] failed = CallbackBuilder.update(StateTable.PROFILE_ENTITY_STATE, row)
            .target("syncstate", CallbackBuilder.option(8)).build();
        try (LinkHealth first = LinkHealth.fromSettings(settings, CLOCK, EventPublisher.NONE, false)) {
            assertTrue(first.isDurable());
            assertEquals(List.of(), process(first, syncing).events());
        }
        try (LinkHealth restarted = LinkHealth.fromSettings(settings, CLOCK, EventPublisher.NONE, false)) {
            ProcessingResult result = process(restarted, failed);
            assertEquals(List.of(HealthEventName.TableSyncFailed), result.events().stream().map(e -> e.name()).toList());
            assertEquals("InProgress", result.events().get(0).previousState(), "judged against the state the first instance saved");
            assertEquals(ProcessingResult.Outcome.DUPLICATE, process(restarted, failed).outcome());
            assertEquals(1, restarted.stores().events().query(EventQuery.latest(10)).size());
        }
    }

    private static ProcessingResult process(LinkHealth app, byte[] body) {
        IntakeResult result = app.intake().accept("test", body, "application/json", Map.of(), TransportHints.NONE);
        return app.processor().process(((IntakeResult.Accepted) result).change());
    }
}
