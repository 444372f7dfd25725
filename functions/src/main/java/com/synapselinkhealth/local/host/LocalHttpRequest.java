package com.synapselinkhealth.local.host;

import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatus;
import com.microsoft.azure.functions.HttpStatusType;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** An {@link HttpRequestMessage} made from a request the local server received, as the Functions host would. */
public final class LocalHttpRequest implements HttpRequestMessage<Optional<byte[]>> {
    private final URI uri;
    private final HttpMethod method;
    private final Map<String, String> headers;
    private final Map<String, String> query;
    private final byte[] body;

    public LocalHttpRequest(URI uri, HttpMethod method, Map<String, String> headers, Map<String, String> query, byte[] body) {
        this.uri = uri;
        this.method = method;
        this.headers = headers;
        this.query = query;
        this.body = body;
    }

    @Override
    public URI getUri() {
        return uri;
    }

    @Override
    public HttpMethod getHttpMethod() {
        return method;
    }

    @Override
    public Map<String, String> getHeaders() {
        return headers;
    }

    @Override
    public Map<String, String> getQueryParameters() {
        return query;
    }

    @Override
    public Optional<byte[]> getBody() {
        return Optional.ofNullable(body);
    }

    @Override
    public HttpResponseMessage.Builder createResponseBuilder(HttpStatus status) {
        return new LocalHttpResponse.Builder(status);
    }

    @Override
    public HttpResponseMessage.Builder createResponseBuilder(HttpStatusType status) {
        return new LocalHttpResponse.Builder(status);
    }

    /** The same request as a function with a text body ({@code HttpRequestMessage<Optional<String>>}) sees it. */
    public HttpRequestMessage<Optional<String>> withTextBody() {
        LocalHttpRequest binary = this;
        String text = body == null ? null : new String(body, java.nio.charset.StandardCharsets.UTF_8);
        return new HttpRequestMessage<>() {
            @Override
            public URI getUri() {
                return binary.getUri();
            }

            @Override
            public HttpMethod getHttpMethod() {
                return binary.getHttpMethod();
            }

            @Override
            public Map<String, String> getHeaders() {
                return binary.getHeaders();
            }

            @Override
            public Map<String, String> getQueryParameters() {
                return binary.getQueryParameters();
            }

            @Override
            public Optional<String> getBody() {
                return Optional.ofNullable(text);
            }

            @Override
            public HttpResponseMessage.Builder createResponseBuilder(HttpStatus status) {
                return binary.createResponseBuilder(status);
            }

            @Override
            public HttpResponseMessage.Builder createResponseBuilder(HttpStatusType status) {
                return binary.createResponseBuilder(status);
            }
        };
    }

    /** A response made by code that does not go through a function (key check, unknown route). */
    public static HttpResponseMessage.Builder respond(HttpStatus status) {
        return new LocalHttpResponse.Builder(status);
    }

    /** The plain response value, as the local server writes it. */
    public record LocalHttpResponse(HttpStatusType status, Map<String, String> headers, Object body)
        implements HttpResponseMessage {

        @Override
        public HttpStatusType getStatus() {
            return status;
        }

        @Override
        public String getHeader(String key) {
            for (Map.Entry<String, String> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(key)) {
                    return e.getValue();
                }
            }
            return null;
        }

        @Override
        public Object getBody() {
            return body;
        }

        static final class Builder implements HttpResponseMessage.Builder {
            private HttpStatusType status;
            private final Map<String, String> headers = new LinkedHashMap<>();
            private Object body;

            Builder(HttpStatusType status) {
                this.status = status;
            }

            @Override
            public HttpResponseMessage.Builder status(HttpStatusType status) {
                this.status = status;
                return this;
            }

            @Override
            public HttpResponseMessage.Builder header(String key, String value) {
                headers.put(key, value);
                return this;
            }

            @Override
            public HttpResponseMessage.Builder body(Object body) {
                this.body = body;
                return this;
            }

            @Override
            public HttpResponseMessage build() {
                return new LocalHttpResponse(status, Map.copyOf(headers), body);
            }
        }
    }
}
