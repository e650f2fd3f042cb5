package io.warren.dlx;

import io.warren.queue.Message;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A message ready to be published to its dead-letter exchange.
 *
 * @param message     the dead-lettered message: its exchange is the dead-letter exchange, its
 *                    routing key the first of {@code routingKeys}, its properties carry the death
 *                    history
 * @param routingKeys every routing key to route it with, first one first; never empty
 * @param headers     the headers in {@code message}'s properties, decoded: what a headers
 *                    exchange routes on, and the death history the cycle rule reads, so that
 *                    neither needs the properties decoded again
 */
public record DeadLetter(Message message, List<String> routingKeys, Map<String, Object> headers) {
    public DeadLetter {
        routingKeys = List.copyOf(routingKeys);
        if (routingKeys.isEmpty()) {
            throw new IllegalArgumentException("a dead letter needs a routing key");
        }
        headers = Collections.unmodifiableMap(headers);
    }

    /**
     * Whether publishing this dead letter to {@code targetQueue} would close a fully automatic
     * cycle, in which case RabbitMQ drops it for that queue (see {@link DeadLetterStamp#isCycle}).
     */
    public boolean closesCycleInto(String targetQueue) {
        return DeathHistory.of(headers).isCycleInto(targetQueue);
    }
}
