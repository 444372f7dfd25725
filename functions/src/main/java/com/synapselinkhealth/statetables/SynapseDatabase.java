package com.synapselinkhealth.statetables;

import com.synapselinkhealth.dataverse.Attributes;
import com.synapselinkhealth.dataverse.EntityReference;

/** A {@code synapsedatabase} row: the Synapse workspace and lake folder linked to a profile. */
public record SynapseDatabase(String name, String workspaceName, String databaseName, EntityReference dataLakeFolder) {

    public static SynapseDatabase from(Attributes a) {
        return new SynapseDatabase(a.text("name"), a.text("workspacename"), a.text("databasename"),
            a.reference("datalakefolder"));
    }
}
