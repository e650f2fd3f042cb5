package io.warren.management.api;

import io.warren.management.Management;
import io.warren.management.http.ApiResponse;
import io.warren.management.http.Json;
import io.warren.management.http.Router;

/**
 * {@code /api/auth}, which tells the web UI how to log in (OAuth 2 is not offered, so it shows
 * the basic login form), and {@code /api/auth/hash_password/{password}}, which hashes a
 * password as a {@code password_hash} for definitions, with password_hashing_module's algorithm.
 */
final class AuthApi {

    private final Management m;

    AuthApi(Management m) {
        this.m = m;
    }

    void register(Router r) {
        r.get("/api/auth", req -> ApiResponse.json(Json.object().put("oauth_enabled", false)
                .put("enable_uaa", false).put("uaa_client_id", "").put("uaa_location", "")));
        r.get("/api/auth/hash_password/{password}", req -> ApiResponse.json(Json.object()
                .put("ok", m.broker().users().hash(req.param("password")).toRabbitMq())));
    }
}
