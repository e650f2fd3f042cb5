package io.warren.dlx;

import io.warren.queue.DeadLetterReason;
import io.netty.buffer.Unpooled;
import io.warren.amqp.BasicProperties;
import io.warren.amqp.types.LongStr;
import io.warren.queue.Message;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns a message leaving a queue into the dead letter RabbitMQ 3.13 would publish
 * ({@code rabbit_dead_letter}, {@code mc:record_death/3}, {@code mc_amqpl:protocol_state/2}).
 * Pure functions of their arguments; any thread may call them.
 *
 * <p>The dead letter gets:
 * <ul>
 *   <li>the dead-letter exchange as its exchange;</li>
 *   <li>routing keys: the dead-letter routing key when the queue has one, otherwise the message's
 *       own routing key followed by those of its CC header;</li>
 *   <li>an {@code x-death} entry for {source queue, reason}, most recent first (see
 *       {@link DeathHistory}); an x-death header the publisher sent is no history and is replaced,
 *       as RabbitMQ 4 (and 3.13.0-3.13.2) ignores it ({@link Message#publisherDeaths()});</li>
 *   <li>{@code x-first-death-queue/-reason/-exchange} on its first death only, and
 *       {@code x-last-death-queue/-reason/-exchange} on every death (new in RabbitMQ 3.13);</li>
 *   <li>no {@code expiration} property (kept as {@code original-expiration} in x-death), so it
 *       does not expire again; no BCC header; no CC header when a dead-letter routing key is set.</li>
 * </ul>
 * The headers come out sorted by name, as RabbitMQ 3.13 writes them. Every other property and the
 * body are kept.
 */
public final class DeadLetterStamp {
    private static final Comparator<String> CODE_POINT_ORDER = (a, b) -> {
        // Code point order is UTF-8 byte order, which is how Erlang sorts the binary keys.
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    };

    /** The header of the death history. */
    public static final String DEATHS_HEADER = DeathHistory.HEADER;

    private DeadLetterStamp() {
    }

    /**
     * The dead letter of {@code message} leaving {@code sourceQueue} for {@code reason}.
     *
     * @param deadLetterExchange   the queue's dead-letter exchange ("" is the default exchange)
     * @param deadLetterRoutingKey the queue's dead-letter routing key, or null to keep the message's keys
     * @param nowSeconds           the time of death, seconds since the Unix epoch
     * @throws IllegalArgumentException if the message's properties cannot be decoded
     */
    public static DeadLetter apply(Message message, DeadLetterReason reason, String sourceQueue,
                                   String deadLetterExchange, String deadLetterRoutingKey, long nowSeconds) {
        BasicProperties properties = decode(message.properties());
        Map<String, Object> headers = new TreeMap<>(CODE_POINT_ORDER);
        if (properties.headers() != null) {
            headers.putAll(properties.headers());
        }
        headers.remove("BCC");
        if (message.publisherDeaths()) {
            // Only the broker writes x-death ("x-headers belong to the broker"): what a client
            // published there neither counts nor grows; the first death below is this one.
            headers.remove(DeathHistory.HEADER);
        }
        List<String> ownKeys = new ArrayList<>();
        ownKeys.add(message.routingKey());
        ownKeys.addAll(HeaderValues.texts(headers.get("CC")));

        DeathHistory history = DeathHistory.of(headers);
        if (history.isEmpty()) {
            headers.put("x-first-death-queue", LongStr.of(sourceQueue));
            headers.put("x-first-death-reason", LongStr.of(reason.wireName()));
            headers.put("x-first-death-exchange", LongStr.of(message.exchange()));
        }
        history.record(sourceQueue, reason, message.exchange(), ownKeys, properties.expiration(), nowSeconds);
        headers.put(DeathHistory.HEADER, history.toHeaderValue());
        headers.put("x-last-death-queue", LongStr.of(sourceQueue));
        headers.put("x-last-death-reason", LongStr.of(reason.wireName()));
        headers.put("x-last-death-exchange", LongStr.of(message.exchange()));

        List<String> routingKeys;
        if (deadLetterRoutingKey != null) {
            headers.remove("CC");
            routingKeys = List.of(deadLetterRoutingKey);
        } else {
            routingKeys = ownKeys;
        }
        byte[] stamped = properties.toBuilder().headers(headers).expiration(null).build().toBytes();
        // A new arrival for its TTLs; its expiration is gone, so it cannot expire again by that.
        Message deadLetter = new Message(deadLetterExchange, routingKeys.get(0), stamped, message.body(),
                message.persistent(), message.priority(), Message.NO_EXPIRATION, System.currentTimeMillis());
        return new DeadLetter(deadLetter, routingKeys, headers);
    }

    /**
     * Whether publishing {@code deadLetter} (a message {@link #apply stamped} already) to
     * {@code targetQueue} would close a fully automatic cycle, in which case RabbitMQ drops it
     * for that queue: it died in {@code targetQueue} before and no death since, that one
     * included, was a rejection.
     *
     * @throws IllegalArgumentException if the message's properties cannot be decoded
     */
    public static boolean isCycle(Message deadLetter, String targetQueue) {
        return DeathHistory.of(decode(deadLetter.properties()).headers()).isCycleInto(targetQueue);
    }

    /** Where a dead letter last died: the queue, and the exchange and routing keys it had there. */
    public record LastDeath(String queue, String exchange, List<String> routingKeys) {}

    /**
     * The most recent x-death entry of {@code message}, or null when it never died (or its
     * header is not RabbitMQ's shape). Redrive sends a message back by it.
     */
    public static LastDeath lastDeath(Message message) {
        Map<String, Object> headers = decode(message.properties()).headers();
        Object deaths = headers == null ? null : headers.get(DeathHistory.HEADER);
        if (!(deaths instanceof List<?> list) || list.isEmpty() || !(list.get(0) instanceof Map<?, ?> entry)) {
            return null;
        }
        String queue = HeaderValues.text(entry.get("queue"));
        if (queue == null) {
            return null;
        }
        String exchange = HeaderValues.text(entry.get("exchange"));
        return new LastDeath(queue, exchange == null ? "" : exchange, HeaderValues.texts(entry.get("routing-keys")));
    }

    private static BasicProperties decode(byte[] raw) {
        try {
            return BasicProperties.decode(Unpooled.wrappedBuffer(raw));
        } catch (IndexOutOfBoundsException e) {
            throw new IllegalArgumentException("message properties end early", e);
        }
    }
}
