package com.synapselinkhealth.functions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatus;
import com.synapselinkhealth.dataverse.Guids;
import com.synapselinkhealth.status.StatusException;
import java.util.UUID;
import java.util.function.Supplier;

/** What the read-only actions share: JSON answers and their problem documents. */
final class StatusResponses {
    static final String JSON_MEDIA_TYPE = "application/json";

    private StatusResponses() {
    }

    /** Runs one action: 200 with its JSON, or the problem document of a {@link StatusException}. */
    static HttpResponseMessage answer(HttpRequestMessage<?> request, Supplier<ObjectNode> action) {
        try {
            ObjectNode body = action.get();
            return request.createResponseBuilder(HttpStatus.OK).header("Content-Type", JSON_MEDIA_TYPE)
                .body(body.toString()).build();
        } catch (StatusException e) {
            return problem(request, e);
        }
    }

    /** The profile id of a path: a GUID. @throws StatusException naming {@code profileId} otherwise */
    static UUID profileId(String text) {
        return Guids.parse(text).orElseThrow(() -> StatusException.invalidParameter("profileId", text,
            "the id (a GUID) of a profile, for example 6f1f5b1e-2a3c-4d5e-8f90-1a2b3c4d5e6f"));
    }

    private static HttpResponseMessage problem(HttpRequestMessage<?> request, StatusException e) {
        return switch (e.kind()) {
            case INVALID_PARAMETER -> Problems.respond(request, HttpStatus.BAD_REQUEST,
                Problems.of("invalid-parameter", "A parameter is malformed", 400, e.getMessage()));
            case UNKNOWN_PROFILE -> Problems.respond(request, HttpStatus.NOT_FOUND,
                Problems.of("profile-not-found", "No such profile", 404, e.getMessage()));
            case UNKNOWN_TABLE -> Problems.respond(request, HttpStatus.NOT_FOUND,
                Problems.of("table-not-found", "No such table in this profile", 404, e.getMessage()));
        };
    }
}
