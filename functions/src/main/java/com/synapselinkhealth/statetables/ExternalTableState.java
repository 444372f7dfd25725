package com.synapselinkhealth.statetables;

import static com.synapselinkhealth.statetables.ProfileEntityState.choice;

import com.synapselinkhealth.dataverse.Attributes;
import com.synapselinkhealth.dataverse.EntityReference;
import java.time.Instant;

/**
 * A {@code synapselinkexternaltablestate} row: one table's Delta Lake (Synapse/Fabric) side. Only Delta Lake
 * profiles have these rows. The workspace name is the profile's name.
 */
public record ExternalTableState(
    String entityName,
    String synapseWorkspaceName,
    String synapseDatabaseName,
    EntityReference dataLakeFolder,
    Choice tableState,
    Choice lastSyncState,
    Choice lakehouseShortcutState,
    Instant lastSynchronizedOn,
    Long recordCount,
    Long sourceRecordCount) {

    public static ExternalTableState from(Attributes a) {
        return new ExternalTableState(
            a.text("entityname"), a.text("synapseworkspacename"), a.text("synapsedatabasename"),
            a.reference("datalakefolder"),
            choice(a, "tablestate", ChoiceSet.EXTERNAL_TABLE_STATE),
            choice(a, "lastsyncstate", ChoiceSet.EXTERNAL_TABLE_STATE),
            choice(a, "lakehouseshortcutstate", ChoiceSet.EXTERNAL_TABLE_STATE),
            a.instant("lastsynchronizedon"), a.wholeNumber("recordcount"), a.wholeNumber("sourcerecordcount"));
    }
}
