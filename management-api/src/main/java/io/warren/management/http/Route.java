package io.warren.management.http;

import io.netty.handler.codec.http.HttpMethod;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A method and a path template such as {@code /api/queues/{vhost}/{name}}, with the handler
 * that answers it. Template segments in braces capture one path segment each, URL-decoded
 * after the path is split, so {@code %2F} inside a segment stays part of it.
 */
public record Route(HttpMethod method, String[] segments, Handler handler) {

    /** Answers a request; runs on a management worker thread and may block on broker futures. */
    @FunctionalInterface
    public interface Handler {
        ApiResponse handle(ApiRequest request) throws Exception;
    }

    public static Route of(HttpMethod method, String template, Handler handler) {
        return new Route(method, split(template), handler);
    }

    /** How many segments are fixed text: the more, the more specific the route. */
    int literals() {
        int n = 0;
        for (String s : segments) {
            if (!s.startsWith("{")) {
                n++;
            }
        }
        return n;
    }

    static String[] split(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        if (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p.isEmpty() ? new String[0] : p.split("/", -1);
    }

    /** The captured parameters if the raw (still encoded) path segments match, else null. */
    Map<String, String> match(String[] rawSegments) {
        if (rawSegments.length != segments.length) {
            return null;
        }
        Map<String, String> params = null;
        for (int i = 0; i < segments.length; i++) {
            String t = segments[i];
            if (t.startsWith("{")) {
                if (params == null) {
                    params = new LinkedHashMap<>();
                }
                params.put(t.substring(1, t.length() - 1), decode(rawSegments[i]));
            } else if (!t.equals(rawSegments[i])) {
                return null;
            }
        }
        return params == null ? Map.of() : params;
    }

    private static String decode(String segment) {
        try {
            // Path segments keep '+' literal: only query strings use it for a space.
            return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("malformed percent-encoding in the path");
        }
    }
}
