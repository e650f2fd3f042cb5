package io.warren.management.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.warren.broker.ServerProperties;
import io.warren.management.Management;
import io.warren.management.http.ApiResponse;
import io.warren.management.http.Json;
import io.warren.management.http.Router;

/** {@code /api/whoami} and {@code /api/version}. */
final class OverviewApi {
    private final Management m;

    OverviewApi(Management m) {
        this.m = m;
    }

    void register(Router r) {
        r.get("/api/whoami", req -> {
            ArrayNode tags = Json.MAPPER.createArrayNode();
            req.caller().user().tags().stream().sorted().forEach(tags::add);
            return ApiResponse.json(Json.object().put("name", req.caller().name()).set("tags", tags));
        });
        r.get("/api/version", req -> ApiResponse.json(Json.MAPPER.valueToTree(ServerProperties.RABBITMQ_COMPATIBLE_VERSION)));
    }
}
