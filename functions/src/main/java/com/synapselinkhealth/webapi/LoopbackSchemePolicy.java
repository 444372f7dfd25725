package com.synapselinkhealth.webapi;

import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.policy.HttpPipelineSyncPolicy;
import java.net.MalformedURLException;
import java.net.URL;

/**
 * Tests only: azure-core's bearer policy refuses plain http, so around it a loopback {@code http} URL is shown as
 * {@code https} ({@link #toHttps()}) and turned back afterwards ({@link #toHttp()}). Never installed unless the
 * client was built with the package-private loopback flag, and then only loopback hosts are touched.
 */
final class LoopbackSchemePolicy extends HttpPipelineSyncPolicy {
    private static final String MARK = "synapselinkhealth.loopback-http";
    private final boolean toHttps;

    private LoopbackSchemePolicy(boolean toHttps) {
        this.toHttps = toHttps;
    }

    static LoopbackSchemePolicy toHttps() {
        return new LoopbackSchemePolicy(true);
    }

    static LoopbackSchemePolicy toHttp() {
        return new LoopbackSchemePolicy(false);
    }

    @Override
    protected void beforeSendingRequest(HttpPipelineCallContext context) {
        URL url = context.getHttpRequest().getUrl();
        if (toHttps) {
            if ("http".equals(url.getProtocol()) && DataverseWebApiClient.isLoopback(url.getHost())) {
                context.setData(MARK, Boolean.TRUE);
                context.getHttpRequest().setUrl(withProtocol(url, "https"));
            }
        } else if (context.getData(MARK).isPresent() && "https".equals(url.getProtocol())) {
            context.getHttpRequest().setUrl(withProtocol(url, "http"));
        }
    }

    private static URL withProtocol(URL url, String protocol) {
        try {
            return new URL(protocol, url.getHost(), url.getPort(), url.getFile());
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }
}
