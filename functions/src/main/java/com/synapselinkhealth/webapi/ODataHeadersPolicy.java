package com.synapselinkhealth.webapi;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.policy.HttpPipelineSyncPolicy;

/** Adds the headers every Dataverse Web API read carries: OData version, JSON, annotations and page size. */
final class ODataHeadersPolicy extends HttpPipelineSyncPolicy {
    static final String PREFER = "odata.include-annotations=\"OData.Community.Display.V1.FormattedValue,"
        + "Microsoft.Dynamics.CRM.lookuplogicalname\",odata.maxpagesize=500";
    private static final HttpHeaderName ODATA_MAX_VERSION = HttpHeaderName.fromString("OData-MaxVersion");
    private static final HttpHeaderName ODATA_VERSION = HttpHeaderName.fromString("OData-Version");
    private static final HttpHeaderName PREFER_HEADER = HttpHeaderName.fromString("Prefer");

    @Override
    protected void beforeSendingRequest(HttpPipelineCallContext context) {
        HttpHeaders headers = context.getHttpRequest().getHeaders();
        headers.set(HttpHeaderName.ACCEPT, "application/json");
        headers.set(ODATA_MAX_VERSION, "4.0");
        headers.set(ODATA_VERSION, "4.0");
        headers.set(PREFER_HEADER, PREFER);
    }
}
