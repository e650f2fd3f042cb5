package io.warren.tests.management;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.stream.Collectors;

/**
 * A small client of the management HTTP API: one method per HTTP verb, JSON bodies in and out.
 * Paths are given from the root ({@code /api/queues/%2F/q}); {@link #path} builds them with each
 * segment percent-encoded. Thread-safe; every call blocks until the answer is complete.
 */
public final class Api {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    private final URI base;
    private final String authorization;

    Api(URI base, String user, String password) {
        this.base = base;
        this.authorization = user == null ? null : "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** The same API, logged in as another user. */
    public Api as(String user, String password) {
        return new Api(base, user, password);
    }

    /** The same API without an Authorization header. */
    public Api anonymous() {
        return new Api(base, null, null);
    }

    /** {@code /api/} followed by the segments, each percent-encoded ({@code "/"} becomes {@code %2F}). */
    public static String path(String... segments) {
        return "/api/" + Arrays.stream(segments).map(Api::segment).collect(Collectors.joining("/"));
    }

    public static String segment(String raw) {
        // URLEncoder is for forms: it writes a space as '+', which a path must not contain.
        return URLEncoder.encode(raw, StandardCharsets.UTF_8).replace("+", "%20");
    }

    public ApiResponse get(String path) {
        return send("GET", path, null);
    }

    public ApiResponse put(String path, Object body) {
        return send("PUT", path, toJson(body));
    }

    public ApiResponse post(String path, Object body) {
        return send("POST", path, toJson(body));
    }

    public ApiResponse delete(String path) {
        return send("DELETE", path, null);
    }

    /** Sends {@code rawBody} (which need not be valid JSON) as an application/json body, or no body when null. */
    public ApiResponse send(String method, String path, String rawBody) {
        return send(method, path, "application/json",
                rawBody == null ? null : rawBody.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Sends {@code body} byte for byte under {@code contentType} (a multipart file upload, say),
     * or no body and no Content-Type when {@code body} is null.
     */
    public ApiResponse send(String method, String path, String contentType, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (body != null) {
            request.header("Content-Type", contentType);
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new ApiResponse(method, path, response.statusCode(), response.headers(), response.body(),
                    parse(response.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + method + " " + path, e);
        }
    }

    private static String toJson(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + body + " as JSON", e);
        }
    }

    private static JsonNode parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
