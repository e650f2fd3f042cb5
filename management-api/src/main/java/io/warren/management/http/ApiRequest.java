package io.warren.management.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;

import java.util.List;
import java.util.Map;

/**
 * One API request as a handler sees it: path parameters already URL-decoded (so the vhost
 * {@code %2F} is {@code /}), query parameters, headers, the body and who made it.
 */
public record ApiRequest(HttpMethod method, String path, Map<String, String> params,
                         Map<String, List<String>> query, HttpHeaders headers, byte[] body, Caller caller) {

    /** A path parameter the route declared, such as {@code vhost} or {@code name}. */
    public String param(String name) {
        String v = params.get(name);
        if (v == null) {
            throw new IllegalArgumentException("route has no parameter " + name);
        }
        return v;
    }

    /** The last value of a query parameter, or null. */
    public String query(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(values.size() - 1);
    }

    public boolean queryFlag(String name) {
        return "true".equals(query(name));
    }

    /** The body as JSON: RabbitMQ's 400 not_json when it is not a JSON document. */
    public JsonNode json() {
        return Json.parse(body);
    }

    /** The body as a JSON object; an empty body counts as {@code {}}. */
    public JsonNode jsonObject() {
        if (body.length == 0) {
            return Json.object();
        }
        JsonNode node = json();
        if (!node.isObject()) {
            throw ApiException.badRequest("not_json");
        }
        return node;
    }
}
