package io.warren.management.api;

import io.warren.broker.PasswordHash;
import io.warren.management.http.ApiResponse;
import io.warren.management.http.Json;
import io.warren.management.http.Router;

/**
 * {@code /api/auth}, which tells the web UI how to log in (OAuth 2 is not offered, so it shows
 * the basic login form), and {@code /api/auth/hash_password/{password}}, which hashes a
 * password as a {@code password_hash} for definitions.
 */
final class AuthApi {

    void register(Router r) {
        r.get("/api/auth", req -> ApiResponse.json(Json.object().put("oauth_enabled", false)
                .put("enable_uaa", false).put("uaa_client_id", "").put("uaa_location", "")));
        r.get("/api/auth/hash_password/{password}", req -> ApiResponse.json(Json.object()
                .put("ok", PasswordHash.sha256(req.param("password")).toRabbitMq())));
    }
}
