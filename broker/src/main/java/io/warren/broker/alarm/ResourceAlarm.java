package io.warren.broker.alarm;

import java.util.Set;
import java.util.StringJoiner;

/** A resource whose shortage blocks publishers: RabbitMQ's memory and disk alarms. */
public enum ResourceAlarm {
    MEMORY("memory"),
    DISK("disk");

    private final String resourceName;

    ResourceAlarm(String resourceName) {
        this.resourceName = resourceName;
    }

    /** The resource as RabbitMQ names it in alarm reasons: "memory" or "disk". */
    public String resourceName() {
        return resourceName;
    }

    /**
     * The reason sent in connection.blocked, as rabbit_reader words it: "low on memory",
     * "low on disk", or "low on memory &amp; disk" when both alarms are in effect.
     */
    public static String blockedReason(Set<ResourceAlarm> alarms) {
        StringJoiner resources = new StringJoiner(" & ", "low on ", "");
        for (ResourceAlarm a : values()) {
            if (alarms.contains(a)) {
                resources.add(a.resourceName);
            }
        }
        return resources.toString();
    }
}
