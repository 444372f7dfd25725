package com.synapselinkhealth.app;

import com.synapselinkhealth.config.Settings;
import com.synapselinkhealth.readback.DataverseRows;
import java.net.URI;
import java.util.Optional;

/**
 * The Dataverse Web API reader of {@code DATAVERSE_ENVIRONMENT_URL}, opened on first need (never for a webhook's
 * 202), or one given instead (the command line's flags, tests).
 */
final class DataverseAccess {
    private final Settings settings;
    private final Optional<URI> environment;
    private final Object lock = new Object();
    private Optional<DataverseRows> rows;

    /** @throws Settings.InvalidSettingException when the environment or the token cannot be used */
    DataverseAccess(Settings settings) {
        this.settings = settings;
        this.environment = settings.dataverseEnvironment();
        settings.dataverseAccessToken(); // checked now, so a bad one stops start-up rather than every refetch
    }

    /** The reader, opened now if it is not yet; empty when no environment is set. */
    Optional<DataverseRows> rows() {
        synchronized (lock) { // not the deliveries' lock: opening netty and identity must not hold up fan-out
            if (rows == null) {
                rows = environment.map(url -> DataverseReader.open(url, settings.dataverseAccessToken()));
            }
            return rows;
        }
    }

    boolean isOpen() {
        synchronized (lock) {
            return rows != null && rows.isPresent();
        }
    }

    void use(DataverseRows given) {
        synchronized (lock) {
            this.rows = Optional.of(given);
        }
    }
}
