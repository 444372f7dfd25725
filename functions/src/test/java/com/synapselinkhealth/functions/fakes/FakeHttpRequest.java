package com.synapselinkhealth.functions.fakes;

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
 * An {@link HttpRequestMessage} as the Functions host hands a {@code dataType = "binary"} HTTP trigger: the body
 * as {@code Optional<byte[]>}, headers as the host gives them (names in the case the client sent).
 */
public final class FakeHttpRequest implements HttpRequestMessage<Optional<byte[]>> {
    private final URI uri;
    private final HttpMethod method;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final Map<String, String> query = new LinkedHashMap<>();
    private byte[] body;

    private FakeHttpRequest(HttpMethod method, URI uri) {
        this.method = method;
        this.uri = uri;
    }

    public static FakeHttpRequest post(String path) {
        return new FakeHttpRequest(HttpMethod.POST, URI.create("https://linkhealth.example.net" + path));
    }

    public FakeHttpRequest header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public FakeHttpRequest query(String name, String value) {
        query.put(name, value);
        return this;
    }

    /** {@code null} stands for a request without a body ({@code Optional.empty()}). */
    public FakeHttpRequest body(byte[] bytes) {
        this.body = bytes;
        return this;
    }

    public FakeHttpRequest body(String text) {
        return body(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A JSON body with {@code Content-Type: application/json; charset=utf-8}, as Dataverse sends it. */
    public FakeHttpRequest json(byte[] bytes) {
        return header("Content-Type", "application/json; charset=utf-8").body(bytes);
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
        return Collections.unmodifiableMap(headers);
    }

    @Override
    public Map<String, String> getQueryParameters() {
        return Collections.unmodifiableMap(query);
    }

    @Override
    public Optional<byte[]> getBody() {
        return Optional.ofNullable(body);
    }

    @Override
    public HttpResponseMessage.Builder createResponseBuilder(HttpStatus status) {
        return new Response.Builder(status);
    }

    @Override
    public HttpResponseMessage.Builder createResponseBuilder(HttpStatusType status) {
        return new Response.Builder(status);
    }

    /** The response a function built. */
    public record Response(HttpStatusType status, Map<String, String> headers, Object body) implements HttpResponseMessage {
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

        /** The body as text, whatever type the function gave it. */
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
                return new Response(status, Map.copyOf(headers), body);
            }
        }
    }
}
