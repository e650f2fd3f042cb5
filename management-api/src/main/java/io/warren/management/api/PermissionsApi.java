package io.warren.management.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.warren.broker.access.Permission;
import io.warren.broker.access.TopicPermission;
import io.warren.management.Management;
import io.warren.management.http.ApiException;
import io.warren.management.http.ApiRequest;
import io.warren.management.http.ApiResponse;
import io.warren.management.http.Json;
import io.warren.management.http.Listing;
import io.warren.management.http.Router;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * {@code /api/permissions} and {@code /api/topic-permissions}: list, show, grant (201 for a new
 * grant, 204 for a change) and revoke a user's permissions in a vhost. Administrators only.
 * Revoking topic permissions removes the user's topic permissions on every exchange of the
 * vhost, as RabbitMQ's endpoint does.
 */
final class PermissionsApi {
    private final Management m;

    PermissionsApi(Management m) {
        this.m = m;
    }

    void register(Router r) {
        r.get("/api/permissions", req -> {
            Authorise.administrator(req);
            return Listing.respond(req, permissions(m, p -> true));
        });
        r.get("/api/permissions/{vhost}/{user}", req -> {
            Authorise.administrator(req);
            Permission p = m.broker().permissions().get(req.param("vhost"), req.param("user"));
            if (p == null) {
                throw ApiException.notFound();
            }
            return ApiResponse.json(json(p));
        });
        r.put("/api/permissions/{vhost}/{user}", this::grant);
        r.delete("/api/permissions/{vhost}/{user}", req -> {
            Authorise.administrator(req);
            if (!Bodies.await(m.broker().permissions().clear(req.param("vhost"), req.param("user")))) {
                throw ApiException.notFound();
            }
            return ApiResponse.noContent();
        });
        r.get("/api/topic-permissions", req -> {
            Authorise.administrator(req);
            return Listing.respond(req, topicPermissions(m, p -> true));
        });
        r.get("/api/topic-permissions/{vhost}/{user}", req -> {
            Authorise.administrator(req);
            String vhost = req.param("vhost");
            String user = req.param("user");
            List<ObjectNode> found = topicPermissions(m, p -> p.vhost().equals(vhost) && p.user().equals(user));
            if (found.isEmpty()) {
                throw ApiException.notFound();
            }
            return Listing.respond(req, found);
        });
        r.put("/api/topic-permissions/{vhost}/{user}", this::grantTopic);
        r.delete("/api/topic-permissions/{vhost}/{user}", req -> {
            Authorise.administrator(req);
            if (!Bodies.await(m.broker().permissions().clearTopic(req.param("vhost"), req.param("user"), null))) {
                throw ApiException.notFound();
            }
            return ApiResponse.noContent();
        });
    }

    static List<ObjectNode> permissions(Management m, Predicate<Permission> which) {
        List<ObjectNode> out = new ArrayList<>();
        for (Permission p : m.broker().permissions().all()) {
            if (which.test(p)) {
                out.add(json(p));
            }
        }
        return out;
    }

    static List<ObjectNode> topicPermissions(Management m, Predicate<TopicPermission> which) {
        List<ObjectNode> out = new ArrayList<>();
        for (TopicPermission p : m.broker().permissions().allTopic()) {
            if (which.test(p)) {
                out.add(Json.object().put("user", p.user()).put("vhost", p.vhost()).put("exchange", p.exchange())
                        .put("write", p.write()).put("read", p.read()));
            }
        }
        return out;
    }

    private static ObjectNode json(Permission p) {
        return Json.object().put("user", p.user()).put("vhost", p.vhost()).put("configure", p.configure())
                .put("write", p.write()).put("read", p.read());
    }

    private ApiResponse grant(ApiRequest req) {
        Authorise.administrator(req);
        JsonNode body = req.jsonObject();
        Bodies.require(body, "configure", "write", "read");
        String vhost = req.param("vhost");
        String user = req.param("user");
        checkExists(vhost, user);
        boolean existed = m.broker().permissions().get(vhost, user) != null;
        try {
            Bodies.await(m.broker().permissions().set(new Permission(user, vhost, body.get("configure").asText(),
                    body.get("write").asText(), body.get("read").asText())));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        return existed ? ApiResponse.noContent() : ApiResponse.created();
    }

    private ApiResponse grantTopic(ApiRequest req) {
        Authorise.administrator(req);
        JsonNode body = req.jsonObject();
        Bodies.require(body, "exchange", "write", "read");
        String vhost = req.param("vhost");
        String user = req.param("user");
        checkExists(vhost, user);
        boolean existed = m.broker().permissions().allTopic().stream()
                .anyMatch(p -> p.vhost().equals(vhost) && p.user().equals(user));
        try {
            Bodies.await(m.broker().permissions().setTopic(new TopicPermission(user, vhost,
                    body.get("exchange").asText(), body.get("write").asText(), body.get("read").asText())));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        return existed ? ApiResponse.noContent() : ApiResponse.created();
    }

    private void checkExists(String vhost, String user) {
        if (m.broker().vhosts().get(vhost) == null || m.broker().users().get(user) == null) {
            throw ApiException.badRequest("vhost_or_user_not_found");
        }
    }
}
