package io.warren.management.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.warren.broker.VirtualHost;
import io.warren.broker.access.Permission;
import io.warren.broker.access.VhostMetadata;
import io.warren.broker.queuetype.QueueTypes;
import io.warren.broker.stats.BrokerStatistics;
import io.warren.broker.stats.MessageTotals;
import io.warren.broker.stats.Overview;
import io.warren.broker.stats.SampleHistory;
import io.warren.management.Management;
import io.warren.management.http.ApiException;
import io.warren.management.http.ApiRequest;
import io.warren.management.http.ApiResponse;
import io.warren.management.http.Json;
import io.warren.management.http.Listing;
import io.warren.management.http.Router;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code /api/vhosts}: list (what the caller sees, with message totals), show, create or update
 * the metadata (201 / 204; the creator gets full permissions in a new vhost), delete (closing the vhost's connections), and the permissions and
 * topic permissions granted in a vhost. Only administrators show, change or delete one vhost, as
 * in RabbitMQ 3.10.
 */
final class VhostsApi {
    private final Management m;

    VhostsApi(Management m) {
        this.m = m;
    }

    void register(Router r) {
        r.get("/api/vhosts", this::list);
        r.get("/api/vhosts/{vhost}", req -> {
            Authorise.administrator(req);
            m.broker().statistics().refresh();
            return ApiResponse.json(json(existing(req), req));
        });
        r.put("/api/vhosts/{vhost}", this::put);
        r.delete("/api/vhosts/{vhost}", this::delete);
        r.get("/api/vhosts/{vhost}/permissions", req -> {
            Authorise.administrator(req);
            String vhost = existing(req).name();
            return Listing.respond(req, PermissionsApi.permissions(m, p -> p.vhost().equals(vhost)));
        });
        r.get("/api/vhosts/{vhost}/topic-permissions", req -> {
            Authorise.administrator(req);
            String vhost = existing(req).name();
            return Listing.respond(req, PermissionsApi.topicPermissions(m, p -> p.vhost().equals(vhost)));
        });
    }

    private VirtualHost existing(ApiRequest req) {
        VirtualHost v = m.broker().vhosts().get(req.param("vhost"));
        if (v == null) {
            throw ApiException.notFound();
        }
        return v;
    }

    private ApiResponse list(ApiRequest req) {
        // Counters as of now, like the messages counts beside them, rather than as of the last sample.
        m.broker().statistics().refresh();
        List<ObjectNode> out = new ArrayList<>();
        for (VirtualHost v : m.broker().vhosts().all()) {
            if (req.caller().sees(v.name())) {
                out.add(json(v, req));
            }
        }
        return Listing.respond(req, out);
    }

    /** A vhost as RabbitMQ shows it, with its message counters, socket bytes and queue lengths. */
    private ObjectNode json(VirtualHost v, ApiRequest req) {
        VhostMetadata md = v.metadata();
        ObjectNode o = Json.object();
        o.put("name", v.name());
        o.put("description", md.description());
        o.set("tags", Json.MAPPER.valueToTree(md.tags()));
        o.put("default_queue_type", md.defaultQueueType() == null ? "undefined" : md.defaultQueueType());
        ObjectNode metadata = o.putObject("metadata");
        metadata.put("description", md.description());
        metadata.set("tags", Json.MAPPER.valueToTree(md.tags()));
        if (md.defaultQueueType() != null) {
            metadata.put("default_queue_type", md.defaultQueueType());
        }
        o.put("tracing", false);
        o.putObject("cluster_state").put(Node.NAME, "running");
        BrokerStatistics statistics = m.broker().statistics();
        MessageTotals totals = statistics.vhostTotals(v.name());
        SampleHistory history = statistics.vhostRates(v.name());
        Stats.putMessageStats(o, totals.messageStats(), history, req);
        Overview.QueueTotals lengths = Overview.QueueTotals.of(v.queues());
        Stats.counter(o, "messages", lengths.messages(), history, Stats.Kind.LENGTHS, req);
        Stats.counter(o, "messages_ready", lengths.messagesReady(), history, Stats.Kind.LENGTHS, req);
        Stats.counter(o, "messages_unacknowledged", lengths.messagesUnacknowledged(), history, Stats.Kind.LENGTHS,
                req);
        Stats.counter(o, "recv_oct", totals.recvOct(), history, Stats.Kind.DATA, req);
        Stats.counter(o, "send_oct", totals.sendOct(), history, Stats.Kind.DATA, req);
        return o;
    }

    private ApiResponse put(ApiRequest req) {
        Authorise.administrator(req);
        String name = req.param("vhost");
        JsonNode body = req.jsonObject();
        VirtualHost existing = m.broker().vhosts().get(name);
        String queueType = body.hasNonNull("default_queue_type") ? body.get("default_queue_type").asText() : null;
        if (queueType != null && !"undefined".equals(queueType) && QueueTypes.named(queueType).isEmpty()) {
            throw Bodies.validationFailed("Unsupported queue type " + queueType);
        }
        // An update replaces description, tags and queue type, as RabbitMQ's does; limits have their own endpoint.
        VhostMetadata metadata = new VhostMetadata(body.path("description").asText(""), tags(body.get("tags")),
                "undefined".equals(queueType) ? null : queueType,
                existing == null ? null : existing.metadata().limits());
        Bodies.await(m.broker().addVhost(name, metadata));
        if (existing != null) {
            return ApiResponse.noContent();
        }
        // RabbitMQ grants whoever creates a vhost full permissions in it.
        Bodies.await(m.broker().permissions().set(new Permission(req.caller().name(), name, ".*", ".*", ".*")));
        return ApiResponse.created();
    }

    /** Tags as RabbitMQ takes them: a comma-separated string or an array of strings. */
    static List<String> tags(JsonNode tags) {
        List<String> out = new ArrayList<>();
        if (tags == null || tags.isNull()) {
            return out;
        }
        if (tags.isArray()) {
            tags.forEach(t -> addTag(out, t.asText()));
        } else {
            for (String t : tags.asText().split(",")) {
                addTag(out, t);
            }
        }
        return out;
    }

    private static void addTag(List<String> out, String tag) {
        String t = tag.trim();
        if (!t.isEmpty() && !out.contains(t)) {
            out.add(t);
        }
    }

    private ApiResponse delete(ApiRequest req) {
        Authorise.administrator(req);
        if (!Bodies.await(m.broker().deleteVhost(req.param("vhost")))) {
            throw ApiException.notFound();
        }
        return ApiResponse.noContent();
    }
}
