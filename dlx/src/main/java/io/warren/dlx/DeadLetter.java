package io.warren.dlx;

import io.warren.queue.Message;
import java.util.List;

/**
 * A message ready to be published to its dead-letter exchange.
 *
 * @param message     the dead-lettered message: its exchange is the dead-letter exchange, its
 *                    routing key the first of {@code routingKeys}, its properties carry the death
 *                    history
 * @param routingKeys every routing key to route it with, first one first; never empty
 */
public record DeadLetter(Message message, List<String> routingKeys) {
    public DeadLetter {
        routingKeys = List.copyOf(routingKeys);
        if (routingKeys.isEmpty()) {
            throw new IllegalArgumentException("a dead letter needs a routing key");
        }
    }
}
