package io.warren.management.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.warren.amqp.BasicProperties;
import io.warren.amqp.Command;
import io.warren.amqp.method.BasicGet;
import io.warren.amqp.method.BasicGetOk;
import io.warren.amqp.method.BasicPublish;
import io.warren.amqp.method.QueueDeclare;
import io.warren.broker.Listener;
import io.warren.broker.VirtualHost;
import io.warren.broker.alarm.ResourceAlarm;
import io.warren.management.Management;
import io.warren.management.direct.DirectChannel;
import io.warren.management.direct.DirectException;
import io.warren.management.http.ApiException;
import io.warren.management.http.ApiRequest;
import io.warren.management.http.ApiResponse;
import io.warren.management.http.Json;
import io.warren.management.http.Router;
import io.warren.queue.store.StorageHealth;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * RabbitMQ's HTTP health checks ({@code /api/health/checks/...}, the 3.13 set plus 4.x's
 * is-in-service, ready-to-serve-clients and below-node-connection-limit), each 200
 * {@code {"status":"ok"}} or 503 {@code {"status":"failed","reason":...}} with the same extra
 * fields; the deprecated {@code /api/healthchecks/node}; and {@code /api/aliveness-test/{vhost}},
 * which, as RabbitMQ 3.x does, declares the queue {@code aliveness-test}, publishes to it and
 * gets the message back. Warren is a single node: the quorum and mirror checks always pass.
 */
final class HealthChecksApi {
    private static final String CHECKS = "/api/health/checks/";
    private static final String ALIVENESS_QUEUE = "aliveness-test";

    private final Management m;

    HealthChecksApi(Management m) {
        this.m = m;
    }

    void register(Router r) {
        r.get(CHECKS + "alarms", req -> alarms("There are alarms in effect in the cluster"));
        r.get(CHECKS + "local-alarms", req -> alarms("There are alarms in effect on the node"));
        r.get(CHECKS + "certificate-expiration/{within}/{unit}", this::certificates);
        r.get(CHECKS + "port-listener/{port}", this::portListener);
        r.get(CHECKS + "protocol-listener/{protocol}", this::protocolListener);
        r.get(CHECKS + "virtual-hosts", req -> virtualHosts());
        r.get(CHECKS + "storage", req -> storage());
        r.get(CHECKS + "node-is-mirror-sync-critical", req -> singleNode());
        r.get(CHECKS + "node-is-quorum-critical", req -> singleNode());
        r.get(CHECKS + "is-in-service", req -> ok());
        r.get(CHECKS + "ready-to-serve-clients", req -> ok());
        r.get(CHECKS + "below-node-connection-limit", req -> ApiResponse.json(Json.object().put("status", "ok")
                .put("limit", "infinity").put("connections", m.broker().connections().size())));
        r.get("/api/healthchecks/node", req -> ok());
        r.get("/api/aliveness-test/{vhost}", this::aliveness);
    }

    private static ApiResponse ok() {
        return ApiResponse.json(Json.object().put("status", "ok"));
    }

    private static ApiResponse failed(ObjectNode details) {
        return ApiResponse.json(503, details);
    }

    private static ApiResponse singleNode() {
        return ApiResponse.json(Json.object().put("status", "ok").put("reason", "single node cluster"));
    }

    private ApiResponse alarms(String reason) {
        Set<ResourceAlarm> active = m.broker().alarms().active();
        if (active.isEmpty()) {
            return ok();
        }
        ObjectNode body = Json.object().put("status", "failed").put("reason", reason);
        ArrayNode alarms = body.putArray("alarms");
        for (ResourceAlarm a : active) {
            alarms.addObject().put("resource", a.resourceName()).put("node", Node.NAME);
        }
        return failed(body);
    }

