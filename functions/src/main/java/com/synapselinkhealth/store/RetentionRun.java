package com.synapselinkhealth.store;

import java.util.Map;

/**
 * One run of the retention: removes the events, dead letters and delivery records older than their retention from
 * the durable stores, at most a bounded batch from each table (the next run goes on).
 */
@FunctionalInterface
public interface RetentionRun {
    /** @return how many rows were removed, by table */
    Map<String, Integer> run();
}
