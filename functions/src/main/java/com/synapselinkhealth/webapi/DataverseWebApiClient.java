package com.synapselinkhealth.webapi;

import com.azure.core.credential.TokenCredential;
import com.azure.core.exception.ClientAuthenticationException;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.netty.NettyAsyncHttpClientBuilder;
import com.azure.core.http.policy.BearerTokenAuthenticationPolicy;
import com.azure.core.http.policy.ExponentialBackoff;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.core.http.policy.RequestRetryCondition;
import com.azure.core.http.policy.RetryPolicy;
import com.azure.core.util.Context;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.synapselinkhealth.config.Urls;
import com.synapselinkhealth.statetables.StateTable;
import com.synapselinkhealth.webapi.DataverseWebApiException.Kind;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Reads the Synapse Link state tables through the Dataverse Web API ({@code api/data/v9.2}) on azure-core's HTTP
 * pipeline: a bearer token for {@code <environment>/.default}, the OData headers, and retries of 429 and 503 that
 * honour {@code Retry-After}. Failures become a {@link DataverseWebApiException} with a plain message.
 */
public final class DataverseWebApiClient {
    static final String API_PATH = "api/data/v9.2/";
    static final int MAX_RETRIES = 3;
    private static final int MAX_PAGES = 10_000;
    private static final Pattern BEARER = Pattern.compile("(?i)bearer\\s+[A-Za-z0-9._~+/=-]+");

    private final URI environment;
    private final String serviceRoot;
    private final HttpPipeline pipeline;
    /** The Web API's one mapper (OData JSON in and out), shared by the registration requests. */
    static final ObjectMapper MAPPER = new ObjectMapper();

    private final ObjectMapper json = MAPPER;

    /** With the default netty HTTP client. */
    public DataverseWebApiClient(String environmentUrl, TokenCredential credential) {
        this(environmentUrl, credential, new NettyAsyncHttpClientBuilder().build());
    }

    public DataverseWebApiClient(String environmentUrl, TokenCredential credential, HttpClient httpClient) {
        this(environmentUrl, credential, httpClient, false);
    }

    /**
     * With the default netty HTTP client, as the commands use it: the environment must be https, and plain http is
     * accepted only on a loopback host (a local stand-in), so a token never travels unencrypted off the machine.
     */
    public static DataverseWebApiClient connect(String environmentUrl, TokenCredential credential) {
        return new DataverseWebApiClient(environmentUrl, credential, new NettyAsyncHttpClientBuilder().build(), true);
    }

    /**
     * @param allowLoopbackHttp also accept {@code http://} on a loopback host (127.0.0.1, localhost)
     */
    DataverseWebApiClient(String environmentUrl, TokenCredential credential, HttpClient httpClient,
        boolean allowLoopbackHttp) {
        Objects.requireNonNull(credential, "'credential' cannot be null.");
        Objects.requireNonNull(httpClient, "'httpClient' cannot be null.");
        this.environment = parseEnvironment(environmentUrl, allowLoopbackHttp);
        String root = environment.toString();
        this.serviceRoot = root + (root.endsWith("/") ? "" : "/") + API_PATH;
        String scope = stripTrailingSlash(environment.getScheme() + "://" + environment.getRawAuthority()) + "/.default";
        List<HttpPipelinePolicy> policies = new ArrayList<>();
        policies.add(new ODataHeadersPolicy());
        policies.add(new RetryPolicy(new ThrottlingBackoff()));
        boolean loopback = "http".equals(environment.getScheme());
        if (loopback) {
            policies.add(LoopbackSchemePolicy.toHttps());
        }
        policies.add(new BearerTokenAuthenticationPolicy(credential, scope));
        if (loopback) {
            policies.add(LoopbackSchemePolicy.toHttp());
        }
        this.pipeline = new HttpPipelineBuilder().httpClient(httpClient)
            .policies(policies.toArray(HttpPipelinePolicy[]::new)).build();
    }

    /** The environment's host, e.g. {@code contoso.crm.dynamics.com}. */
    public String environmentHost() {
        return environment.getHost();
    }

    /** {@code <environment>/api/data/v9.2/}. */
    public String serviceRoot() {
        return serviceRoot;
    }

    /** The pipeline (OData headers, throttling retries, bearer token) for other requests of this package. */
    HttpPipeline pipeline() {
        return pipeline;
    }

