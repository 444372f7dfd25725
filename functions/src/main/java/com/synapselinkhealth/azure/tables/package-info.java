/**
 * The Azure Table Storage adapters of the storage ports: row states with their history, events, dead letters,
 * subscriptions, the delivery ledger and retention. Conditional writes (ETags) keep concurrent instances from losing
 * an update. Reached only through the composition root.
 */
package com.synapselinkhealth.azure.tables;
