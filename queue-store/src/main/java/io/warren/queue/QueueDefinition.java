package io.warren.queue;

import java.util.Map;

/**
 * What a queue was declared with. {@code exclusiveOwner} identifies the connection that owns an
 * exclusive queue (null otherwise); the queue store never looks inside it.
 */
public record QueueDefinition(String vhost, String name, boolean durable, boolean exclusive, boolean autoDelete,
                              Map<String, Object> arguments, Object exclusiveOwner) {
}
