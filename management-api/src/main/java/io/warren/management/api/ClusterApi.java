package io.warren.management.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.warren.broker.Broker;
import io.warren.broker.access.GlobalParameter;
import io.warren.management.Management;
import io.warren.management.http.ApiResponse;
import io.warren.management.http.Json;
import io.warren.management.http.Listing;
import io.warren.management.http.Router;

import java.util.ArrayList;
import java.util.List;

/**
 * Node-wide facts: {@code /api/cluster-name} (read by anyone, changed by administrators;
 * kept, as RabbitMQ keeps it, in the global parameter {@code cluster_name}, so it survives restarts), {@code /api/extensions}
 * (the web UI's plugin scripts; Warren has none) and {@code /api/feature-flags} (the RabbitMQ
 * 3.13 flags, all enabled, since Warren behaves as a 3.13 node with every flag on).
 */
final class ClusterApi {
    private static final String[][] FEATURE_FLAGS = {
        {"classic_mirrored_queue_version", "Support setting version for classic mirrored queues", "rabbit"},
        {"classic_queue_type_delivery_support", "Bug fix for classic queue deliveries using mixed versions", "rabbit"},
        {"direct_exchange_routing_v2", "v2 direct exchange routing implementation", "rabbit"},
        {"drop_unroutable_metric", "Count unroutable publishes to be dropped in stats", "rabbitmq_management_agent"},
        {"empty_basic_get_metric", "Count AMQP `basic.get` on empty queues in stats", "rabbitmq_management_agent"},
        {"feature_flags_v2", "Feature flags subsystem V2", "rabbit"},
        {"implicit_default_bindings", "Default bindings are now implicit, instead of being stored in the database",
            "rabbit"},
        {"listener_records_in_ets", "Store listener records in ETS instead of Mnesia", "rabbit"},
        {"maintenance_mode_status", "Maintenance mode status", "rabbit"},
        {"message_containers", "Message containers.", "rabbit"},
        {"quorum_queue", "Support queues of type `quorum`", "rabbit"},
        {"quorum_queue_non_voters", "Allows new quorum queue members to be added as non voters initially.",
            "rabbit"},
        {"restart_streams", "Support for restarting streams with optional preferred next leader argument."
            + "Used to implement stream leader rebalancing", "rabbit"},
        {"stream_filtering", "Support for stream filtering.", "rabbit"},
        {"stream_queue", "Support queues of type `stream`", "rabbit"},
        {"stream_sac_coordinator_unblock_group", "Bug fix to unblock a group of consumers in a super stream "
            + "partition", "rabbit"},
        {"stream_single_active_consumer", "Single active consumer for streams", "rabbit"},
        {"stream_update_config_command", "A new internal command that is used to update streams as part of a "
            + "policy.", "rabbit"},
        {"tracking_records_in_ets", "Store tracking records in ETS instead of Mnesia", "rabbit"},
        {"user_limits", "Configure connection and channel limits for a user", "rabbit"},
        {"virtual_host_metadata", "Virtual host metadata (description, tags, etc)", "rabbit"},
    };

    private final Management m;

    ClusterApi(Management m) {
        this.m = m;
    }

    void register(Router r) {
        r.get("/api/cluster-name", req -> ApiResponse.json(Json.object().put("name", m.broker().clusterName())));
        r.put("/api/cluster-name", req -> {
            Authorise.administrator(req);
            JsonNode body = req.jsonObject();
            Bodies.require(body, "name");
            Bodies.await(m.broker().parameters().setGlobal(
                    new GlobalParameter(Broker.CLUSTER_NAME, body.get("name").asText())));
            return ApiResponse.noContent();
        });
        r.get("/api/extensions", req -> ApiResponse.json(Json.MAPPER.createArrayNode()));
        r.get("/api/feature-flags", req -> {
            Authorise.administrator(req);
            List<ObjectNode> flags = new ArrayList<>();
            for (String[] f : FEATURE_FLAGS) {
                flags.add(Json.object().put("name", f[0]).put("desc", f[1]).put("doc_url", "")
                        .put("state", "enabled").put("stability", "stable").put("provided_by", f[2]));
            }
            return Listing.respond(req, flags);
        });
    }
}
