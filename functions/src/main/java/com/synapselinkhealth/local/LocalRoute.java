package com.synapselinkhealth.local;

import com.microsoft.azure.functions.HttpResponseMessage;
import com.synapselinkhealth.local.host.LocalHttpRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * One HTTP function as the local host serves it: method, route template as in {@code @HttpTrigger(route = ...)}
 * (with {@code {name}} segments), whether it is FUNCTION level (key required when one is set), and the call.
 *
 * @param tooLarge the answer when the declared body size is over the limit (before the body is read)
 */
record LocalRoute(String method, String route, boolean functionLevel, Handler handler,
                  BiFunction<Long, Map<String, String>, HttpResponseMessage> tooLarge) {

    /** Calls the function with the request and the route's path parameters. */
    @FunctionalInterface
    interface Handler {
        HttpResponseMessage handle(LocalHttpRequest request, Map<String, String> pathParameters);
    }

    LocalRoute {
        Objects.requireNonNull(method, "'method' cannot be null.");
        Objects.requireNonNull(route, "'route' cannot be null.");
        Objects.requireNonNull(handler, "'handler' cannot be null.");
        if (tooLarge == null) {
            tooLarge = (length, headers) -> LocalServer.problem(com.microsoft.azure.functions.HttpStatus.PAYLOAD_TOO_LARGE,
                "too-large", "The body is too large", "The body has " + length + " bytes; that is over the limit.");
        }
    }

    static LocalRoute of(String method, String route, boolean functionLevel, Handler handler) {
        return new LocalRoute(method, route, functionLevel, handler, null);
    }

    /** The path parameters when {@code rawPath} ({@code /api/...}) matches this route, else empty. */
    Optional<Map<String, String>> match(String rawPath) {
        if (!rawPath.startsWith(LocalServer.API_PREFIX)) {
            return Optional.empty();
        }
        String path = rawPath.substring(LocalServer.API_PREFIX.length());
        if (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        String[] want = route.split("/");
        String[] got = path.split("/", -1);
        if (want.length != got.length) {
            return Optional.empty();
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < want.length; i++) {
            if (want[i].startsWith("{") && want[i].endsWith("}")) {
                if (got[i].isEmpty()) {
                    return Optional.empty();
                }
                try {
                    params.put(want[i].substring(1, want[i].length() - 1), URLDecoder.decode(got[i], StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    return Optional.empty();
                }
            } else if (!want[i].equals(got[i])) {
                return Optional.empty();
            }
        }
        return Optional.of(params);
    }
}