    /**
     * Fails when a certificate of a TLS listener (its certfile or cacertfile) expires within the
     * given time, as RabbitMQ's check does: a month is 365/12 days, a year 365 days.
     */
    private ApiResponse certificates(ApiRequest req) {
        long within;
        try {
            within = Integer.parseInt(req.param("within"));
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("Invalid expiration value.");
        }
        double days = switch (req.param("unit").toLowerCase(java.util.Locale.ROOT)) {
            case "days" -> 1;
            case "weeks" -> 7;
            case "months" -> 365.0 / 12;
            case "years" -> 365;
            default -> throw ApiException.badRequest("Time unit not recognised. Supported units: days, weeks, months, years.");
        };
        java.time.Instant limit = java.time.Instant.now().plusMillis(Math.round(within * days * 86_400_000));
        ArrayNode expiring = CertificateExpiration.expiring(m.broker().listeners(), limit);
        if (expiring.isEmpty()) {
            return ok();
        }
        ObjectNode body = Json.object().put("status", "failed").put("reason", "Certificates expiring");
        body.set("expired", expiring);
        return failed(body);
    }

    /**
     * RabbitMQ fails this check while a vhost's message store is down; Warren fails it while a
     * storage fault affects a vhost (a node-wide fault affects them all).
     */
    private ApiResponse virtualHosts() {
        Set<String> down = new TreeSet<>();
        for (StorageHealth.Fault f : m.broker().storageHealth().active()) {
            if (f.vhost() != null) {
                down.add(f.vhost());
            } else {
                m.broker().vhosts().all().forEach(v -> down.add(v.name()));
            }
        }
        if (down.isEmpty()) {
            return ok();
        }
        ObjectNode body = Json.object().put("status", "failed").put("reason", "Some virtual hosts are down");
        body.set("virtual-hosts", Json.MAPPER.valueToTree(down));
        return failed(body);
    }

    /** Warren's own check: every storage fault in effect, with the file and reason the log names. */
    private ApiResponse storage() {
        List<StorageHealth.Fault> faults = m.broker().storageHealth().active();
        if (faults.isEmpty()) {
            return ok();
        }
        ObjectNode body = Json.object().put("status", "failed").put("reason", "Storage faults in effect");
        ArrayNode list = body.putArray("faults");
        for (StorageHealth.Fault f : faults) {
            list.addObject().put("subject", f.subject()).put("vhost", f.vhost()).put("file", f.file())
                    .put("reason", f.reason()).put("since", f.since().toString());
        }
        return failed(body);
    }

    private List<Integer> ports() {
        return m.broker().listeners().stream().map(Listener::port).distinct().toList();
    }

    private List<String> protocols() {
        return m.broker().listeners().stream().map(Listener::protocol).distinct().toList();
    }

    private ApiResponse portListener(ApiRequest req) {
        int port;
        try {
            port = Integer.parseInt(req.param("port"));
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("Invalid port");
        }
        if (ports().contains(port)) {
            return ApiResponse.json(Json.object().put("status", "ok").put("port", port));
        }
        ObjectNode body = Json.object().put("status", "failed").put("reason", "No active listener")
                .put("missing", port);
        body.set("ports", Json.MAPPER.valueToTree(ports()));
        return failed(body);
    }

    private ApiResponse protocolListener(ApiRequest req) {
        String protocol = ListenerProtocol.normalize(req.param("protocol"));
        List<String> protocols = protocols();
        if (protocols.contains(protocol)) {
            return ApiResponse.json(Json.object().put("status", "ok").put("protocol", protocol));
        }
        ObjectNode body = Json.object().put("status", "failed").put("reason", "No active listener")
                .put("missing", protocol);
        body.set("protocols", Json.MAPPER.valueToTree(protocols));
        return failed(body);
    }

    private ApiResponse aliveness(ApiRequest req) {
        VirtualHost v = m.broker().vhosts().get(req.param("vhost"));
        if (v == null) {
            throw ApiException.notFound();
        }
        Authorise.memberOf(req, v.name());
        byte[] probe = "test_message".getBytes(StandardCharsets.UTF_8);
        try (DirectChannel ch = m.channel(req, v.name())) {
            ch.call(new QueueDeclare(0, ALIVENESS_QUEUE, false, false, false, false, false, Map.of()));
            ch.publish(new BasicPublish(0, "", ALIVENESS_QUEUE, false, false), BasicProperties.EMPTY.toBytes(), probe);
            Command got = ch.call(new BasicGet(0, ALIVENESS_QUEUE, true));
            if (got.method() instanceof BasicGetOk) {
                return ok();
            }
            return ApiResponse.json(Json.object().put("status", "failed").put("reason", "aliveness-test queue is empty"));
        } catch (DirectException e) {
            throw Errors.ofDeclare(e);
        }
    }
}
