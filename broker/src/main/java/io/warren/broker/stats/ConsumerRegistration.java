package io.warren.broker.stats;

import io.warren.queue.MessageQueue;
import io.warren.queue.QueueConsumer;

import java.util.Map;

/**
 * A basic.consume as introspection sees it; immutable.
 *
 * @param consumer the subscription as its queue knows it, to tell whether it is the queue's
 *                 single active consumer
 */
public record ConsumerRegistration(String tag, MessageQueue queue, boolean ackRequired, boolean exclusive,
                                   int prefetchCount, Map<String, Object> arguments, QueueConsumer consumer) {
    public ConsumerRegistration {
        arguments = arguments == null ? Map.of() : Map.copyOf(withoutNulls(arguments));
    }

    private static Map<String, Object> withoutNulls(Map<String, Object> args) {
        if (!args.containsValue(null)) {
            return args;
        }
        Map<String, Object> copy = new java.util.LinkedHashMap<>(args);
        copy.values().removeIf(java.util.Objects::isNull);
        return copy;
    }
}
