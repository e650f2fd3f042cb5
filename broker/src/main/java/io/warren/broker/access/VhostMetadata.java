package io.warren.broker.access;

import java.util.List;
import java.util.Map;

/**
 * What RabbitMQ keeps about a vhost besides its contents: description, tags, default queue type
 * (null when unset) and limits such as {@code max-connections} and {@code max-queues}. Stored and
 * exported here; {@link io.warren.broker.limits.LimitGate} enforces the limits.
 */
public record VhostMetadata(String description, List<String> tags, String defaultQueueType,
                            Map<String, Object> limits) {
    public static final VhostMetadata NONE = new VhostMetadata("", List.of(), null, Map.of());

    public VhostMetadata {
        description = description == null ? "" : description;
        tags = tags == null ? List.of() : List.copyOf(tags);
        limits = limits == null ? Map.of() : Map.copyOf(limits);
    }
}
