/**
 * Reconciliation: reads the six state tables through the Web API and judges every row like a callback
 * ({@link com.synapselinkhealth.reconcile.Reconciler}), so a change whose webhook never came still raises its event,
 * once.
 */
package com.synapselinkhealth.reconcile;
