package com.synapselinkhealth.webapi;

import com.azure.core.exception.ClientAuthenticationException;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.Context;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.synapselinkhealth.webapi.DataverseWebApiException.Kind;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Web API requests of webhook registration: filtered queries of the registration tables, and create
 * ({@code POST}, id from the {@code OData-EntityId} header), update ({@code PATCH} with {@code If-Match: *}, so it
 * never creates) and delete. Failures become a {@link DataverseWebApiException} that says what was being done.
 */
public final class RegistrationRequests {
    private static final HttpHeaderName ODATA_ENTITY_ID = HttpHeaderName.fromString("OData-EntityId");
    private static final HttpHeaderName IF_MATCH = HttpHeaderName.fromString("If-Match");
    private static final Pattern ENTITY_ID = Pattern.compile("\\(([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-"
        + "[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\\)\\s*$");
    private static final Pattern PRIVILEGE = Pattern.compile("\\bprv[A-Za-z0-9_]+");
    private static final Pattern ENTITY = Pattern.compile("(?i)entity '([a-z0-9_]+)'");
    private static final int MAX_PAGES = 1000;

    private final DataverseWebApiClient client;
    private final ObjectMapper json = DataverseWebApiClient.MAPPER;

    public RegistrationRequests(DataverseWebApiClient client) {
        this.client = Objects.requireNonNull(client, "'client' cannot be null.");
    }

    public String environmentHost() {
        return client.environmentHost();
    }

    public ObjectNode newBody() {
        return json.createObjectNode();
    }

    /** {@code <column> eq <value>} for {@code $filter}: a String value is quoted (quotes doubled), others are not. */
    public static String eq(String column, Object value) {
        return column + " eq " + (value instanceof String s ? "'" + s.replace("'", "''") + "'" : String.valueOf(value));
    }

    /** {@code GET <set>?$select=..&$filter=<column> eq <value>}, every page. */
    public List<JsonNode> query(String entitySet, String select, String column, Object equalTo) {
        return query(entitySet, select, eq(column, equalTo));
    }

