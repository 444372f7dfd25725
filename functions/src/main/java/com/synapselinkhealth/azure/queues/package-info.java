/**
 * The Azure Storage queue adapters: the ingest and delivery queues, opened with the Functions host's message
 * encoding, and the consumer {@code serve} uses in place of the host's queue trigger. Reached only through the
 * composition root.
 */
package com.synapselinkhealth.azure.queues;
