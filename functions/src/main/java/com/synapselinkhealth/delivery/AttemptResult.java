package com.synapselinkhealth.delivery;

import java.time.Duration;

/**
 * What one POST to a callback URL came to.
 *
 * @param status the HTTP status, or 0 when no response came (timeout, connection refused, blocked address)
 * @param retryAfter the response's {@code Retry-After}, or {@code null}
 * @param error what went wrong without a response, or {@code null}
 */
public record AttemptResult(int status, Duration retryAfter, String error) {
    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    /** A short text for logs and dead letters: {@code HTTP 503} or the error. */
    public String describe() {
        return status > 0 ? "HTTP " + status : error;
    }
}
