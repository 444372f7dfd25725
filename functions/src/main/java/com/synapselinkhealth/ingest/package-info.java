/**
 * From a callback to health events: accepting a callback ({@link com.synapselinkhealth.ingest.CallbackIntake}),
 * processing a queued change ({@link com.synapselinkhealth.ingest.QueuedChangeHandler}: read-back, then
 * {@link com.synapselinkhealth.ingest.ChangeProcessor}'s rules), and the stall check
 * ({@link com.synapselinkhealth.ingest.StallMonitor}). Pure domain code on the store ports: no Jackson, no Functions
 * library.
 */
package com.synapselinkhealth.ingest;
