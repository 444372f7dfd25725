package com.synapselinkhealth.local.http;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Locale;

/**
 * A {@link RawResponse} as the bytes {@link GuardedHttpServer} sends: the status line, {@code Date}, the response's
 * own headers (those the server sets itself, and malformed ones, left out), {@code Content-Length} and
 * {@code Connection: close} when the connection ends after it, then the body unless the request was a HEAD.
 */
final class ResponseBytes {
    private ResponseBytes() {
    }

    static byte[] of(RawResponse r, boolean close, boolean headOnly) {
        StringBuilder h = new StringBuilder(256);
        h.append("HTTP/1.1 ").append(r.status()).append(' ').append(reason(r.status())).append("\r\n");
        h.append("Date: ").append(DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)))
            .append("\r\n");
        r.headers().forEach((k, v) -> {
            String name = k.toLowerCase(Locale.ROOT);
            if (!name.equals("content-length") && !name.equals("connection") && !name.equals("transfer-encoding")
                && !name.equals("date") && k.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+") && v != null) {
                h.append(k).append(": ").append(v.replaceAll("[\\r\\n]", " ")).append("\r\n");
            }
        });
        boolean noBody = r.status() == 204 || r.status() == 304 || r.status() < 200;
        if (!noBody) {
            h.append("Content-Length: ").append(r.body().length).append("\r\n");
        }
        if (close) {
            h.append("Connection: close\r\n");
        }
        h.append("\r\n");
        byte[] head = h.toString().getBytes(StandardCharsets.UTF_8);
        if (noBody || headOnly || r.body().length == 0) {
            return head;
        }
        byte[] all = Arrays.copyOf(head, head.length + r.body().length);
        System.arraycopy(r.body(), 0, all, head.length, r.body().length);
        return all;
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 201 -> "Created";
            case 202 -> "Accepted";
            case 204 -> "No Content";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 408 -> "Request Timeout";
            case 409 -> "Conflict";
            case 413 -> "Content Too Large";
            case 415 -> "Unsupported Media Type";
            case 422 -> "Unprocessable Content";
            case 429 -> "Too Many Requests";
            case 431 -> "Request Header Fields Too Large";
            case 500 -> "Internal Server Error";
            case 501 -> "Not Implemented";
            case 503 -> "Service Unavailable";
            case 505 -> "HTTP Version Not Supported";
            default -> "Status";
        };
    }
}
