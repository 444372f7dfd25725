/**
 * The JSON forms of the callback payload model:
 * {@link com.synapselinkhealth.dataverse.json.RemoteExecutionContextParser} reads the RemoteExecutionContext JSON that
 * Dataverse posts (webhook or Service Bus body) into a {@link com.synapselinkhealth.dataverse.RowChange}, refusing
 * what it cannot rely on with a {@link com.synapselinkhealth.dataverse.MalformedCallbackException};
 * {@link com.synapselinkhealth.dataverse.json.RowChangeJson} and {@link com.synapselinkhealth.dataverse.json.AttributesJson}
 * are this service's own compact JSON for a row change and its attributes (queue messages, stored row state).
 */
package com.synapselinkhealth.dataverse.json;
