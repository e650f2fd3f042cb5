package io.warren.management.http;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a handler answers: a status, an optional JSON body (already serialised, so writing it
 * never fails on the event loop) and extra headers.
 */
public record ApiResponse(int status, byte[] body, String contentType, Map<String, String> headers) {
    private static final byte[] NONE = new byte[0];

    public static ApiResponse json(Object value) {
        return new ApiResponse(200, Json.bytes(value), "application/json", Map.of());
    }

    public static ApiResponse json(int status, Object value) {
        return new ApiResponse(status, Json.bytes(value), "application/json", Map.of());
    }

    /** RabbitMQ's answer to a PUT that created something. */
    public static ApiResponse created() {
        return new ApiResponse(201, NONE, null, Map.of());
    }

    /** RabbitMQ's answer to a PUT that changed something, and to a DELETE. */
    public static ApiResponse noContent() {
        return new ApiResponse(204, NONE, null, Map.of());
    }

    public static ApiResponse bytes(int status, byte[] body, String contentType) {
        return new ApiResponse(status, body, contentType, Map.of());
    }

    public ApiResponse withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new ApiResponse(status, body, contentType, Map.copyOf(h));
    }
}
