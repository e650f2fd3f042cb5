package io.warren.broker;

import io.warren.queue.MessageQueue;
import io.warren.queue.QueueEntry;

/**
 * A delivery awaiting ack on a channel; {@code consumer} is null for basic.get. {@code lane} and
 * {@code deliveredAt} (System.nanoTime when written) are {@link ConsumerTimeouts}'.
 */
final class Unacked {
    final long tag;
    final MessageQueue queue;
    final QueueEntry entry;
    final ChannelConsumer consumer;
    boolean settled;
    ConsumerTimeouts.Lane lane;
    long deliveredAt;

    Unacked(long tag, MessageQueue queue, QueueEntry entry, ChannelConsumer consumer) {
        this.tag = tag;
        this.queue = queue;
        this.entry = entry;
        this.consumer = consumer;
    }
}
