package io.warren.broker.stats;

import io.warren.queue.DeadLetterReason;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Cumulative totals of one vhost, or of the whole broker: the channel message counters of every
 * channel there ever was, the socket bytes of every connection, and (broker only) the dead
 * letters of every queue. They only grow, because closed channels and connections and deleted
 * queues leave what they counted behind. Kept by {@link TotalsFolder}; an instance handed out is
 * a copy, safe to read anywhere.
 */
public final class MessageTotals {
    final long[] messages = new long[MessageStat.count()];
    final long[] deadLettered = new long[2 * DeadLetterReason.values().length];
    long recvOct;
    long sendOct;

    public long get(MessageStat stat) {
        return messages[stat.ordinal()];
    }

    /** deliver + deliver_no_ack + get + get_no_ack. */
    public long deliverGet() {
        return get(MessageStat.DELIVER) + get(MessageStat.DELIVER_NO_ACK) + get(MessageStat.GET)
                + get(MessageStat.GET_NO_ACK);
    }

    /** Messages that left queues for {@code reason}, to a dead-letter exchange or dropped for want of one. */
    public long deadLettered(DeadLetterReason reason, boolean toExchange) {
        return deadLettered[2 * reason.ordinal() + (toExchange ? 1 : 0)];
    }

    public long recvOct() {
        return recvOct;
    }

    public long sendOct() {
        return sendOct;
    }

    /** The management message_stats: the channel fields and deliver_get, by RabbitMQ's names. */
    public Map<String, Long> messageStats() {
        Map<String, Long> m = new LinkedHashMap<>();
        for (MessageStat s : MessageStat.MANAGEMENT) {
            m.put(s.field(), get(s));
        }
        m.put("deliver_get", deliverGet());
        return m;
    }

    MessageTotals copy() {
        MessageTotals c = new MessageTotals();
        System.arraycopy(messages, 0, c.messages, 0, messages.length);
        System.arraycopy(deadLettered, 0, c.deadLettered, 0, deadLettered.length);
        c.recvOct = recvOct;
        c.sendOct = sendOct;
        return c;
    }
}
