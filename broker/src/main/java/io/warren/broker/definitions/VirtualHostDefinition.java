package io.warren.broker.definitions;

import java.util.List;
import java.util.Map;

/**
 * A virtual host. Files carry its description, tags and default queue type either at the top
 * of the entry (3.x, and 4.x alongside metadata) or inside {@code metadata} (3.8+); as RabbitMQ's
 * import does, a top-level value wins over the one in {@code metadata}.
 *
 * @param description      null when the file has none
 * @param tags             null when the file has none
 * @param defaultQueueType classic, quorum or stream; null when the file has none
 * @param otherMetadata    metadata keys beyond those three (e.g. {@code protected_from_deletion}),
 *                         never null
 * @param limits           {@code max-connections} / {@code max-queues} from a 4.x entry's
 *                         {@code limits}; null when absent (3.x files carry vhost limits as
 *                         {@code vhost-limits} parameters instead)
 */
public record VirtualHostDefinition(String name, String description, List<String> tags,
                                    String defaultQueueType, Map<String, Object> otherMetadata,
                                    Map<String, Long> limits) {
    public VirtualHostDefinition {
        tags = tags == null ? null : List.copyOf(tags);
        otherMetadata = Values.copyOf(otherMetadata == null ? Map.of() : otherMetadata);
        limits = limits == null ? null : Values.copyOf(limits);
    }

    /** A vhost with nothing but a name, as RabbitMQ 3.x exports them. */
    public static VirtualHostDefinition named(String name) {
        return new VirtualHostDefinition(name, null, null, null, Map.of(), null);
    }
}
