package com.synapselinkhealth.statetables;

import static com.synapselinkhealth.statetables.ProfileEntityState.choice;

import com.synapselinkhealth.dataverse.Attributes;
import com.synapselinkhealth.dataverse.EntityReference;


/** A {@code synapselinkprofile} row: one Azure Synapse Link (one per link to a lake). */
public record Profile(String name, Choice profileState, Choice profileType, EntityReference dataLakeFolder) {

    public static Profile from(Attributes a) {
        return new Profile(a.text("name"), choice(a, "profilestate", ChoiceSet.PROFILE_STATE),
            choice(a, "profiletype", ChoiceSet.PROFILE_TYPE), a.reference("datalakefolder"));
    }
}