    static URI parseEnvironment(String environmentUrl, boolean allowLoopbackHttp) {
        if (environmentUrl == null || environmentUrl.isBlank()) {
            throw new IllegalArgumentException("The Dataverse environment URL is missing; expected e.g. "
                + "https://contoso.crm.dynamics.com");
        }
        URI uri;
        try {
            uri = new URI(environmentUrl.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("The Dataverse environment URL '" + Urls.withoutSecrets(environmentUrl)
                + "' is not a valid URL; expected e.g. https://contoso.crm.dynamics.com", e);
        }
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean https = "https".equals(scheme);
        boolean loopbackHttp = allowLoopbackHttp && "http".equals(scheme) && isLoopback(uri.getHost());
        if (!uri.isAbsolute() || !(https || loopbackHttp)) {
            throw new IllegalArgumentException("The Dataverse environment URL '" + Urls.withoutSecrets(environmentUrl)
                + "' must be an absolute https URL, e.g. https://contoso.crm.dynamics.com");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new IllegalArgumentException("The Dataverse environment URL '" + Urls.withoutSecrets(environmentUrl) + "' has no host name");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("The Dataverse environment URL '" + Urls.withoutSecrets(environmentUrl)
                + "' must be just the environment address, without query, fragment or user name");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        return URI.create(scheme + "://" + uri.getRawAuthority() + stripTrailingSlash(path));
    }

    static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (h.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!h.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            return false;
        }
        try {
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static String stripTrailingSlash(String s) {
        String out = s;
        while (out.endsWith("/")) {
            out = out.substring(0, out.length() - 1);
        }
        return out;
    }

    /**
     * Every row of a table: {@code GET api/data/v9.2/<entity set>}, then each {@code @odata.nextLink} verbatim
     * until there is none.
     */
    public List<JsonNode> readAll(StateTable table) {
        return readAll(table, List.of());
    }

    /**
     * Every row of a table with only the given properties ({@code $select}; a lookup as {@code _<name>_value}),
     * following each {@code @odata.nextLink} verbatim. An empty list reads every column.
     */
    public List<JsonNode> readAll(StateTable table, List<String> select) {
        Objects.requireNonNull(table, "'table' cannot be null.");
        List<JsonNode> rows = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String url = serviceRoot + table.entitySetName() + selectQuery(select);
        for (int page = 0; url != null; page++) {
            if (page >= MAX_PAGES || !seen.add(url)) {
                throw new DataverseWebApiException(Kind.OTHER, 0, "Reading " + table.entitySetName()
                    + " from " + environmentHost() + " did not end: the service kept sending next-page links", null);
            }
            JsonNode body = get(url, table, false).orElseThrow();
            JsonNode value = body.get("value");
            if (value == null || !value.isArray()) {
                throw new DataverseWebApiException(Kind.OTHER, 200, "The answer for " + table.entitySetName() + " from "
                    + environmentHost() + " is not an OData collection (no 'value' array)", null);
            }
            value.forEach(rows::add);
            JsonNode next = body.get("@odata.nextLink");
            url = next == null || next.isNull() ? null : absolute(url, next.asText());
        }
        return rows;
    }

    /** The next-page link as given; a relative one (not what Dataverse sends, but valid OData) against this page. */
    private static String absolute(String page, String next) {
        if (next.regionMatches(true, 0, "https://", 0, 8) || next.regionMatches(true, 0, "http://", 0, 7)) {
            return next;
        }
        try {
            return URI.create(page).resolve(next).toString();
        } catch (IllegalArgumentException e) {
            return next; // reported as an invalid next-page link when requested
        }
    }

    /** One row by id: {@code GET api/data/v9.2/<entity set>(<id>)}; empty when Dataverse answers 404. */
    public Optional<JsonNode> readRow(StateTable table, UUID id) {
        return readRow(table, id, List.of());
    }

    /** One row by id with only the given properties ({@code $select}); empty when Dataverse answers 404. */
    public Optional<JsonNode> readRow(StateTable table, UUID id, List<String> select) {
        Objects.requireNonNull(table, "'table' cannot be null.");
        Objects.requireNonNull(id, "'id' cannot be null.");
        return get(serviceRoot + table.entitySetName() + "(" + id + ")" + selectQuery(select), table, true);
    }

    private static String selectQuery(List<String> select) {
        if (select == null || select.isEmpty()) {
            return "";
        }
        for (String property : select) {
            if (!property.matches("[A-Za-z0-9_]+")) {
                throw new IllegalArgumentException("'" + property + "' is not a property name");
            }
        }
        return "?$select=" + String.join(",", select);
    }

    private Optional<JsonNode> get(String url, StateTable table, boolean notFoundIsEmpty) {
        String what = table.entitySetName();
        HttpRequest request;
        try {
            request = new HttpRequest(HttpMethod.GET, url);
        } catch (IllegalArgumentException e) {
            throw new DataverseWebApiException(Kind.OTHER, 0, "Reading " + what + ": the service gave an invalid "
                + "next-page link", e);
        }
        try (HttpResponse response = pipeline.sendSync(request, Context.NONE)) {
            int status = response.getStatusCode();
            byte[] bytes = response.getBodyAsBinaryData() == null ? new byte[0] : response.getBodyAsBinaryData().toBytes();
            if (status == 200) {
                try {
                    return Optional.of(json.readTree(bytes));
                } catch (IOException e) {
                    throw new DataverseWebApiException(Kind.OTHER, status, "The answer for " + what + " from "
                        + environmentHost() + " is not JSON", e);
                }
            }
            ODataError error = ODataError.parse(json, bytes);
            if (status == 404 && notFoundIsEmpty && error.isDataverse()) {
                return Optional.empty();
            }
            throw failure(status, what, error);
        } catch (DataverseWebApiException e) {
            throw e;
        } catch (RuntimeException e) {
            throw transportFailure(e, what);
        }
    }

    private DataverseWebApiException failure(int status, String what, ODataError error) {
        String host = environmentHost();
        String detail = error.message() == null ? "" : " Dataverse said: " + redact(error.message());
        return switch (status) {
            case 401 -> new DataverseWebApiException(Kind.UNAUTHORIZED, status, "Dataverse at " + host
                + " refused the access token (401 Unauthorized) while reading " + what + ". The token may have "
                + "expired or be for another environment; sign in again or check the credential.", null);
            case 403 -> new DataverseWebApiException(Kind.FORBIDDEN, status, "The application user lacks the privilege "
                + "to read " + what + " in " + host + " (403 Forbidden). Give it a security role with read access "
                + "to the Synapse Link tables." + detail, null);
            case 404 -> error.isDataverse()
                ? new DataverseWebApiException(Kind.OTHER, status, "Dataverse at " + host + " has no " + what
                    + " (404 Not Found); is Azure Synapse Link for Dataverse set up in this environment?" + detail, null)
                : new DataverseWebApiException(Kind.NOT_FOUND_ENVIRONMENT, status, "No Dataverse Web API at "
                    + serviceRoot + " (404 Not Found); check the environment URL, e.g. https://contoso.crm.dynamics.com",
                    null);
            case 429 -> new DataverseWebApiException(Kind.THROTTLED, status, "Dataverse at " + host
                + " is still throttling requests (429 Too Many Requests) after " + MAX_RETRIES + " retries while reading "
                + what + "; try again later.", null);
            default -> new DataverseWebApiException(Kind.OTHER, status, "Reading " + what + " from " + host
                + " failed with HTTP " + status + "." + detail, null);
        };
    }

    private DataverseWebApiException transportFailure(RuntimeException e, String what) {
        int depth = 0;
        for (Throwable t = e; t != null && depth < 20; t = t.getCause(), depth++) {
            if (t instanceof UnknownHostException) {
                return new DataverseWebApiException(Kind.NOT_FOUND_ENVIRONMENT, 0, "The Dataverse environment host '"
                    + environmentHost() + "' could not be found (DNS); check the environment URL", e);
            }
        }
        String reason = connectFailure(e);
        if (reason == null) {
            reason = e.getMessage() == null ? e.getClass().getSimpleName() : redact(e.getMessage());
        }
        return new DataverseWebApiException(Kind.OTHER, 0, "Could not reach Dataverse at " + environmentHost()
            + " while reading " + what + ": " + reason, e);
    }

    /**
     * A plain reason when no connection could be made (e.g. {@code nothing answers at http://127.0.0.1:8080
     * (connection refused); check the environment URL}), instead of the HTTP client's exception text; null otherwise.
     */
    String connectFailure(Throwable e) {
        int depth = 0;
        for (Throwable t = e; t != null && depth < 20; t = t.getCause(), depth++) {
            if (t instanceof java.net.ConnectException) {
                String text = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
                String how = text.contains("refused") ? "connection refused"
                    : text.contains("timed out") ? "connection timed out" : "no connection";
                return "nothing answers at " + environment.getScheme() + "://" + environment.getRawAuthority() + " ("
                    + how + "); check the environment URL, e.g. https://contoso.crm.dynamics.com";
            }
        }
        return null;
    }

    static String redact(String text) {
        return text == null ? null : BEARER.matcher(text).replaceAll("Bearer ***");
    }

    /** The {@code {"error":{"code":..,"message":..}}} body Dataverse answers errors with. */
    private record ODataError(String code, String message) {
        static ODataError parse(ObjectMapper json, byte[] bytes) {
            if (bytes.length == 0) {
                return new ODataError(null, null);
            }
            try {
                JsonNode error = json.readTree(bytes).get("error");
                if (error != null && error.isObject()) {
                    return new ODataError(text(error.get("code")), text(error.get("message")));
                }
            } catch (IOException | RuntimeException e) {
                // not JSON: not an OData error
            }
            return new ODataError(null, null);
        }

        private static String text(JsonNode node) {
            return node == null || node.isNull() ? null : node.asText();
        }

        boolean isDataverse() {
            return code != null || message != null;
        }
    }

    /**
     * Exponential backoff with at most {@link #MAX_RETRIES} retries of 408, 429 and 5xx (RetryPolicy honours
     * {@code Retry-After}); an unknown host is not retried, it will not appear, nor is a credential that gave no token.
     */
    private static final class ThrottlingBackoff extends ExponentialBackoff {
        ThrottlingBackoff() {
            super(MAX_RETRIES, Duration.ofMillis(800), Duration.ofSeconds(30));
        }

        @Override
        public boolean shouldRetryCondition(RequestRetryCondition condition) {
            for (Throwable t = condition.getThrowable(); t != null; t = t.getCause()) {
                if (t instanceof UnknownHostException || t instanceof ClientAuthenticationException) {
                    return false;
                }
            }
            return super.shouldRetryCondition(condition);
        }
    }
}
