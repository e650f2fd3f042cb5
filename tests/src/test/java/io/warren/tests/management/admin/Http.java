package io.warren.tests.management.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.warren.tests.support.TestBroker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** A management API client for tests: one user's basic auth, JSON in and out. */
final class Http {
    static final ObjectMapper JSON = new ObjectMapper();
    // HTTP/1.1: over h2c RabbitMQ sends the header name "Content-Disposition", which HTTP/2 forbids.
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** A response with its status, headers and body parsed as JSON (null when empty). */
    record Response(int status, HttpResponse<byte[]> raw) {
        JsonNode json() {
            try {
                return raw.body().length == 0 ? null : JSON.readTree(raw.body());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        byte[] bytes() {
            return raw.body();
        }
    }

    private final String base;
    private final String authorization;

    Http(TestBroker broker, String user, String password) {
        this.base = broker.managementUri();
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    static Http guest(TestBroker broker) {
        return new Http(broker, "guest", "guest");
    }

    Response get(String path) {
        return send(request(path).GET());
    }

    Response put(String path, String json) {
        return send(request(path).header("content-type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    Response post(String path, String contentType, byte[] body) {
        return send(request(path).header("content-type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    Response delete(String path) {
        return send(request(path).DELETE());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).header("authorization", authorization);
    }

    private static Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<byte[]> r = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Response(r.statusCode(), r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A path segment with '/' and other reserved characters escaped, as %2F for the default vhost. */
    static String seg(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
