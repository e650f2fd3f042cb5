package io.warren.management.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.warren.amqp.BasicProperties;
import io.warren.broker.definitions.JsonOutput;
import io.warren.broker.definitions.JsonValues;
import io.warren.management.http.ApiException;
import io.warren.management.http.Json;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;

/**
 * Messages as the management API shows and takes them ({@code rabbit_mgmt_format:basic_properties}
 * and {@code to_basic_properties}, {@code rabbit_mgmt_wm_queue_get}): properties by their
 * snake_case names, only those set; the payload as text when it is UTF-8 and {@code auto} was
 * asked for, else base64; truncated to {@code truncate} bytes.
 */
final class MessageJson {
    private MessageJson() {
    }

    static ObjectNode properties(BasicProperties p) {
        ObjectNode o = Json.object();
        putIf(o, "content_type", p.contentType());
        putIf(o, "content_encoding", p.contentEncoding());
        if (p.headers() != null) {
            o.set("headers", JsonOutput.tree(p.headers()));
        }
        if (p.deliveryMode() != null) {
            o.put("delivery_mode", p.deliveryMode());
        }
        if (p.priority() != null) {
            o.put("priority", p.priority());
        }
        putIf(o, "correlation_id", p.correlationId());
        putIf(o, "reply_to", p.replyTo());
        putIf(o, "expiration", p.expiration());
        putIf(o, "message_id", p.messageId());
        if (p.timestamp() != null) {
            o.put("timestamp", p.timestamp());
        }
        putIf(o, "type", p.type());
        putIf(o, "user_id", p.userId());
        putIf(o, "app_id", p.appId());
        putIf(o, "cluster_id", p.clusterId());
        return o;
    }

    private static void putIf(ObjectNode o, String field, String value) {
        if (value != null) {
            o.put(field, value);
        }
    }

    /** A publish request's {@code properties} object; unknown keys are refused as RabbitMQ does. */
    static BasicProperties fromJson(JsonNode props) {
        BasicProperties.Builder b = BasicProperties.builder();
        if (props == null || props.isNull()) {
            return b.build();
        }
        if (!props.isObject()) {
            throw ApiException.badRequest("properties must be an object");
        }
        Iterator<Map.Entry<String, JsonNode>> fields = props.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            JsonNode v = f.getValue();
            switch (f.getKey()) {
                case "content_type" -> b.contentType(v.asText());
                case "content_encoding" -> b.contentEncoding(v.asText());
                case "headers" -> {
                    if (!v.isObject()) {
                        throw ApiException.badRequest("headers must be an object");
                    }
                    b.headers(JsonValues.toFieldTable(v));
                }
                case "delivery_mode" -> b.deliveryMode(integer(v, "delivery_mode"));
                case "priority" -> b.priority(integer(v, "priority"));
                case "correlation_id" -> b.correlationId(v.asText());
                case "reply_to" -> b.replyTo(v.asText());
                case "expiration" -> b.expiration(v.asText());
                case "message_id" -> b.messageId(v.asText());
                case "timestamp" -> b.timestamp((long) integer(v, "timestamp"));
                case "type" -> b.type(v.asText());
                case "user_id" -> b.userId(v.asText());
                case "app_id" -> b.appId(v.asText());
                case "cluster_id" -> b.clusterId(v.asText());
                default -> throw ApiException.badRequest("{invalid_property," + f.getKey() + "}");
            }
        }
        return b.build();
    }

    private static int integer(JsonNode v, String field) {
        if (v.canConvertToInt() && v.isIntegralNumber()) {
            return v.intValue();
        }
        if (v.isTextual()) {
            try {
                return Integer.parseInt(v.textValue());
            } catch (NumberFormatException ignored) {
                // falls through to the refusal
            }
        }
        throw ApiException.badRequest("{invalid_property," + field + "}");
    }

    /** A got or peeked message as /get answers it, added to {@code out}. */
    static void message(ArrayNode out, byte[] body, boolean redelivered, String exchange, String routingKey,
                        long messageCount, BasicProperties properties, boolean auto, int truncate) {
        ObjectNode msg = out.addObject();
        msg.put("payload_bytes", body.length);
        msg.put("redelivered", redelivered);
        msg.put("exchange", exchange);
        msg.put("routing_key", routingKey);
        msg.put("message_count", messageCount);
        msg.set("properties", properties(properties));
        payload(msg, body, auto, truncate);
    }

    private static void payload(ObjectNode o, byte[] body, boolean auto, int truncate) {
        byte[] shown = truncate >= 0 && body.length > truncate ? Arrays.copyOf(body, truncate) : body;
        String text = auto ? JsonOutput.utf8OrNull(shown) : null;
        if (text != null) {
            o.put("payload", text);
            o.put("payload_encoding", "string");
        } else {
            o.put("payload", Base64.getEncoder().encodeToString(shown));
            o.put("payload_encoding", "base64");
        }
    }
}
