package com.synapselinkhealth.statetables;

import com.synapselinkhealth.dataverse.Attributes;
import java.time.Instant;

/**
 * How new a row's data is: {@code versionnumber} when known, else {@code modifiedon}.
 */
public record RowVersion(Long versionNumber, Instant modifiedOn) {

    public static RowVersion of(Attributes a) {
        return new RowVersion(a.wholeNumber("versionnumber"), a.instant("modifiedon"));
    }

    /** Whether this data is strictly older than {@code known}; when they can't be compared, it isn't. */
    public boolean isOlderThan(RowVersion known) {
        if (versionNumber != null && known.versionNumber != null) {
            return versionNumber < known.versionNumber;
        }
        if (modifiedOn != null && known.modifiedOn != null) {
            return modifiedOn.isBefore(known.modifiedOn);
        }
        return false;
    }
}
