package io.warren.amqp;

import io.netty.buffer.ByteBuf;

/**
 * An AMQP 0-9-1 method with its arguments: one immutable record per method in
 * {@code io.warren.amqp.method}, generated from the spec. Any thread may read one; writing it is as
 * thread-safe as the buffer written to.
 */
public interface AmqpMethod {

    int classId();

    int methodId();

    /** The spec name, such as {@code "basic.publish"} or {@code "queue.declare-ok"}. */
    String name();

    /** Whether a content header and body follow this method (basic.publish, return, deliver, get-ok). */
    boolean hasContent();

    /** Writes the arguments, without class and method id, as the wire carries them. */
    void writeArguments(ByteBuf out);

    /** Calls the visitor's callback for this method. */
    void accept(MethodVisitor visitor);
}
