/**
 * The read model: each profile's and table's health, the recent events, and the daily digest built from them
 * ({@link com.synapselinkhealth.status.StatusService}, {@link com.synapselinkhealth.status.HealthDigests}). It reads the
 * stores and never writes a row's state. Its wire shapes for the connector's actions are in {@code status.json}.
 */
package com.synapselinkhealth.status;
