package com.synapselinkhealth.health;

import static com.synapselinkhealth.testing.CallbackBuilder.ref;
import static com.synapselinkhealth.testing.SynapseLink.PROFILE_ID;
import static com.synapselinkhealth.testing.SynapseLink.external;
import static com.synapselinkhealth.testing.SynapseLink.profileState;
import static com.synapselinkhealth.testing.SynapseLink.sync;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.synapselinkhealth.statetables.StateTable;
import com.synapselinkhealth.testing.CallbackBuilder;
import com.synapselinkhealth.testing.Pipeline;
import com.synapselinkhealth.testing.SynapseLink;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Profile name: the profile row's own name, else the lookup's name, else null; Delta Lake rows name the workspace. */
class ProfileNameTest {
    private final Pipeline pipeline = new Pipeline();

    private HealthEvent tableFailed(Object profileLookup) {
        return pipeline.events(CallbackBuilder.update(StateTable.PROFILE_ENTITY_STATE, UUID.randomUUID())
            .target("syncstate", sync(8)).preImage("syncstate", sync(2))
            .unchanged("entityname", "contact").unchanged("profile", profileLookup)).get(0);
    }

    @Test
    void theProfileRowsOwnNameWhenItWasSeen() {
        pipeline.process(SynapseLink.profileCreated(profileState(1)));
        HealthEvent e = tableFailed(ref("synapselinkprofile", PROFILE_ID, "Old name on the lookup"));
        assertEquals("Contoso Lake", e.profileName());
        assertEquals(PROFILE_ID, e.profileId());
    }

    @Test
    void theLookupsNameWhenTheProfileRowWasNotSeen() {
        HealthEvent e = tableFailed(ref("synapselinkprofile", PROFILE_ID, "Contoso Lake (lookup)"));
        assertEquals("Contoso Lake (lookup)", e.profileName());
        assertEquals(PROFILE_ID, e.profileId());
    }

    @Test
    void nullWhenNothingNamesIt() {
        HealthEvent e = tableFailed(ref("synapselinkprofile", PROFILE_ID));
        assertNull(e.profileName());
        assertEquals(PROFILE_ID, e.profileId());
        assertTrue(e.summary().contains("profile " + PROFILE_ID), e.summary());
        HealthEvent noLookup = tableFailed(null);
        assertNull(noLookup.profileName());
        assertNull(noLookup.profileId());
        assertTrue(noLookup.summary().contains("an unknown profile"), noLookup.summary());
    }

    @Test
    void aRenamedProfileIsNamedByItsNewName() {
        pipeline.process(SynapseLink.profileCreated(profileState(1)));
        HealthEvent e = pipeline.events(CallbackBuilder.update(StateTable.PROFILE, PROFILE_ID).target("name", "Contoso Lakehouse")
            .target("profilestate", profileState(2)).preImage("name", "Contoso Lake").preImage("profilestate", profileState(1))).get(0);
        assertEquals("Contoso Lakehouse", e.profileName());
        assertEquals("Contoso Lakehouse", tableFailed(ref("synapselinkprofile", PROFILE_ID)).profileName());
    }

    @Test
    void deltaLakeRowsAreNamedByTheirWorkspace() {
        pipeline.process(SynapseLink.profileCreated(profileState(1)));
        HealthEvent e = pipeline.events(CallbackBuilder.update(StateTable.EXTERNAL_TABLE_STATE, UUID.randomUUID())
            .target("tablestate", external(2)).preImage("tablestate", external(1)).unchanged("entityname", "incident")
            .unchanged("synapseworkspacename", "contoso-synapse-ws").unchanged("datalakefolder", SynapseLink.lakeFolder())).get(0);
        assertEquals("contoso-synapse-ws", e.profileName());
        assertEquals(PROFILE_ID, e.profileId());
    }
}
