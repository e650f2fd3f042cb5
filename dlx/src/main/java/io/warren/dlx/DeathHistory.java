package io.warren.dlx;

import io.warren.queue.DeadLetterReason;
import io.warren.amqp.types.LongStr;
import io.warren.amqp.types.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code x-death} header of a message: one table per {source queue, reason}, most recent
 * first, as RabbitMQ 3.13 writes it ({@code mc_amqpl:death_table/7}).
 */
final class DeathHistory {
    static final String HEADER = "x-death";

    private final List<Object> entries;

    private DeathHistory(List<Object> entries) {
        this.entries = entries;
    }

    /** The history in {@code headers}; empty when there is none or it is not an array. */
    static DeathHistory of(Map<String, Object> headers) {
        Object value = headers == null ? null : headers.get(HEADER);
        return new DeathHistory(value instanceof List<?> list ? new ArrayList<>(list) : new ArrayList<>());
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    /**
     * Counts one more death from {@code queue} for {@code reason}. An existing entry keeps its
     * first time, exchange, routing keys and original expiration, gets its count incremented and
     * moves to the front; otherwise a new entry goes to the front.
     */
    void record(String queue, DeadLetterReason reason, String exchange, List<String> routingKeys,
                String originalExpiration, long nowSeconds) {
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i) instanceof Map<?, ?> entry && isFor(entry, queue, reason.wireName())) {
                entries.remove(i);
                entries.add(0, incremented(entry));
                return;
            }
        }
        entries.add(0, newEntry(queue, reason, exchange, routingKeys, originalExpiration, nowSeconds));
    }

    /**
     * Whether dead-lettering into {@code targetQueue} closes a fully automatic cycle: the message
     * already died in that queue and nobody rejected it since (counting that death itself). This
     * is {@code mc:is_death_cycle/2} of RabbitMQ 3.13 with the recency order of its deaths v2.
     */
    boolean isCycleInto(String targetQueue) {
        for (Object e : entries) {
            if (e instanceof Map<?, ?> entry) {
                if (DeadLetterReason.REJECTED.wireName().equals(HeaderValues.text(entry.get("reason")))) {
                    return false;
                }
                if (targetQueue.equals(HeaderValues.text(entry.get("queue")))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The header value to store. */
    List<Object> toHeaderValue() {
        return entries;
    }

    private static boolean isFor(Map<?, ?> entry, String queue, String reason) {
        return queue.equals(HeaderValues.text(entry.get("queue"))) && reason.equals(HeaderValues.text(entry.get("reason")));
    }

    private static Map<String, Object> incremented(Map<?, ?> entry) {
        Map<String, Object> copy = new LinkedHashMap<>();
        entry.forEach((k, v) -> copy.put(String.valueOf(k), v));
        // RabbitMQ always writes count as a long, whatever width a client sent it with.
        long count = copy.get("count") instanceof Number n ? n.longValue() : 0;
        copy.put("count", count + 1);
        return copy;
    }

    private static Map<String, Object> newEntry(String queue, DeadLetterReason reason, String exchange,
                                                List<String> routingKeys, String originalExpiration,
                                                long nowSeconds) {
        Map<String, Object> entry = new LinkedHashMap<>();
        if (originalExpiration != null) {
            entry.put("original-expiration", LongStr.of(originalExpiration));
        }
        entry.put("count", 1L);
        entry.put("reason", LongStr.of(reason.wireName()));
        entry.put("queue", LongStr.of(queue));
        entry.put("time", new Timestamp(nowSeconds));
        entry.put("exchange", LongStr.of(exchange));
        List<Object> keys = new ArrayList<>(routingKeys.size());
        routingKeys.forEach(k -> keys.add(LongStr.of(k)));
        entry.put("routing-keys", keys);
        return entry;
    }
}
