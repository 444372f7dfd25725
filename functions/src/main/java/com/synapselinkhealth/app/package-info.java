/**
 * The composition root: builds the stores (Azure Tables or in memory, as {@code StorageChoice} finds them set up),
 * the domain's policies from the settings ({@link com.synapselinkhealth.app.Policies}) and the use cases that work on
 * them ({@link com.synapselinkhealth.app.LinkHealth}). The adapters (azure, memory, webapi) are reached through it.
 * {@link com.synapselinkhealth.app.EntryPoints} makes each entry point with the use cases it runs; the Functions host's
 * Java worker makes them through {@link com.synapselinkhealth.app.FunctionInjector} (its
 * {@code FunctionInstanceInjector}, registered in {@code META-INF/services}), over the shared app built on first use.
 */
package com.synapselinkhealth.app;
