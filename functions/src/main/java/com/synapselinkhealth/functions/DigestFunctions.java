package com.synapselinkhealth.functions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatus;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import com.synapselinkhealth.health.DigestReport;
import com.synapselinkhealth.health.HealthEvent;
import com.synapselinkhealth.health.cloudevents.HealthCloudEvents;
import com.synapselinkhealth.health.cloudevents.ReadyToPostEvents;
import com.synapselinkhealth.status.HealthDigests;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The connector's {@code GET /api/digest} (GetHealthDigest): the health digest now, on demand, with the same content
 * as the scheduled HealthDigest event: per profile the tables counted by state and the worst items by name, the
 * summary sentence, and the ready-to-post {@code card} and {@code markdown}.
 */
public final class DigestFunctions {
    public static final String ROUTE = "digest";
    public static final String ORGANIZATION = "organization";
    /** The longest organization filter taken (Dataverse's unique names are far shorter). */
    static final int MAX_ORGANIZATION_CHARS = 256;

    private final Supplier<HealthDigests> digests;
    private final Supplier<ReadyToPostEvents> readyToPost;

    /** The read model and the wire format are asked for once the request's parameters are judged usable. */
    public DigestFunctions(Supplier<HealthDigests> digests, Supplier<ReadyToPostEvents> readyToPost) {
        this.digests = digests;
        this.readyToPost = readyToPost;
    }

    @FunctionName("GetHealthDigest")
    public HttpResponseMessage getHealthDigest(
        @HttpTrigger(name = "request", methods = {HttpMethod.GET}, route = ROUTE, authLevel = AuthorizationLevel.FUNCTION)
        HttpRequestMessage<Optional<String>> request,
        ExecutionContext context) {
        Map<String, String> query = request.getQueryParameters() == null ? Map.of() : request.getQueryParameters();
        String organization = query.get(ORGANIZATION);
        if (organization != null && organization.length() > MAX_ORGANIZATION_CHARS) {
            return Problems.respond(request, HttpStatus.BAD_REQUEST, Problems.of("invalid-parameter",
                "A parameter is malformed", 400, "organization is " + organization.length()
                    + " characters long; at most " + MAX_ORGANIZATION_CHARS + " are taken."));
        }
        Optional<DigestReport> report = digests.get().report(organization);
        if (report.isEmpty()) {
            return Problems.respond(request, HttpStatus.NOT_FOUND, Problems.of("organization-not-found",
                "No such organization", 404, "No profile the service knows belongs to the organization '"
                    + clip(organization) + "'; leave organization empty for every profile."));
        }
        ObjectNode body = toJson(report.get(), readyToPost.get());
        return request.createResponseBuilder(HttpStatus.OK).header("Content-Type", StatusResponses.JSON_MEDIA_TYPE)
            .body(body.toString()).build();
    }

    /** The digest as the action answers it: the report, its summary, and the card and Markdown message. */
    static ObjectNode toJson(DigestReport report, ReadyToPostEvents readyToPost) {
        HealthEvent event = HealthDigests.event(report, report.asOf());
        ObjectNode ready = (ObjectNode) readyToPost.toNode(event).get("data");
        ObjectNode body = HealthCloudEvents.digestJson(report);
        body.put("summary", event.summary());
        body.set("card", ready.get("card"));
        body.set("markdown", ready.get("markdown"));
        return body;
    }

    private static String clip(String text) {
        String t = text == null ? "" : text;
        return t.length() <= 80 ? t : t.substring(0, 80) + "…";
    }
}
