package com.synapselinkhealth.functions;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatus;
import com.synapselinkhealth.dataverse.MalformedCallbackException;

/**
 * RFC 9457 problem details ({@code application/problem+json}) for every error this app answers: a type naming
 * the problem, a title, the status, and a detail that says exactly what is wrong. Never a stack trace.
 */
public final class Problems {
    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://synapselinkhealth.dev/problems/";
    private static final ObjectMapper JSON = HttpJson.MAPPER;

    private Problems() {
    }

    public static HttpStatus statusOf(MalformedCallbackException.Kind kind) {
        return switch (kind) {
            case NOT_JSON, TOO_COMPLEX -> HttpStatus.BAD_REQUEST;
            case WRONG_SHAPE, INVALID_VALUE -> HttpStatus.UNPROCESSABLE_ENTITY;
            case TOO_LARGE -> HttpStatus.PAYLOAD_TOO_LARGE;
            case UNSUPPORTED_FORMAT -> HttpStatus.UNSUPPORTED_MEDIA_TYPE;
        };
    }

    private static String titleOf(MalformedCallbackException.Kind kind) {
        return switch (kind) {
            case NOT_JSON -> "The body is not JSON";
            case TOO_COMPLEX -> "The JSON is too deeply nested or has too long a value";
            case WRONG_SHAPE -> "The body is not a Dataverse RemoteExecutionContext";
            case INVALID_VALUE -> "A field holds an invalid value";
            case TOO_LARGE -> "The body is too large";
            case UNSUPPORTED_FORMAT -> "The content type is not JSON";
        };
    }

    /** The problem document for a rejected callback; names the dead letter that keeps the body. */
    public static String forCallback(MalformedCallbackException problem, String deadLetterId) {
        MalformedCallbackException.Kind kind = problem.kind();
        ObjectNode body = document(kind.name().toLowerCase().replace('_', '-'), titleOf(kind),
            statusOf(kind).value(), problem.getMessage());
        if (problem.field() != null) {
            body.put("field", problem.field());
        }
        if (deadLetterId != null) {
            body.put("deadLetterId", deadLetterId);
        }
        return body.toString();
    }

    public static String of(String type, String title, int status, String detail) {
        return document(type, title, status, detail).toString();
    }

    private static ObjectNode document(String type, String title, int status, String detail) {
        ObjectNode body = JSON.createObjectNode();
        body.put("type", TYPE_BASE + type);
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        return body;
    }

    public static HttpResponseMessage respond(HttpRequestMessage<?> request, HttpStatus status, String problemJson) {
        return request.createResponseBuilder(status)
            .header("Content-Type", MEDIA_TYPE)
            .body(problemJson)
            .build();
    }
}
