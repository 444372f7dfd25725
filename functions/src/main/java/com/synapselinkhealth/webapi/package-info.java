/**
 * The Dataverse Web API client (OData v4 over the Azure SDK HTTP pipeline, token from azure-identity) and the
 * {@link com.synapselinkhealth.readback.DataverseRows} adapter that refetch and reconciliation read rows through.
 * Reached only through the composition root.
 */
package com.synapselinkhealth.webapi;
