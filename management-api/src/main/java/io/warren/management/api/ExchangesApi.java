package io.warren.management.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.warren.amqp.BasicProperties;
import io.warren.amqp.method.BasicPublish;
import io.warren.amqp.method.ExchangeDeclare;
import io.warren.amqp.method.ExchangeDelete;
import io.warren.broker.VirtualHost;
import io.warren.broker.definitions.JsonOutput;
import io.warren.broker.limits.ConnectionAdmission;
import io.warren.dlx.policy.Policy;
import io.warren.dlx.policy.PolicyRegistry;
import io.warren.exchange.DestinationKind;
import io.warren.exchange.Exchange;
import io.warren.management.Management;
import io.warren.management.direct.DirectChannel;
import io.warren.management.direct.DirectException;
import io.warren.management.http.ApiException;
import io.warren.management.http.ApiRequest;
import io.warren.management.http.ApiResponse;
import io.warren.management.http.Json;
import io.warren.management.http.Listing;
import io.warren.management.http.Router;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/exchanges}: list, show, declare, delete, publish, and the bindings an exchange is
 * the source or destination of. The default exchange is {@code amq.default} in paths and
 * {@code ""} in bodies, as in RabbitMQ.
 */
final class ExchangesApi {
    private static final String DEFAULT_IN_PATHS = "amq.default";

    private final Management m;

    ExchangesApi(Management m) {
        this.m = m;
    }

    void register(Router r) {
        r.get("/api/exchanges", req -> Listing.respond(req, all(req, null)));
        r.get("/api/exchanges/{vhost}", req -> Listing.respond(req, all(req, m.vhost(req))));
        r.get("/api/exchanges/{vhost}/{name}", this::show);
        r.put("/api/exchanges/{vhost}/{name}", this::declare);
        r.delete("/api/exchanges/{vhost}/{name}", this::delete);
        r.post("/api/exchanges/{vhost}/{name}/publish", this::publish);
        r.get("/api/exchanges/{vhost}/{name}/bindings/source", req -> {
            VirtualHost v = m.vhost(req);
            return Listing.respond(req, BindingJson.from(v, exchange(v, req).name()));
        });
        r.get("/api/exchanges/{vhost}/{name}/bindings/destination", req -> {
            VirtualHost v = m.vhost(req);
            return Listing.respond(req, BindingJson.to(v, DestinationKind.EXCHANGE, exchange(v, req).name()));
        });
    }

    private List<ObjectNode> all(ApiRequest req, VirtualHost only) {
        List<ObjectNode> out = new ArrayList<>();
        for (VirtualHost v : only != null ? List.of(only) : m.broker().vhosts().all()) {
            if (only == null && !req.caller().sees(v.name())) {
                continue;
            }
            for (Exchange x : v.exchanges().exchanges()) {
                out.add(json(v, x, req));
            }
        }
        return out;
    }

    private ObjectNode json(VirtualHost v, Exchange x, ApiRequest req) {
        ObjectNode o = Json.object();
        Map<String, Long> counters = m.broker().statistics().exchangeMessageStats(x);
        Stats.putMessageStats(o, counters, m.broker().statistics().exchangeRates(x), req);
        o.set("arguments", JsonOutput.tree(x.arguments()));
        o.put("auto_delete", x.autoDelete());
        o.put("durable", x.durable());
        o.put("internal", x.internal());
        o.put("name", x.name());
        Policy p = v.policies().match(x.name(), PolicyRegistry.Target.EXCHANGE, false);
        if (p != null) {
            o.put("policy", p.name());
        }
        o.put("type", x.type().wireName());
        o.put("user_who_performed_action", "rmq-internal");
        o.put("vhost", v.name());
        return o;
    }

    private static String nameIn(ApiRequest req) {
        String name = req.param("name");
        return name.equals(DEFAULT_IN_PATHS) ? "" : name;
    }

    private static Exchange exchange(VirtualHost v, ApiRequest req) {
        Exchange x = v.exchanges().lookup(nameIn(req));
        if (x == null) {
            throw ApiException.notFound();
        }
        return x;
    }

    private ApiResponse show(ApiRequest req) {
        VirtualHost v = m.vhost(req);
        ObjectNode o = json(v, exchange(v, req), req);
        o.putArray("incoming");
        o.putArray("outgoing");
        return ApiResponse.json(o);
    }

    private ApiResponse declare(ApiRequest req) {
        VirtualHost v = m.vhostToChange(req);
        String name = nameIn(req);
        JsonNode body = req.jsonObject();
        boolean existed = v.exchanges().lookup(name) != null;
        String type = body.hasNonNull("type") ? body.get("type").asText() : "direct";
        try (DirectChannel ch = m.channel(req, v.name())) {
            ch.call(new ExchangeDeclare(0, name, type, false, QueuesApi.flag(body, "durable"),
                    QueuesApi.flag(body, "auto_delete"), QueuesApi.flag(body, "internal"), false,
                    QueuesApi.arguments(body)));
        } catch (DirectException e) {
            throw Errors.ofDeclare(e);
        }
        return existed ? ApiResponse.noContent() : ApiResponse.created();
    }

    private ApiResponse delete(ApiRequest req) {
        VirtualHost v = m.vhost(req);
        exchange(v, req);
        try (DirectChannel ch = m.channel(req, v.name())) {
            ch.call(new ExchangeDelete(0, nameIn(req), req.queryFlag("if-unused"), false));
        } catch (DirectException e) {
            if (e.replyCode() == 404) {
                throw ApiException.notFound();
            }
            throw Errors.ofDeclare(e);
        }
        return ApiResponse.noContent();
    }

    private ApiResponse publish(ApiRequest req) {
        VirtualHost v = m.vhost(req);
        JsonNode body = req.jsonObject();
        Bodies.require(body, "routing_key", "properties", "payload", "payload_encoding");
        if (!body.get("payload").isTextual()) {
            throw ApiException.badRequest("payload_not_string");
        }
        byte[] payload = switch (body.get("payload_encoding").asText()) {
            case "string" -> body.get("payload").textValue().getBytes(StandardCharsets.UTF_8);
            case "base64" -> {
                try {
                    yield Base64.getMimeDecoder().decode(body.get("payload").textValue());
                } catch (IllegalArgumentException e) {
                    throw ApiException.badRequest("not_base64");
                }
            }
            default -> throw ApiException.badRequest("{unsupported_encoding," + body.get("payload_encoding").asText() + "}");
        };
        BasicProperties props = MessageJson.fromJson(body.get("properties"));
        boolean routed;
        try (ConnectionAdmission place = m.directConnectionPlace(req, v);
             DirectChannel ch = m.channel(req, v.name())) {
            routed = ch.publish(new BasicPublish(0, nameIn(req), body.get("routing_key").asText(), true, false),
                    props.toBytes(), payload);
        } catch (DirectException e) {
            throw Errors.ofPublish(e);
        } catch (DirectChannel.PublishRejectedException e) {
            throw new ApiException(400, "rejected", e.getMessage());
        }
        return ApiResponse.json(Json.object().put("routed", routed));
    }
}
