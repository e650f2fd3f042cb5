package io.warren.broker.queuetype;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The queue types, in one place (RabbitMQ's registered {@code rabbit_queue_type} modules): classic,
 * quorum and stream. Stream is known but not declarable yet, so it is refused as any unknown type.
 */
public final class QueueTypes {
    public static final QueueType CLASSIC = new QueueType("classic", "rabbit_classic_queue", true, Set.of(
            "x-expires", "x-message-ttl", "x-dead-letter-exchange", "x-dead-letter-routing-key", "x-max-length",
            "x-max-length-bytes", "x-max-priority", "x-overflow", "x-queue-mode", "x-queue-version",
            "x-single-active-consumer", "x-queue-type", "x-queue-master-locator"), false, false);
    public static final QueueType QUORUM = new QueueType("quorum", "rabbit_quorum_queue", true, Set.of(
            "x-expires", "x-dead-letter-exchange", "x-dead-letter-routing-key", "x-dead-letter-strategy",
            "x-max-length", "x-max-length-bytes", "x-max-in-memory-length", "x-max-in-memory-bytes", "x-overflow",
            "x-single-active-consumer", "x-queue-type", "x-quorum-initial-group-size", "x-delivery-limit",
            "x-message-ttl", "x-queue-leader-locator"), true, true);
    public static final QueueType STREAM = new QueueType("stream", "rabbit_stream_queue", false, Set.of(
            "x-queue-type", "x-max-length-bytes", "x-max-age", "x-stream-max-segment-size-bytes",
            "x-initial-cluster-size", "x-queue-leader-locator", "x-stream-filter-size-bytes"), true, true);

    public static final List<QueueType> ALL = List.of(CLASSIC, QUORUM, STREAM);

    /** Every argument some type has, in the order the key check looks at them. */
    static final Set<String> KNOWN_ARGUMENTS;

    static {
        Set<String> known = new LinkedHashSet<>();
        ALL.forEach(t -> known.addAll(t.arguments().stream().sorted().toList()));
        KNOWN_ARGUMENTS = Collections.unmodifiableSet(known);
    }

    private QueueTypes() {}

    /** The type of that name, declarable or not. */
    public static Optional<QueueType> named(String name) {
        return ALL.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /** True when a queue of this type name can be declared (classic and quorum). */
    public static boolean declarable(String name) {
        return named(name).map(QueueType::declarable).orElse(false);
    }

    /** The names Warren declares, for messages ("classic and quorum"). */
    public static String declarableNames() {
        List<String> names = ALL.stream().filter(QueueType::declarable).map(QueueType::name).toList();
        return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }

    /**
     * The type of a queue with these declare arguments: {@code x-queue-type} if it names a known
     * type, else classic.
     */
    public static QueueType of(Map<String, Object> arguments) {
        Object type = arguments == null ? null : arguments.get("x-queue-type");
        return type == null ? CLASSIC : named(type.toString()).orElse(CLASSIC);
    }
}
