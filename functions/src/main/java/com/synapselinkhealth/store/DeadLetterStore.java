package com.synapselinkhealth.store;

import java.util.List;

/** Payloads this service could not use, kept for inspection. */
public interface DeadLetterStore {
    void put(DeadLetter deadLetter);

    /** The latest dead letters, newest first. */
    List<DeadLetter> recent(int limit);
}
