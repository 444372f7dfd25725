package com.synapselinkhealth.functions;

import static com.synapselinkhealth.testing.SynapseLinkTables.CONTACT_STATE;
import static com.synapselinkhealth.testing.SynapseLinkTables.EXTERNAL_STATES;
import static com.synapselinkhealth.testing.SynapseLinkTables.STATES;
import static com.synapselinkhealth.testing.SynapseLinkTables.state;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.core.http.netty.NettyAsyncHttpClientBuilder;
import com.synapselinkhealth.app.EntryPoints;
import com.synapselinkhealth.app.LinkHealth;
import com.synapselinkhealth.config.Settings;
import com.synapselinkhealth.health.HealthEvent;
import com.synapselinkhealth.health.HealthEventName;
import com.synapselinkhealth.local.host.LocalExecutionContext;
import com.synapselinkhealth.local.host.LocalHttpRequest;
import com.synapselinkhealth.local.host.LocalOutputBinding;
import com.synapselinkhealth.testing.FakeTokenCredential;
import com.synapselinkhealth.testing.SynapseLinkTables;
import com.synapselinkhealth.testing.TestClock;
import com.synapselinkhealth.webapi.FakeDataverse;
import com.synapselinkhealth.webapi.WebApiDataverseRows;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The reconciliation timer called directly, as the host would on its schedule. */
class ReconcileTimerFunctionTest {
    private static final Instant NOW = Instant.parse("2024-06-03T10:00:00Z");

    private static String text(LocalExecutionContext context) {
        return context.records().stream().map(r -> r.getLevel() + " " + r.getMessage()).collect(Collectors.joining("\n"));
    }

    @Test
    void withoutAnEnvironmentItSaysSoAndReturns() {
        LinkHealth app = LinkHealth.inMemory(Settings.of(Map.of()), new TestClock(NOW), e -> { });
        LocalExecutionContext context = LocalExecutionContext.recording("ReconcileTimer");
        EntryPoints.of(app).create(ReconcileTimerFunction.class).run("{}", context);
        assertTrue(text(context).contains("Reconciliation is off: DATAVERSE_ENVIRONMENT_URL is not set."), text(context));
        assertTrue(app.reconciler().isEmpty());
    }

    @Test
    void raisesAMissedFailureOnceDeliversItAndLogsWhatItRead() throws Exception {
        List<HealthEvent> published = new ArrayList<>();
        try (FakeDataverse dataverse = SynapseLinkTables.loadHealthy(new FakeDataverse())) {
            dataverse.put(STATES, "synapselinkprofileentitystateid", state(CONTACT_STATE, "contact", 8, 1001));
            dataverse.forbid(EXTERNAL_STATES);
            LinkHealth app = LinkHealth.inMemory(Settings.of(Map.of()), new TestClock(NOW), published::add)
                .useDataverse(WebApiDataverseRows.connect(dataverse.url(), new FakeTokenCredential(),
                    new NettyAsyncHttpClientBuilder().build()));
            ReconcileTimerFunction timer = EntryPoints.of(app).create(ReconcileTimerFunction.class);

            LocalExecutionContext first = LocalExecutionContext.recording("ReconcileTimer");
            timer.run("{}", first);
            LocalExecutionContext second = LocalExecutionContext.recording("ReconcileTimer");
            timer.run("{}", second);

            assertEquals(List.of(HealthEventName.TableSyncFailed), published.stream().map(HealthEvent::name).toList());
            assertTrue(text(first).contains("SEVERE Reconciliation could not read synapselinkexternaltablestate: The "
                + "application user lacks the privilege"), text(first));
            assertTrue(text(first).contains("synapselinkprofileentitystate 1 row"), text(first));
            assertTrue(text(first).contains("1 event."), text(first));
            assertTrue(text(second).contains("0 events."), text(second));
            assertTrue(first.records().stream().anyMatch(r -> r.getLevel() == Level.WARNING), "incomplete run is a warning");
            assertFalse(text(first).contains(FakeTokenCredential.TOKEN));
        }
    }

    @Test
    void aBadEnvironmentSettingStopsStartUpWithAClearMessage() {
        Settings.InvalidSettingException e = assertThrows(Settings.InvalidSettingException.class,
            () -> LinkHealth.inMemory(Settings.of(Map.of(Settings.DATAVERSE_ENVIRONMENT_URL, "contoso.crm.dynamics.com")),
                new TestClock(NOW), x -> { }));
        assertTrue(e.getMessage().startsWith("Setting DATAVERSE_ENVIRONMENT_URL is 'contoso.crm.dynamics.com'; it must be "
            + "an https environment address like https://contoso.crm.dynamics.com"), e.getMessage());
    }

    @Test
    void theReaderIsOpenedOnFirstNeedNotForAWebhookNorForACompleteCallback() {
        LinkHealth app = LinkHealth.inMemory(Settings.of(Map.of(Settings.DATAVERSE_ENVIRONMENT_URL,
            "https://contoso.crm.dynamics.com", Settings.DATAVERSE_ACCESS_TOKEN, "tok")), new TestClock(NOW), e -> { });
        LocalExecutionContext webhook = LocalExecutionContext.recording("DataverseWebhook");
        LocalOutputBinding<String> queue = new LocalOutputBinding<>();
        EntryPoints.of(app).create(DataverseWebhookFunction.class).run(LocalHttpRequest.post(URI.create(
                "https://linkhealth.example.net/api/dataverse/webhook"))
            .json(Callbacks.tableSyncFailed().build()).build(), queue, webhook);
        assertFalse(app.isDataverseOpen(), "accepting a webhook opens nothing");
        EntryPoints.of(app).create(IngestQueueFunction.class)
            .run(queue.getValue(), 1, LocalExecutionContext.recording("ProcessIngestQueue"));
        assertFalse(app.isDataverseOpen(), "a callback with its images needs no read");

        assertTrue(app.dataverse().isPresent());
        assertTrue(app.isDataverseOpen());
        assertEquals("contoso.crm.dynamics.com", app.dataverse().get().organization());
    }
}
