package io.warren.management.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.warren.amqp.Command;
import io.warren.amqp.ContentHeader;
import io.warren.amqp.Methods;
import io.warren.amqp.method.BasicAck;
import io.warren.amqp.method.BasicGet;
import io.warren.amqp.method.BasicGetOk;
import io.warren.amqp.method.BasicReject;
import io.warren.amqp.method.QueueDeclare;
import io.warren.amqp.method.QueueDelete;
import io.warren.amqp.method.QueuePurge;
import io.warren.broker.AmqpException;
import io.warren.broker.Redrive;
import io.warren.broker.UnavailableQueue;
import io.warren.broker.VirtualHost;
import io.warren.broker.access.ResourceKind;
import io.warren.broker.definitions.JsonValues;
import io.warren.broker.limits.ConnectionAdmission;
import io.warren.management.Management;
import io.warren.management.direct.DirectChannel;
import io.warren.management.direct.DirectException;
import io.warren.management.http.ApiException;
import io.warren.management.http.ApiRequest;
import io.warren.management.http.ApiResponse;
import io.warren.management.http.Json;
import io.warren.management.http.Listing;
import io.warren.management.http.Router;
import io.warren.queue.Message;
import io.warren.queue.MessageQueue;
import io.warren.queue.PeekedMessage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code /api/queues}: list, show, declare, delete, purge, get and bindings as RabbitMQ has
 * them, plus Warren's {@code peek} (messages left in place and unmarked) and {@code redrive}
 * (dead letters back to where they died). Changes go through a direct AMQP channel as the caller.
 */
final class QueuesApi {
    private static final long WAIT_SECONDS = 30;

    private final Management m;

    QueuesApi(Management m) {
        this.m = m;
    }

    void register(Router r) {
        r.get("/api/queues", req -> list(req, null));
        r.get("/api/queues/detailed", req -> list(req, null));
        r.get("/api/queues/{vhost}", req -> list(req, m.vhost(req)));
        r.get("/api/queues/{vhost}/{name}", this::show);
        r.put("/api/queues/{vhost}/{name}", this::declare);
        r.delete("/api/queues/{vhost}/{name}", this::delete);
        r.delete("/api/queues/{vhost}/{name}/contents", this::purge);
        r.post("/api/queues/{vhost}/{name}/get", this::get);
        r.post("/api/queues/{vhost}/{name}/peek", this::peek);
        r.post("/api/queues/{vhost}/{name}/redrive", this::redrive);
        r.get("/api/queues/{vhost}/{name}/bindings", req -> {
            VirtualHost v = m.vhost(req);
            MessageQueue q = queue(v, req);
            return Listing.respond(req, BindingJson.to(v, io.warren.exchange.DestinationKind.QUEUE, q.name()));
        });
    }

    /** The queues of every vhost the caller sees, or of one; rendered by {@link QueueRows} only as listed. */
    private ApiResponse list(ApiRequest req, VirtualHost only) {
        List<QueueRows.Row> rows = new ArrayList<>();
        for (VirtualHost v : only != null ? List.of(only) : m.broker().vhosts().all()) {
            if (only == null && !req.caller().sees(v.name())) {
                continue;
            }
            for (MessageQueue q : v.queues()) {
                rows.add(new QueueRows.Row(v, q));
            }
            for (UnavailableQueue q : v.unavailableQueues()) {
                rows.add(new QueueRows.Row(v, null, q));
            }
        }
        return Listing.respond(req, rows, new QueueRows(m.broker().statistics(), req));
    }

    static MessageQueue queue(VirtualHost v, ApiRequest req) {
        MessageQueue q = v.queue(req.param("name"));
        if (q == null) {
            throw ApiException.notFound();
        }
        return q;
    }

    private ApiResponse show(ApiRequest req) {
        VirtualHost v = m.vhost(req);
        UnavailableQueue down = v.unavailableQueue(req.param("name"));
        if (down != null) {
            return ApiResponse.json(QueueJson.down(v, down));
        }
        MessageQueue q = queue(v, req);
        ObjectNode o = QueueJson.of(v, q, m.broker().statistics().queue(q), req);
        ArrayNode consumers = o.putArray("consumer_details");
        m.broker().statistics().consumers(q).forEach(c -> consumers.add(ActivityJson.consumer(c)));
        o.putArray("deliveries");
        o.putArray("incoming");
        return ApiResponse.json(o);
    }

