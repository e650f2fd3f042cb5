package io.warren.management.http;

import io.netty.handler.codec.http.HttpMethod;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The API's route table. Built once at start-up, then read by any thread. */
public final class Router {
    private final List<Route> routes = new ArrayList<>();

    public Router get(String template, Route.Handler h) { return add(HttpMethod.GET, template, h); }

    public Router put(String template, Route.Handler h) { return add(HttpMethod.PUT, template, h); }

    public Router post(String template, Route.Handler h) { return add(HttpMethod.POST, template, h); }

    public Router delete(String template, Route.Handler h) { return add(HttpMethod.DELETE, template, h); }

    public Router add(HttpMethod method, String template, Route.Handler h) {
        routes.add(Route.of(method, template, h));
        return this;
    }

    /** A route and its parameters, or why there is none. */
    public record Match(Route route, Map<String, String> params, Set<String> allowedMethods) {
    }

    /**
     * The route for the method and raw path; when the path exists under other methods only, a
     * match without route and with the methods it allows (for 405); null when no route has the path.
     */
    public Match find(HttpMethod method, String rawPath) {
        String[] segments = Route.split(rawPath);
        Set<String> allowed = new LinkedHashSet<>();
        Route best = null;
        Map<String, String> bestParams = null;
        for (Route r : routes) {
            Map<String, String> params = r.match(segments);
            if (params == null) {
                continue;
            }
            // A literal segment beats a parameter: /api/queues/detailed is not the vhost "detailed".
            if (best != null && r.literals() <= best.literals()) {
                continue;
            }
            if (r.method().equals(method) || method.equals(HttpMethod.HEAD) && r.method().equals(HttpMethod.GET)) {
                best = r;
                bestParams = params;
            }
        }
        if (best != null) {
            return new Match(best, bestParams, Set.of());
        }
        for (Route r : routes) {
            if (r.match(segments) != null) {
                allowed.add(r.method().name());
            }
        }
        return allowed.isEmpty() ? null : new Match(null, Map.of(), allowed);
    }
}
