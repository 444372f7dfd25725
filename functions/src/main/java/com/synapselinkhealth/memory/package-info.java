/**
 * The in-memory adapters of every port (stores, delivery ledger, ingest and delivery queues), bounded, for
 * {@code ./linkhealth demo}, {@code serve} without Azure, and the tests. Reached only through the composition root.
 */
package com.synapselinkhealth.memory;
