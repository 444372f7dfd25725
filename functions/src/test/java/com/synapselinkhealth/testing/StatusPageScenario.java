package com.synapselinkhealth.testing;

import static com.synapselinkhealth.testing.CallbackBuilder.ref;
import static com.synapselinkhealth.testing.SynapseLink.profileState;
import static com.synapselinkhealth.testing.SynapseLink.sync;

import com.synapselinkhealth.app.LinkHealth;
import com.synapselinkhealth.dataverse.TransportHints;
import com.synapselinkhealth.dataverse.json.RemoteExecutionContextParser;
import com.synapselinkhealth.statetables.StateTable;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The state the status page tests show: {@link StatusScenario} (Contoso Lake with a failing, a paused, a stalled and
 * healthy tables; the healthy Fabric Link; the suspended archive) plus a profile whose name and table name try to
 * break out of HTML ({@code <script>}, quotes, ampersands) and carry non-ASCII letters, with one failing table.
 */
public final class StatusPageScenario {
    public static final UUID HOSTILE_ID = UUID.fromString("2e0f1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b");
    public static final String HOSTILE_PROFILE = "<script>alert(\"pwned\")</script> & 'Ünïcødé' Lake";
    public static final String HOSTILE_TABLE = "new_\"quoted\"&<b>bold</b>";

    private StatusPageScenario() {
    }

    public static void seed(Consumer<CallbackBuilder> process) {
        StatusScenario.seed(process);
        process.accept(CallbackBuilder.create(StateTable.PROFILE, HOSTILE_ID)
            .target("name", HOSTILE_PROFILE).target("profilestate", profileState(1)));
        process.accept(CallbackBuilder.update(StateTable.PROFILE_ENTITY_STATE, StatusScenario.id("hostile table"))
            .unchanged("entityname", HOSTILE_TABLE)
            .unchanged("profile", ref(StateTable.PROFILE.logicalName(), HOSTILE_ID, HOSTILE_PROFILE))
            .preImage("syncstate", sync(2)).target("syncstate", sync(8))
            .target("lastsynceddatatime", StatusScenario.NOW.minus(Duration.ofMinutes(3)))
            .target("modifiedon", StatusScenario.NOW.minus(Duration.ofMinutes(2))));
    }

    /** Runs the scenario's callbacks through the app's parser and processor. */
    public static void seed(LinkHealth app) {
        RemoteExecutionContextParser parser = new RemoteExecutionContextParser();
        seed(callback -> app.processor().process(parser.parse(callback.build(), TransportHints.NONE)));
    }
}
