package com.synapselinkhealth.ingest;

import com.synapselinkhealth.dataverse.MalformedCallbackException;
import com.synapselinkhealth.dataverse.RowChange;
import java.util.Objects;

/** What the intake made of one callback, before any health rule ran. */
public sealed interface IntakeResult {

    /** A change of one of the six state tables, ready to queue. */
    record Accepted(RowChange change, String queueMessage) implements IntakeResult {
        public Accepted {
            Objects.requireNonNull(change, "'change' cannot be null.");
            Objects.requireNonNull(queueMessage, "'queueMessage' cannot be null.");
        }
    }

    /** A well-formed callback for a table that is not a Synapse Link state table. */
    record Ignored(String table) implements IntakeResult {
    }

    /** A callback this service cannot use; kept as a dead letter under {@code deadLetterId}. */
    record Rejected(MalformedCallbackException problem, String deadLetterId) implements IntakeResult {
        public Rejected {
            Objects.requireNonNull(problem, "'problem' cannot be null.");
        }
    }
}
