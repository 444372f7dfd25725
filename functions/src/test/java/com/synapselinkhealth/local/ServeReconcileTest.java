package com.synapselinkhealth.local;

import static com.synapselinkhealth.testing.SynapseLinkTables.CONTACT_STATE;
import static com.synapselinkhealth.testing.SynapseLinkTables.STATES;
import static com.synapselinkhealth.testing.SynapseLinkTables.state;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.azure.core.http.netty.NettyAsyncHttpClientBuilder;
import com.synapselinkhealth.app.LinkHealth;
import com.synapselinkhealth.config.Settings;
import com.synapselinkhealth.health.HealthEvent;
import com.synapselinkhealth.testing.SynapseLinkTables;
import com.synapselinkhealth.webapi.FakeDataverse;
import com.synapselinkhealth.webapi.StaticTokenCredential;
import com.synapselinkhealth.webapi.WebApiDataverseRows;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code serve} runs the reconciliation timer: a failure whose webhook never came is raised, once, by the timer. */
class ServeReconcileTest {
    @Test
    void theTimerRaisesAMissedFailureOnceAndNotAgainOnTheNextRuns() throws Exception {
        List<HealthEvent> seen = new CopyOnWriteArrayList<>();
        try (FakeDataverse dataverse = SynapseLinkTables.loadHealthy(new FakeDataverse());
             LinkHealth app = LinkHealth.inMemory(Settings.of(Map.of()), Clock.systemUTC(), seen::add)) {
            dataverse.put(STATES, "synapselinkprofileentitystateid", state(CONTACT_STATE, "contact", 8, 1001));
            app.useDataverse(WebApiDataverseRows.connect(dataverse.url(), new StaticTokenCredential("token"),
                new NettyAsyncHttpClientBuilder().build()));
            LocalServer server = new LocalServer(app, "127.0.0.1", 0, null, 0).start();
            try {
                server.reconcileEvery(1);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (dataverse.requestsOf(STATES).size() < 3 && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                Thread.sleep(200);
            } finally {
                server.close();
            }
            assertEquals(true, dataverse.requestsOf(STATES).size() >= 3, "the timer ran at least three times");
            assertEquals(List.of("TableSyncFailed"), seen.stream().map(e -> e.name().name()).toList());
        }
    }
}
