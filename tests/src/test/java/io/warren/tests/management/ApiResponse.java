package io.warren.tests.management;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.http.HttpHeaders;
import java.util.Optional;

/**
 * One answer of the management API: its status, headers and body, the body parsed as JSON when it
 * is JSON ({@link #json()} is null for an empty or non-JSON body).
 */
public record ApiResponse(String method, String path, int status, HttpHeaders headers, String text, JsonNode json) {

    public Optional<String> header(String name) {
        return headers.firstValue(name);
    }

    /** The {@code error} field of an error body, or null. */
    public String error() {
        return json != null && json.has("error") ? json.get("error").asText() : null;
    }

    /** The {@code reason} field of an error body, or null. */
    public String reason() {
        return json != null && json.has("reason") ? json.get("reason").asText() : null;
    }

    @Override
    public String toString() {
        String shown = text.length() > 500 ? text.substring(0, 500) + "..." : text;
        return method + " " + path + " -> " + status + " " + shown;
    }
}
