package io.warren.tests.management;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * One recorded call of RabbitMQ 3.10.8's management API, as {@code record-fixtures.py} wrote it
 * under {@code src/test/resources/management/rabbitmq-3.10.8/}: the request, the status, the
 * kept headers and the body. Fixtures were recorded in the vhost {@link #VHOST}; names inside
 * error reasons are rewritten to the vhost of the test with {@link #reason(String)}.
 */
public record Fixture(String name, String method, String path, int status, JsonNode headers, JsonNode body) {
    /** The vhost the recording used. */
    public static final String VHOST = "warren-fixture-vh";
    private static final String ROOT = "/management/rabbitmq-3.10.8/";

    /** Loads {@code <family>/<call>}, for example {@code queues/show}. */
    public static Fixture load(String name) {
        try (InputStream in = Fixture.class.getResourceAsStream(ROOT + name + ".json")) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + ROOT + name + ".json");
            }
            JsonNode root = Api.JSON.readTree(in);
            JsonNode request = root.get("request");
            JsonNode response = root.get("response");
            JsonNode body = response.get("body");
            return new Fixture(name, request.get("method").asText(), request.get("path").asText(),
                    response.get("status").asInt(), response.get("headers"), body.isNull() ? null : body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A recorded header, or null when the response did not have it. */
    public String header(String name) {
        JsonNode value = headers.get(name);
        return value == null ? null : value.asText();
    }

    public String error() {
        return body == null || !body.has("error") ? null : body.get("error").asText();
    }

    /** The recorded {@code reason}, with the recording's vhost name replaced by {@code vhost}. */
    public String reason(String vhost) {
        return body == null || !body.has("reason") ? null : body.get("reason").asText().replace(VHOST, vhost);
    }

    /** The element of a list body whose {@code field} is {@code value}. */
    public JsonNode item(String field, String value) {
        return Json.item(body, field, value);
    }
}
