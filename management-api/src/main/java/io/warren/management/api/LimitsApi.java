package io.warren.management.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.warren.broker.User;
import io.warren.broker.VirtualHost;
import io.warren.broker.access.VhostMetadata;
import io.warren.management.Management;
import io.warren.management.http.ApiException;
import io.warren.management.http.ApiRequest;
import io.warren.management.http.ApiResponse;
import io.warren.management.http.Json;
import io.warren.management.http.Listing;
import io.warren.management.http.Router;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /api/vhost-limits} and {@code /api/user-limits}: list, set one limit, clear one limit.
 * Limits are stored, exported and shown here, and enforced by the broker's {@code LimitGate}.
 * Anyone may list them (a management user sees the vhosts they have permissions in and their own
 * user); only administrators change them.
 */
final class LimitsApi {
    private static final Set<String> VHOST_LIMITS = Set.of("max-connections", "max-queues");
    private static final Set<String> USER_LIMITS = Set.of("max-connections", "max-channels");

    private final Management m;

    LimitsApi(Management m) {
        this.m = m;
    }

    void register(Router r) {
        r.get("/api/vhost-limits", req -> Listing.respond(req, vhostLimits(req, null)));
        r.get("/api/vhost-limits/{vhost}", req -> {
            VirtualHost v = vhost(req);
            Authorise.sees(req, v.name());
            return Listing.respond(req, vhostLimits(req, v));
        });
        r.put("/api/vhost-limits/{vhost}/{name}", req -> {
            Authorise.administrator(req);
            VirtualHost v = vhost(req);
            Map<String, Object> limits = new LinkedHashMap<>(v.metadata().limits());
            limits.put(req.param("name"), value(req, VHOST_LIMITS));
            Bodies.await(m.broker().addVhost(v.name(), withLimits(v.metadata(), limits)));
            return ApiResponse.noContent();
        });
        r.delete("/api/vhost-limits/{vhost}/{name}", req -> {
            Authorise.administrator(req);
            VirtualHost v = vhost(req);
            Map<String, Object> limits = new LinkedHashMap<>(v.metadata().limits());
            limits.remove(req.param("name"));
            Bodies.await(m.broker().addVhost(v.name(), withLimits(v.metadata(), limits)));
            return ApiResponse.noContent();
        });
        r.get("/api/user-limits", req -> Listing.respond(req, userLimits(req, null)));
        r.get("/api/user-limits/{user}", req -> Listing.respond(req, userLimits(req, user(req))));
        r.put("/api/user-limits/{user}/{name}", req -> {
            Authorise.administrator(req);
            User u = user(req);
            Map<String, Object> limits = new LinkedHashMap<>(u.limits());
            limits.put(req.param("name"), value(req, USER_LIMITS));
            Bodies.await(m.broker().users().put(new User(u.name(), u.password(), u.tags(), limits)));
            return ApiResponse.noContent();
        });
        r.delete("/api/user-limits/{user}/{name}", req -> {
            Authorise.administrator(req);
            User u = user(req);
            Map<String, Object> limits = new LinkedHashMap<>(u.limits());
            limits.remove(req.param("name"));
            Bodies.await(m.broker().users().put(new User(u.name(), u.password(), u.tags(), limits)));
            return ApiResponse.noContent();
        });
    }

    private VirtualHost vhost(ApiRequest req) {
        VirtualHost v = m.broker().vhosts().get(req.param("vhost"));
        if (v == null) {
            throw ApiException.notFound();
        }
        return v;
    }

    private User user(ApiRequest req) {
        User u = m.broker().users().get(req.param("user"));
        if (u == null) {
            throw ApiException.notFound();
        }
        return u;
    }

    private static VhostMetadata withLimits(VhostMetadata md, Map<String, Object> limits) {
        return new VhostMetadata(md.description(), md.tags(), md.defaultQueueType(), limits);
    }

    /** The body's {@code value}: an integer, for one of the limits RabbitMQ knows. */
    private static Object value(ApiRequest req, Set<String> known) {
        JsonNode body = req.jsonObject();
        Bodies.require(body, "value");
        String name = req.param("name");
        JsonNode value = body.get("value");
        if (!known.contains(name)) {
            throw Bodies.validationFailed("Unrecognised terms [{<<\"" + name + "\">>," + value + "}] in limits");
        }
        if (!value.canConvertToLong()) {
            throw Bodies.validationFailed(name + " should be an integer, actually was " + value);
        }
        return value.longValue();
    }

    private List<ObjectNode> vhostLimits(ApiRequest req, VirtualHost only) {
        List<ObjectNode> out = new ArrayList<>();
        for (VirtualHost v : only != null ? List.of(only) : m.broker().vhosts().all()) {
            if (!v.metadata().limits().isEmpty() && req.caller().sees(v.name())) {
                ObjectNode o = Json.object().put("vhost", v.name());
                o.set("value", Json.MAPPER.valueToTree(v.metadata().limits()));
                out.add(o);
            }
        }
        return out;
    }

    private List<ObjectNode> userLimits(ApiRequest req, User only) {
        List<ObjectNode> out = new ArrayList<>();
        for (User u : only != null ? List.of(only) : m.broker().users().all()) {
            boolean visible = req.caller().isMonitoring() || u.name().equals(req.caller().name());
            if (!u.limits().isEmpty() && visible) {
                ObjectNode o = Json.object().put("user", u.name());
                o.set("value", Json.MAPPER.valueToTree(u.limits()));
                out.add(o);
            }
        }
        return out;
    }
}
