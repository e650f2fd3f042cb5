package io.warren.management.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.warren.amqp.AmqpMethod;
import io.warren.amqp.method.ExchangeBind;
import io.warren.amqp.method.ExchangeUnbind;
import io.warren.amqp.method.QueueBind;
import io.warren.amqp.method.QueueUnbind;
import io.warren.broker.VirtualHost;
import io.warren.exchange.Binding;
import io.warren.exchange.DestinationKind;
import io.warren.management.Management;
import io.warren.management.direct.DirectChannel;
import io.warren.management.direct.DirectException;
import io.warren.management.http.ApiException;
import io.warren.management.http.ApiRequest;
import io.warren.management.http.ApiResponse;
import io.warren.management.http.Listing;
import io.warren.management.http.Router;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/bindings}: list, create (POST, answered with the new binding's Location), show and
 * delete by {@code properties_key}, for exchange-to-queue ({@code /e/../q/..}) and
 * exchange-to-exchange ({@code /e/../e/..}) bindings.
 */
final class BindingsApi {
    private final Management m;

    BindingsApi(Management m) {
        this.m = m;
    }

    void register(Router r) {
        r.get("/api/bindings", req -> {
            List<ObjectNode> out = new ArrayList<>();
            for (VirtualHost v : m.broker().vhosts().all()) {
                if (req.caller().sees(v.name())) {
                    out.addAll(BindingJson.all(v));
                }
            }
            return Listing.respond(req, out);
        });
        r.get("/api/bindings/{vhost}", req -> Listing.respond(req, BindingJson.all(m.vhost(req))));
        for (String kind : new String[] {"q", "e"}) {
            DestinationKind dk = kind.equals("q") ? DestinationKind.QUEUE : DestinationKind.EXCHANGE;
            String base = "/api/bindings/{vhost}/e/{source}/" + kind + "/{destination}";
            r.get(base, req -> Listing.respond(req, between(req, dk)));
            r.post(base, req -> create(req, dk, kind));
            r.get(base + "/{props}", req -> ApiResponse.json(one(req, dk)));
            r.delete(base + "/{props}", req -> delete(req, dk));
        }
    }

    private static String source(ApiRequest req) {
        String s = req.param("source");
        return s.equals("amq.default") ? "" : s;
    }

    /** The bindings between the two ends, after checking that both exist. */
    private List<ObjectNode> between(ApiRequest req, DestinationKind kind) {
        VirtualHost v = m.vhost(req);
        String source = source(req);
        String destination = req.param("destination");
        if (v.exchanges().lookup(source) == null || !destinationExists(v, kind, destination)) {
            throw ApiException.notFound();
        }
        List<ObjectNode> out = new ArrayList<>();
        if (source.isEmpty() && kind == DestinationKind.QUEUE) {
            out.add(BindingJson.implicit(v.name(), destination));
        }
        for (Binding b : v.exchanges().bindingsFrom(source)) {
            if (b.kind() == kind && b.destination().equals(destination)) {
                out.add(BindingJson.of(v.name(), b));
            }
        }
        return out;
    }

    private static boolean destinationExists(VirtualHost v, DestinationKind kind, String name) {
        return kind == DestinationKind.QUEUE ? v.queue(name) != null : v.exchanges().lookup(name) != null;
    }

    private ObjectNode one(ApiRequest req, DestinationKind kind) {
        String props = req.param("props");
        for (ObjectNode b : between(req, kind)) {
            if (BindingJson.isNamedBy(b.get("properties_key").asText(), props)) {
                return b;
            }
        }
        throw ApiException.notFound();
    }

    /** The stored binding the path names, so that an unbind carries its exact arguments. */
    private Binding stored(ApiRequest req, DestinationKind kind) {
        between(req, kind);
        VirtualHost v = m.vhost(req);
        String destination = req.param("destination");
        for (Binding b : v.exchanges().bindingsFrom(source(req))) {
            if (b.kind() == kind && b.destination().equals(destination)
                    && BindingJson.isNamedBy(BindingJson.propertiesKey(b), req.param("props"))) {
                return b;
            }
        }
        throw ApiException.notFound();
    }

    private ApiResponse create(ApiRequest req, DestinationKind kind, String kindSegment) {
        VirtualHost v = m.vhost(req);
        String source = source(req);
        String destination = req.param("destination");
        if (v.exchanges().lookup(source) == null) {
            throw ApiException.notFound("no exchange '" + source + "' in vhost '" + v.name() + "'");
        }
        if (!destinationExists(v, kind, destination)) {
            throw ApiException.notFound("no " + (kind == DestinationKind.QUEUE ? "queue" : "exchange") + " '"
                    + destination + "' in vhost '" + v.name() + "'");
        }
        JsonNode body = req.jsonObject();
        String key = body.hasNonNull("routing_key") ? body.get("routing_key").asText() : "";
        Map<String, Object> args = QueuesApi.arguments(body);
        AmqpMethod bind = kind == DestinationKind.QUEUE
                ? new QueueBind(0, destination, source, key, false, args)
                : new ExchangeBind(0, destination, source, key, false, args);
        try (DirectChannel ch = m.channel(req, v.name())) {
            ch.call(bind);
        } catch (DirectException e) {
            throw Errors.ofDeclare(e);
        }
        Binding made = kind == DestinationKind.QUEUE ? Binding.toQueue(source, destination, key, args)
                : Binding.toExchange(source, destination, key, args);
        // RabbitMQ's Location is relative to the request path, and quotes the properties key again.
        String location = encode(destination) + "/" + encode(BindingJson.propertiesKey(made));
        return ApiResponse.created().withHeader("location", location);
    }

    private ApiResponse delete(ApiRequest req, DestinationKind kind) {
        VirtualHost v = m.vhost(req);
        Binding b = stored(req, kind);
        AmqpMethod unbind = kind == DestinationKind.QUEUE
                ? new QueueUnbind(0, b.destination(), b.source(), b.routingKey(), b.arguments())
                : new ExchangeUnbind(0, b.destination(), b.source(), b.routingKey(), false, b.arguments());
        try (DirectChannel ch = m.channel(req, v.name())) {
            ch.call(unbind);
        } catch (DirectException e) {
            throw Errors.ofDeclare(e);
        }
        return ApiResponse.noContent();
    }

    private static String encode(String segment) {
        return BindingJson.quote(segment);
    }
}
