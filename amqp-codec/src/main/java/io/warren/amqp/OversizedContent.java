package io.warren.amqp;

/**
 * Emitted by {@link FrameDecoder} instead of a {@link Command} when a content header announces a
 * body larger than the decoder's maximum message size. The decoder skipped the body without keeping
 * it, and emits this once the last body frame has gone by; RabbitMQ answers such a publish with
 * {@code 406 PRECONDITION_FAILED - message size X is larger than configured max size Y}.
 *
 * @param bodySize the announced size, an unsigned 64-bit value
 */
public record OversizedContent(int channel, AmqpMethod method, long bodySize) {
}
