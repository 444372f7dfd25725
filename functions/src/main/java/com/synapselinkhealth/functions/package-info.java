/**
 * The Azure Functions entry points: each an annotated method that reads its trigger (HTTP request, queue message,
 * timer), runs one use case and answers or logs what it did. Each class is given, in its one constructor, the use cases
 * and values it runs (a supplier where a request may be answered without them); it never looks them up. The Functions
 * host makes them through {@code app.FunctionInjector}, the local runner and the tests through {@code app.EntryPoints}.
 * Their annotations are the deployed function.json; HTTP errors are problem documents
 * ({@link com.synapselinkhealth.functions.Problems}).
 */
package com.synapselinkhealth.functions;
