/**
 * Reading state-table rows back from Dataverse: the {@link com.synapselinkhealth.readback.DataverseRows} port (the
 * Web API adapter lives in {@code webapi}) and {@link com.synapselinkhealth.readback.RowRefetch}, which completes a
 * callback that came without the row data the rules need.
 */
package com.synapselinkhealth.readback;
