package com.synapselinkhealth.history;

/**
 * Dataverse's order of a row's versions: by {@code versionnumber} when both have one, else by {@code modifiedon}
 * (a Create before an Update of the same instant); a Delete after every other version. Two versions that carry
 * neither are not ordered: the later arrival is put after.
 */
final class VersionOrder {
    private VersionOrder() {
    }

    /** Whether {@code a} is known to come strictly after {@code b}. */
    static boolean isAfter(ChangeVersion a, ChangeVersion b) {
        if (a.isDelete() || b.isDelete()) {
            return a.isDelete() && !b.isDelete();
        }
        if (a.versionNumber() != null && b.versionNumber() != null) {
            return a.versionNumber() > b.versionNumber();
        }
        if (a.modifiedOn() != null && b.modifiedOn() != null) {
            int byTime = a.modifiedOn().compareTo(b.modifiedOn());
            if (byTime != 0) {
                return byTime > 0;
            }
            return b.message().isCreate() && !a.message().isCreate();
        }
        return false;
    }

    /** Whether the two are the same row version read twice (the same {@code versionnumber}). */
    static boolean isSameVersion(ChangeVersion a, ChangeVersion b) {
        return !a.isDelete() && !b.isDelete() && a.versionNumber() != null && a.versionNumber().equals(b.versionNumber());
    }
}
