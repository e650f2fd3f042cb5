package io.warren.broker.definitions;

import io.warren.broker.ChannelException;
import io.warren.broker.QueueArguments;
import io.warren.broker.queuetype.QueueTypes;

import java.util.Map;
import java.util.Set;

/** Reads queues, exchanges and bindings; queue arguments are checked with the broker's own rules. */
final class TopologySections {
    private static final Set<String> EXCHANGE_TYPES = Set.of("direct", "fanout", "topic", "headers");

    private TopologySections() {}

    static QueueDefinition queue(Entry e) {
        String vhost = e.vhost();
        String name = e.string("name");
        String type = e.optionalString("type");
        Boolean durable = e.bool("durable");
        Boolean autoDelete = e.bool("auto_delete");
        Map<String, Object> arguments = e.arguments("arguments");
        if (type != null && !QueueTypes.declarable(type)) {
            e.problem("type", "queue type " + JsonValues.quote(type) + " is not supported; Warren has "
                    + QueueTypes.declarableNames());
        }
        if (arguments != null && name != null && vhost != null) {
            try {
                QueueArguments.validate(name, vhost, arguments);
            } catch (ChannelException refused) {
                e.problem("arguments", detail(refused));
            }
            Object argType = arguments.get("x-queue-type");
            if (type != null && argType != null && !type.equals(argType.toString())) {
                e.problem("type", JsonValues.quote(type) + " contradicts x-queue-type " + JsonValues.quote(argType.toString()));
            }
        }
        return AccessSections.allPresent(vhost, name, durable, autoDelete, arguments)
                ? new QueueDefinition(vhost, name, type, durable, autoDelete, arguments) : null;
    }

    static ExchangeDefinition exchange(Entry e) {
        String vhost = e.vhost();
        String name = e.string("name");
        String type = e.string("type");
        Boolean durable = e.bool("durable");
        Boolean autoDelete = e.bool("auto_delete");
        Boolean internal = e.optionalBool("internal", false);
        Map<String, Object> arguments = e.arguments("arguments");
        if (type != null && !EXCHANGE_TYPES.contains(type)) {
            e.problem("type", type.startsWith("x-")
                    ? "exchange type " + JsonValues.quote(type) + " comes from a RabbitMQ plugin, which Warren does not have"
                    : "unknown exchange type " + JsonValues.quote(type) + "; known: direct, fanout, topic, headers");
            type = null;
        }
        return AccessSections.allPresent(vhost, name, type, durable, autoDelete, internal, arguments)
                ? new ExchangeDefinition(vhost, name, type, durable, autoDelete, internal, arguments) : null;
    }

    static BindingDefinition binding(Entry e) {
        String vhost = e.vhost();
        String source = e.string("source");
        String destination = e.string("destination");
        String typeName = e.string("destination_type");
        String routingKey = e.string("routing_key");
        Map<String, Object> arguments = e.arguments("arguments");
        DestinationType type = typeName == null ? null : DestinationType.fromWireName(typeName);
        if (typeName != null && type == null) {
            e.problem("destination_type", "expected \"queue\" or \"exchange\", got " + JsonValues.quote(typeName));
        }
        return AccessSections.allPresent(vhost, source, destination, type, routingKey, arguments)
                ? new BindingDefinition(vhost, source, destination, type, routingKey, arguments) : null;
    }

    /** The refusal without its reply-code prefix: the text after "PRECONDITION_FAILED - ". */
    private static String detail(ChannelException refused) {
        String message = refused.getMessage();
        int dash = message.indexOf(" - ");
        return dash < 0 ? message : message.substring(dash + 3);
    }
}
