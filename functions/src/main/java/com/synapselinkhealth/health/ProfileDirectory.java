package com.synapselinkhealth.health;

import java.util.Optional;
import java.util.UUID;

/** What is known about profiles from their own rows: names, and which lake folder each one writes to. */
public interface ProfileDirectory {
    ProfileDirectory EMPTY = new ProfileDirectory() {
        @Override
        public Optional<String> nameOf(UUID profileId) {
            return Optional.empty();
        }

        @Override
        public Optional<UUID> profileForDataLakeFolder(UUID dataLakeFolderId) {
            return Optional.empty();
        }
    };

    /** The {@code name} of the {@code synapselinkprofile} row, when this service has seen it. */
    Optional<String> nameOf(UUID profileId);

    /** The profile whose {@code datalakefolder} is this folder (external table states and databases link only to it). */
    Optional<UUID> profileForDataLakeFolder(UUID dataLakeFolderId);
}
