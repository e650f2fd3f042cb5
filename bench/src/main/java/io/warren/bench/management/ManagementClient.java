package io.warren.bench.management;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * GETs from a management HTTP API with basic authentication taken from the base URI's user
 * information. Thread-safe: one instance serves every thread of a run.
 */
final class ManagementClient {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final String base;
    private final String authorization;

    ManagementClient(URI baseUri) {
        String userInfo = baseUri.getRawUserInfo();
        String credentials = userInfo == null ? "guest:guest" : URLDecoder.decode(userInfo, StandardCharsets.UTF_8);
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
        String path = baseUri.getRawPath() == null ? "" : baseUri.getRawPath().replaceAll("/+$", "");
        this.base = baseUri.getScheme() + "://" + baseUri.getHost()
                + (baseUri.getPort() < 0 ? "" : ":" + baseUri.getPort()) + path;
    }

    /**
     * The whole body of a GET of {@code path} (which starts with "/api/").
     *
     * @throws IOException when the request fails or the status is not 200; the message holds
     *                     the status and the start of the body
     */
    byte[] get(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(TIMEOUT)
                .header("Authorization", authorization)
                .GET()
                .build();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            String body = new String(response.body(), StandardCharsets.UTF_8);
            throw new IOException("GET " + path + " answered " + response.statusCode() + ": "
                    + body.substring(0, Math.min(200, body.length())));
        }
        return response.body();
    }

    JsonNode getJson(String path) throws IOException, InterruptedException {
        return MAPPER.readTree(get(path));
    }
}
