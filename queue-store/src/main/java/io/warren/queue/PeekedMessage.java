package io.warren.queue;

/** A ready message seen by {@link MessageQueue#peek}: immutable, safe to hand to any thread. */
public record PeekedMessage(Message message, boolean redelivered) {
}
