package io.warren.amqp;

/** A heartbeat frame, as {@link FrameDecoder} emits it. */
public enum Heartbeat {
    INSTANCE
}
