package io.warren.queue.store;

import io.warren.queue.Message;

/**
 * A message read back from a queue's log.
 *
 * @param position       where it is stored; pass it to {@link QueueLog#ack} once it is gone
 * @param queueSequence  the sequence number the queue gave when appending it
 * @param message        exchange, routing key, property bytes and body exactly as appended
 * @param redelivered    true if the message may have been handed to a consumer before: it was
 *                       marked delivered, or it was recovered after an unclean shutdown
 */
public record StoredMessage(SegmentPosition position, long queueSequence, Message message, boolean redelivered) {
}
