package com.synapselinkhealth.functions;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatus;
import com.synapselinkhealth.dataverse.RowChange;

/**
 * The webhook's answers to a body it could use: 202 with the change it queued, or 200 "ignored" for a row of a table
 * that is not a state table. (A body it cannot use gets a problem document, from {@link Problems}.)
 */
final class WebhookAnswers {
    private static final ObjectMapper JSON = HttpJson.MAPPER;

    private WebhookAnswers() {
    }

    static HttpResponseMessage accepted(HttpRequestMessage<?> request, RowChange change) {
        return json(request, HttpStatus.ACCEPTED, status("accepted", change.table(), change));
    }

    static HttpResponseMessage ignored(HttpRequestMessage<?> request, String table) {
        ObjectNode body = status("ignored", table, null);
        body.put("reason", "'" + table + "' is not one of the six Synapse Link state tables.");
        return json(request, HttpStatus.OK, body);
    }

    private static ObjectNode status(String status, String table, RowChange change) {
        ObjectNode node = JSON.createObjectNode();
        node.put("status", status);
        node.put("table", table);
        if (change != null) {
            node.put("message", change.message().value());
            node.put("rowId", change.rowId().toString());
            node.put("operationId", change.operationId() == null ? null : change.operationId().toString());
        }
        return node;
    }

    private static HttpResponseMessage json(HttpRequestMessage<?> request, HttpStatus status, ObjectNode body) {
        return request.createResponseBuilder(status).header("Content-Type", "application/json").body(body.toString()).build();
    }
}