    /** {@code GET <set>?$select=..&$filter=..}, every page. */
    public List<JsonNode> query(String entitySet, String select, String filter) {
        String url = client.serviceRoot() + entitySet + "?$select=" + select + "&$filter="
            + URLEncoder.encode(filter, StandardCharsets.UTF_8).replace("+", "%20");
        String doing = "read " + entitySet;
        List<JsonNode> rows = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int page = 0; url != null; page++) {
            if (page >= MAX_PAGES || !seen.add(url)) {
                throw new DataverseWebApiException(Kind.OTHER, 0, "Reading " + entitySet + " from "
                    + environmentHost() + " did not end: the service kept sending next-page links", null);
            }
            Answer answer = send(HttpMethod.GET, url, null, doing);
            JsonNode body = answer.json(json);
            JsonNode value = body == null ? null : body.get("value");
            if (answer.status != 200 || value == null || !value.isArray()) {
                throw notDataverse();
            }
            value.forEach(rows::add);
            JsonNode next = body.get("@odata.nextLink");
            url = next == null || next.isNull() ? null : next.asText();
        }
        return rows;
    }

    /** {@code POST <set>}; the new row's id from {@code OData-EntityId} (or the body, if the service sent one). */
    public UUID create(String entitySet, String primaryKey, ObjectNode body, String what) {
        Answer answer = send(HttpMethod.POST, client.serviceRoot() + entitySet, body, "create " + what);
        String location = answer.entityId;
        if (location != null) {
            Matcher m = ENTITY_ID.matcher(location);
            if (m.find()) {
                return UUID.fromString(m.group(1));
            }
        }
        JsonNode created = answer.json(json);
        if (created != null && created.hasNonNull(primaryKey)) {
            try {
                return UUID.fromString(created.get(primaryKey).asText());
            } catch (IllegalArgumentException e) {
                // reported below
            }
        }
        throw new DataverseWebApiException(Kind.OTHER, answer.status, "Dataverse at " + environmentHost()
            + " created the " + what + " but did not say its id (no OData-EntityId header)", null);
    }

    /** {@code PATCH <set>(<id>)} with {@code If-Match: *}: updates the row, never creates one. */
    public void update(String entitySet, UUID id, ObjectNode body, String what) {
        send(HttpMethod.PATCH, client.serviceRoot() + entitySet + "(" + id + ")", body, "update " + what);
    }

    /** {@code DELETE <set>(<id>)}; a row that is already gone is fine. */
    public void delete(String entitySet, UUID id, String what) {
        try {
            send(HttpMethod.DELETE, client.serviceRoot() + entitySet + "(" + id + ")", null, "delete " + what);
        } catch (DataverseWebApiException e) {
            if (e.statusCode() != 404 || e.kind() == Kind.NOT_FOUND_ENVIRONMENT) {
                throw e;
            }
        }
    }

    private Answer send(HttpMethod method, String url, ObjectNode body, String doing) {
        HttpRequest request;
        try {
            request = new HttpRequest(method, url);
        } catch (IllegalArgumentException e) {
            throw new DataverseWebApiException(Kind.OTHER, 0, "Could not " + doing + ": the service gave an invalid "
                + "next-page link", e);
        }
        if (body != null) {
            try {
                request.setHeader(HttpHeaderName.CONTENT_TYPE, "application/json");
                request.setBody(json.writeValueAsBytes(body));
            } catch (IOException e) {
                throw new IllegalStateException("cannot write a request body", e);
            }
        }
        if (method == HttpMethod.PATCH) {
            request.setHeader(IF_MATCH, "*");
        }
        try (HttpResponse response = pipeline(request)) {
            int status = response.getStatusCode();
            byte[] bytes = response.getBodyAsBinaryData() == null ? new byte[0] : response.getBodyAsBinaryData().toBytes();
            if (status >= 200 && status < 300) {
                return new Answer(status, response.getHeaderValue(ODATA_ENTITY_ID), bytes);
            }
            throw failure(status, doing, ODataErrorText.parse(json, bytes));
        } catch (DataverseWebApiException e) {
            throw e;
        } catch (RuntimeException e) {
            throw transportFailure(e, doing);
        }
    }

    private HttpResponse pipeline(HttpRequest request) {
        return client.pipeline().sendSync(request, Context.NONE);
    }

    private DataverseWebApiException failure(int status, String doing, ODataErrorText error) {
        String host = environmentHost();
        String said = error.message() == null ? "" : " Dataverse said: " + DataverseWebApiClient.redact(error.message());
        return switch (status) {
            case 401 -> new DataverseWebApiException(Kind.UNAUTHORIZED, status, "Dataverse at " + host
                + " refused the access token (401 Unauthorized) when trying to " + doing + ". The token may have "
                + "expired or be for another environment; sign in again or pass a fresh --access-token.", null);
            case 403 -> new DataverseWebApiException(Kind.FORBIDDEN, status, "The application user may not " + doing
                + " in " + host + " (403 Forbidden" + missingPrivilege(error.message()) + "). Give it the System "
                + "Customizer or System Administrator security role." + said, null);
            case 404 -> error.isDataverse()
                ? new DataverseWebApiException(Kind.OTHER, status, "Dataverse at " + host + " could not " + doing
                    + " (404 Not Found)." + said, null)
                : notDataverse();
            case 300, 301, 302, 303, 307, 308 -> notDataverse();
            case 429 -> new DataverseWebApiException(Kind.THROTTLED, status, "Dataverse at " + host
                + " is still throttling requests (429 Too Many Requests) after " + DataverseWebApiClient.MAX_RETRIES
                + " retries when trying to " + doing + "; try again later.", null);
            default -> new DataverseWebApiException(Kind.OTHER, status, "Dataverse at " + host + " refused to "
                + doing + " (HTTP " + status + ")." + said, null);
        };
    }

    private DataverseWebApiException notDataverse() {
        return new DataverseWebApiException(Kind.NOT_FOUND_ENVIRONMENT, 404, "No Dataverse Web API answers at "
            + client.serviceRoot() + "; check the environment URL, e.g. https://contoso.crm.dynamics.com", null);
    }

    /** e.g. {@code : missing prvCreateSdkMessageProcessingStep on sdkmessageprocessingstep}, or empty. */
    public static String missingPrivilege(String message) {
        if (message == null) {
            return "";
        }
        Matcher privilege = PRIVILEGE.matcher(message);
        if (!privilege.find()) {
            return "";
        }
        Matcher entity = ENTITY.matcher(message);
        return ": missing " + privilege.group() + (entity.find() ? " on " + entity.group(1) : "");
    }

    private DataverseWebApiException transportFailure(RuntimeException e, String doing) {
        int depth = 0;
        for (Throwable t = e; t != null && depth < 20; t = t.getCause(), depth++) {
            if (t instanceof UnknownHostException) {
                return new DataverseWebApiException(Kind.NOT_FOUND_ENVIRONMENT, 0, "The Dataverse environment host '"
                    + environmentHost() + "' could not be found (DNS); check the environment URL", e);
            }
            if (t instanceof ClientAuthenticationException) {
                return new DataverseWebApiException(Kind.UNAUTHORIZED, 0, "No access token for " + environmentHost()
                    + " could be obtained to " + doing + ": sign in (e.g. 'az login'), set AZURE_TENANT_ID, "
                    + "AZURE_CLIENT_ID and AZURE_CLIENT_SECRET, or pass --access-token (or set "
                    + DataverseCredentials.ACCESS_TOKEN_VARIABLE + ").", e);
            }
        }
        String reason = client.connectFailure(e);
        if (reason == null) {
            reason = e.getMessage() == null ? e.getClass().getSimpleName() : DataverseWebApiClient.redact(e.getMessage());
        }
        return new DataverseWebApiException(Kind.OTHER, 0, "Could not reach Dataverse at " + environmentHost()
            + " to " + doing + ": " + reason, e);
    }

    /** A successful answer. */
    private record Answer(int status, String entityId, byte[] body) {
        JsonNode json(ObjectMapper mapper) {
            if (body.length == 0) {
                return null;
            }
            try {
                return mapper.readTree(body);
            } catch (IOException e) {
                return null;
            }
        }
    }

    /** The {@code {"error":{"code":..,"message":..}}} body Dataverse answers errors with. */
    private record ODataErrorText(String code, String message) {
        static ODataErrorText parse(ObjectMapper json, byte[] bytes) {
            try {
                JsonNode error = bytes.length == 0 ? null : json.readTree(bytes).get("error");
                if (error != null && error.isObject()) {
                    return new ODataErrorText(text(error.get("code")), text(error.get("message")));
                }
            } catch (IOException | RuntimeException e) {
                // not JSON: not an OData error
            }
            return new ODataErrorText(null, null);
        }

        private static String text(JsonNode node) {
            return node == null || node.isNull() ? null : node.asText();
        }

        boolean isDataverse() {
            return code != null || message != null;
        }
    }
}
