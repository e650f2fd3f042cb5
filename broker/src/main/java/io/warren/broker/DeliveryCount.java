package io.warren.broker;

import io.netty.buffer.Unpooled;
import io.warren.amqp.BasicProperties;
import io.warren.queue.MessageQueue;
import io.warren.queue.QueueEntry;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The x-delivery-count header of a redelivery from a queue with a delivery limit: how many times
 * the message was delivered and came back before, as RabbitMQ's quorum queues write it (a long).
 * A first delivery, and every delivery from a queue without a limit, keeps its properties as
 * published.
 */
final class DeliveryCount {
    static final String HEADER = "x-delivery-count";

    private DeliveryCount() {}

    /** The properties to deliver {@code entry} with; call on the queue's owner thread, after hand-out. */
    static byte[] properties(MessageQueue queue, QueueEntry entry) {
        int returned = entry.deliveryCount() - 1;
        byte[] raw = entry.message().properties();
        if (returned <= 0 || queue.settings().deliveryLimit() < 0) {
            return raw;
        }
        BasicProperties props = BasicProperties.decode(Unpooled.wrappedBuffer(raw));
        Map<String, Object> headers = props.headers() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(props.headers());
        headers.put(HEADER, (long) returned);
        return props.toBuilder().headers(headers).build().toBytes();
    }
}
