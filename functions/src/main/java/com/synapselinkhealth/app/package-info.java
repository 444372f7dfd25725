/**
 * The composition root: builds the stores (Azure Tables or in memory, as {@code StorageChoice} finds them set up),
 * the domain's policies from the settings ({@link com.synapselinkhealth.app.Policies}) and the use cases that work on
 * them ({@link com.synapselinkhealth.app.LinkHealth}). The adapters (azure, memory, webapi) are reached through it; the
 * entry points ask it for the one use case each runs.
 */
package com.synapselinkhealth.app;
