/**
 * Stand-ins for the Azure Functions host's types, for calling the app's function classes outside the host: the
 * HTTP request and response ({@link com.synapselinkhealth.local.host.LocalHttpRequest}), the execution context
 * ({@link com.synapselinkhealth.local.host.LocalExecutionContext}) and the output binding
 * ({@link com.synapselinkhealth.local.host.LocalOutputBinding}). The local server gives them to the functions it
 * hosts; the tests call the functions with them directly.
 */
package com.synapselinkhealth.local.host;
