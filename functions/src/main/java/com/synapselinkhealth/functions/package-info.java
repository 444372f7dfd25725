/**
 * The Azure Functions entry points: each an annotated method that reads its trigger (HTTP request, queue message,
 * timer), runs one use case of the app ({@link com.synapselinkhealth.app.LinkHealth}) and answers or logs what it did.
 * Their annotations are the deployed function.json; HTTP errors are problem documents
 * ({@link com.synapselinkhealth.functions.Problems}).
 */
package com.synapselinkhealth.functions;
