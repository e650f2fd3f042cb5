package io.warren.management.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.warren.broker.PasswordHash;
import io.warren.broker.User;
import io.warren.management.Management;
import io.warren.management.http.ApiException;
import io.warren.management.http.ApiRequest;
import io.warren.management.http.ApiResponse;
import io.warren.management.http.Json;
import io.warren.management.http.Listing;
import io.warren.management.http.Router;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Predicate;

/**
 * {@code /api/users}: list, those without permissions, show, create or update (201 / 204),
 * delete, bulk delete, and a user's permissions. Administrators only. A PUT takes
 * {@code password}, or {@code password_hash} with an optional {@code hashing_algorithm}
 * ({@code ""} for a user who cannot log in with a password), and {@code tags}, which RabbitMQ
 * 3.10 requires, as a comma-separated string or an array.
 */
final class UsersApi {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Management m;

    UsersApi(Management m) {
        this.m = m;
    }

    void register(Router r) {
        r.get("/api/users", req -> {
            Authorise.administrator(req);
            return Listing.respond(req, users(u -> true));
        });
        r.get("/api/users/without-permissions", req -> {
            Authorise.administrator(req);
            return Listing.respond(req, users(u -> m.broker().permissions().all().stream()
                    .noneMatch(p -> p.user().equals(u.name()))));
        });
        r.post("/api/users/bulk-delete", this::bulkDelete);
        r.get("/api/users/{user}", req -> {
            Authorise.administrator(req);
            return ApiResponse.json(json(existing(req)));
        });
        r.put("/api/users/{user}", this::put);
        r.delete("/api/users/{user}", req -> {
            Authorise.administrator(req);
            if (!Bodies.await(m.broker().users().remove(req.param("user")))) {
                throw ApiException.notFound();
            }
            return ApiResponse.noContent();
        });
        r.get("/api/users/{user}/permissions", req -> {
            Authorise.administrator(req);
            String user = existing(req).name();
            return Listing.respond(req, PermissionsApi.permissions(m, p -> p.user().equals(user)));
        });
        r.get("/api/users/{user}/topic-permissions", req -> {
            Authorise.administrator(req);
            String user = existing(req).name();
            return Listing.respond(req, PermissionsApi.topicPermissions(m, p -> p.user().equals(user)));
        });
    }

    private User existing(ApiRequest req) {
        User u = m.broker().users().get(req.param("user"));
        if (u == null) {
            throw ApiException.notFound();
        }
        return u;
    }

    private List<ObjectNode> users(Predicate<User> which) {
        List<ObjectNode> out = new ArrayList<>();
        for (User u : m.broker().users().all()) {
            if (which.test(u)) {
                out.add(json(u));
            }
        }
        return out;
    }

    static ObjectNode json(User u) {
        ObjectNode o = Json.object();
        o.put("name", u.name());
        PasswordHash p = u.password();
        o.put("password_hash", p == null ? "" : p.toRabbitMq());
        o.put("hashing_algorithm", p == null ? PasswordHash.RABBIT_SHA256 : p.hashingAlgorithm());
        o.set("tags", Json.MAPPER.valueToTree(u.tags().stream().sorted().toList()));
        o.set("limits", Json.MAPPER.valueToTree(u.limits()));
        return o;
    }

    private ApiResponse put(ApiRequest req) {
        Authorise.administrator(req);
        JsonNode body = req.jsonObject();
        if (!body.has("tags")) {
            throw ApiException.badRequest("tags_not_present");
        }
        String name = req.param("user");
        User existing = m.broker().users().get(name);
        PasswordHash password;
        if (body.hasNonNull("password")) {
            password = m.broker().users().hash(body.get("password").asText());
        } else if (body.has("password_hash")) {
            password = passwordHash(body, m.broker().users().defaultHashing().wireName());
        } else if (existing != null) {
            password = existing.password();
        } else {
            // RabbitMQ gives a user created without credentials a random password nobody knows.
            byte[] secret = new byte[24];
            RANDOM.nextBytes(secret);
            password = m.broker().users().hash(Base64.getEncoder().encodeToString(secret));
        }
        User user = new User(name, password, new LinkedHashSet<>(VhostsApi.tags(body.get("tags"))),
                existing == null ? null : existing.limits());
        Bodies.await(m.broker().users().put(user));
        return existing == null ? ApiResponse.created() : ApiResponse.noContent();
    }

    /** As RabbitMQ's put_user: a hash without hashing_algorithm is one of password_hashing_module. */
    private static PasswordHash passwordHash(JsonNode body, String defaultAlgorithm) {
        String hash = body.get("password_hash").asText("");
        String algorithm = body.hasNonNull("hashing_algorithm")
                ? body.get("hashing_algorithm").asText() : defaultAlgorithm;
        try {
            return PasswordHash.fromDefinition(algorithm, hash);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    private ApiResponse bulkDelete(ApiRequest req) {
        Authorise.administrator(req);
        JsonNode body = req.jsonObject();
        Bodies.require(body, "users");
        for (JsonNode name : body.get("users")) {
            Bodies.await(m.broker().users().remove(name.asText()));
        }
        return ApiResponse.noContent();
    }
}
