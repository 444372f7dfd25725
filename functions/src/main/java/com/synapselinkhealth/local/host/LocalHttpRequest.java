package com.synapselinkhealth.local.host;

import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatus;
import com.microsoft.azure.functions.HttpStatusType;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An {@link HttpRequestMessage} as the Functions host hands a {@code dataType = "binary"} HTTP trigger: the body as
 * {@code Optional<byte[]>}. The local server makes one from each request it receives; {@link #post} makes one by hand.
 */
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

    /**
     * Starts a POST made by hand rather than received (headers keep the case given), e.g.
     * {@code LocalHttpRequest.post(uri).json(body).build()}.
     */
    public static Builder post(URI uri) {
        return new Builder(HttpMethod.POST, uri);
    }

    /** The same request as a function with a text body ({@code HttpRequestMessage<Optional<String>>}) sees it. */
    public HttpRequestMessage<Optional<String>> withTextBody() {
        LocalHttpRequest binary = this;
        String text = body == null ? null : new String(body, StandardCharsets.UTF_8);
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

    /** A request being made: its headers, query parameters and body. */
    public static final class Builder {
        private final HttpMethod method;
        private final URI uri;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private final Map<String, String> query = new LinkedHashMap<>();
        private byte[] body;

        private Builder(HttpMethod method, URI uri) {
            this.method = method;
            this.uri = uri;
        }

        public Builder header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        public Builder query(String name, String value) {
            query.put(name, value);
            return this;
        }

        /** {@code null} stands for a request without a body ({@code Optional.empty()}). */
        public Builder body(byte[] bytes) {
            this.body = bytes;
            return this;
        }

        public Builder body(String text) {
            return body(text.getBytes(StandardCharsets.UTF_8));
        }

        /** A JSON body with {@code Content-Type: application/json; charset=utf-8}, as Dataverse sends it. */
        public Builder json(byte[] bytes) {
            return header("Content-Type", "application/json; charset=utf-8").body(bytes);
        }

        public LocalHttpRequest build() {
            return new LocalHttpRequest(uri, method, Collections.unmodifiableMap(new LinkedHashMap<>(headers)),
                Collections.unmodifiableMap(new LinkedHashMap<>(query)), body);
        }
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

        /** The body as bytes, whatever type the function gave it (text as UTF-8); none is empty. */
        public byte[] bodyBytes() {
            if (body == null) {
                return new byte[0];
            }
            return body instanceof byte[] bytes ? bytes : body.toString().getBytes(StandardCharsets.UTF_8);
        }

        /** The body as text, whatever type the function gave it; null when there is none. */
        public String bodyText() {
            if (body == null) {
                return null;
            }
            return body instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : body.toString();
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
