package com.synapselinkhealth.statetables;

import com.synapselinkhealth.dataverse.Attributes;
import com.synapselinkhealth.dataverse.EntityReference;

/** A {@code synapselinkprofileentity} row: one table chosen for a profile. */
public record ProfileEntity(String entityName, EntityReference profile, Boolean enabled) {

    public static ProfileEntity from(Attributes a) {
        return new ProfileEntity(a.text("entityname"), a.reference("profile"), a.bool("enabled"));
    }
}