    private ApiResponse declare(ApiRequest req) {
        VirtualHost v = m.vhostToChange(req);
        String name = req.param("name");
        JsonNode body = req.jsonObject();
        boolean existed = v.queue(name) != null;
        Map<String, Object> args = arguments(body);
        try (DirectChannel ch = m.channel(req, v.name())) {
            ch.call(new QueueDeclare(0, name, false, flag(body, "durable"), false, flag(body, "auto_delete"),
                    false, args));
        } catch (DirectException e) {
            throw Errors.ofDeclare(e);
        }
        return existed ? ApiResponse.noContent() : ApiResponse.created();
    }

    static Map<String, Object> arguments(JsonNode body) {
        JsonNode args = body.get("arguments");
        if (args == null || args.isNull()) {
            return Map.of();
        }
        if (!args.isObject()) {
            throw ApiException.badRequest("arguments must be an object");
        }
        return JsonValues.toFieldTable(args);
    }

    /** A boolean field of a request body, false when absent, as RabbitMQ reads them. */
    static boolean flag(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return false;
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isTextual() && (v.textValue().equals("true") || v.textValue().equals("false"))) {
            return Boolean.parseBoolean(v.textValue());
        }
        ArrayNode reason = Json.MAPPER.createArrayNode().add("not_boolean").add(v.asText());
        throw ApiException.badRequest(reason.toString());
    }

    private ApiResponse delete(ApiRequest req) {
        VirtualHost v = m.vhost(req);
        if (v.unavailableQueue(req.param("name")) == null) {
            queue(v, req);
        }
        try (DirectChannel ch = m.channel(req, v.name())) {
            ch.call(new QueueDelete(0, req.param("name"), req.queryFlag("if-unused"), req.queryFlag("if-empty"), false));
        } catch (DirectException e) {
            if (e.replyCode() == 404) {
                throw ApiException.notFound();
            }
            throw Errors.ofDeclare(e);
        }
        return ApiResponse.noContent();
    }

    private ApiResponse purge(ApiRequest req) {
        VirtualHost v = m.vhost(req);
        queue(v, req);
        try (DirectChannel ch = m.channel(req, v.name())) {
            ch.call(new QueuePurge(0, req.param("name"), false));
        } catch (DirectException e) {
            throw Errors.ofDeclare(e);
        }
        return ApiResponse.noContent();
    }

    /**
     * RabbitMQ's get: basic.get up to count times, then ack, reject, or leave for the close to
     * requeue. Every message is taken with a manual ack, even for {@code ack_requeue_false} (which
     * RabbitMQ gets with no_ack), and settled only once the answer is built: if anything fails
     * before that, closing the channel puts every message back, so a message is never deleted
     * without having been returned.
     */
    private ApiResponse get(ApiRequest req) {
        // A missing queue is left to basic.get: RabbitMQ answers 404 not_found with its AMQP text.
        VirtualHost v = m.vhost(req);
        JsonNode body = req.jsonObject();
        Bodies.require(body, "ackmode", "count", "encoding");
        String ackmode = body.get("ackmode").asText();
        int count = count(body);
        boolean auto = encodingIsAuto(body.get("encoding").asText());
        int truncate = truncate(body);
        if (!List.of("ack_requeue_false", "ack_requeue_true", "reject_requeue_true", "reject_requeue_false")
                .contains(ackmode)) {
            throw ApiException.badRequest("Unsupported ackmode: " + ackmode);
        }
        ArrayNode out = Json.MAPPER.createArrayNode();
        List<Long> tags = new ArrayList<>();
        try (ConnectionAdmission place = m.directConnectionPlace(req, v);
             DirectChannel ch = m.channel(req, v.name())) {
            for (int i = 0; i < count; i++) {
                Command c = ch.call(new BasicGet(0, req.param("name"), false));
                if (!(c.method() instanceof BasicGetOk ok)) {
                    break;
                }
                tags.add(ok.deliveryTag());
                MessageJson.message(out, c.body(), ok.redelivered(), ok.exchange(), ok.routingKey(),
                        ok.messageCount(), c.header().properties(), auto, truncate);
            }
            ApiResponse answer = ApiResponse.json(out);
            settle(ch, ackmode, tags);
            return answer;
        } catch (DirectException e) {
            throw Errors.ofGet(e);
        }
    }

    /** ack_requeue_true is left to the channel's close, which requeues as RabbitMQ's nack does. */
    private static void settle(DirectChannel ch, String ackmode, List<Long> tags) {
        if (tags.isEmpty()) {
            return;
        }
        switch (ackmode) {
            case "ack_requeue_false" -> ch.send(new BasicAck(tags.get(tags.size() - 1), true));
            case "reject_requeue_true", "reject_requeue_false" -> {
                boolean requeue = ackmode.equals("reject_requeue_true");
                for (long tag : tags) {
                    ch.send(new BasicReject(tag, requeue));
                }
            }
            default -> { }
        }
    }

    /** Warren's peek: the first messages as get shows them, without taking or marking them. */
    private ApiResponse peek(ApiRequest req) throws Exception {
        VirtualHost v = m.vhost(req);
        MessageQueue q = queue(v, req);
        checkRead(req, v, q);
        JsonNode body = req.jsonObject();
        int count = count(body);
        JsonNode enc = body.get("encoding");
        boolean auto = enc == null || encodingIsAuto(enc.asText());
        int truncate = truncate(body);
        List<PeekedMessage> seen = q.owner().submit(() -> q.peek(count)).get(WAIT_SECONDS, TimeUnit.SECONDS);
        ArrayNode out = Json.MAPPER.createArrayNode();
        int remaining = q.stats().readySnapshot();
        for (PeekedMessage p : seen) {
            Message message = p.message();
            MessageJson.message(out, message.body(), p.redelivered(), message.exchange(), message.routingKey(),
                    Math.max(0, --remaining),
                    new ContentHeader(Methods.BASIC_CLASS, 0, message.properties()).properties(), auto, truncate);
        }
        return ApiResponse.json(out);
    }

    /** Warren's redrive: moves dead letters back to the queue each died in, or through an exchange. */
    private ApiResponse redrive(ApiRequest req) throws Exception {
        VirtualHost v = m.vhost(req);
        MessageQueue q = queue(v, req);
        checkRead(req, v, q);
        JsonNode body = req.jsonObject();
        long max = body.hasNonNull("count") ? body.get("count").asLong(-1) : Long.MAX_VALUE;
        if (max < 0) {
            throw ApiException.badRequest("count must be a non-negative integer");
        }
        String exchange = body.hasNonNull("exchange") ? body.get("exchange").asText() : null;
        if (exchange != null && v.exchanges().lookup(exchange) == null) {
            throw ApiException.badRequest("no exchange '" + exchange + "' in vhost '" + v.name() + "'");
        }
        Redrive.Result r = Redrive.start(v, q.name(), exchange, max).get(10, TimeUnit.MINUTES);
        return ApiResponse.json(Json.object().put("moved", r.moved()).put("skipped", r.skipped()));
    }

    private void checkRead(ApiRequest req, VirtualHost v, MessageQueue q) {
        try {
            m.broker().permissions().openVhost(req.caller().name(), v.name()).read(ResourceKind.QUEUE, q.name());
        } catch (AmqpException e) {
            throw ApiException.notAuthorised(e.getMessage());
        }
    }

    private static int count(JsonNode body) {
        Bodies.require(body, "count");
        String c = body.get("count").asText();
        try {
            int n = Integer.parseInt(c.trim());
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("count must be a non-negative integer, got " + c);
        }
    }

    private static boolean encodingIsAuto(String encoding) {
        return switch (encoding) {
            case "auto" -> true;
            case "base64" -> false;
            default -> throw ApiException.badRequest("Unsupported encoding. Please use auto or base64.");
        };
    }

    private static int truncate(JsonNode body) {
        JsonNode t = body.get("truncate");
        if (t == null || t.isNull()) {
            return -1;
        }
        try {
            return Integer.parseInt(t.asText().trim());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("truncate must be an integer");
        }
    }
}
