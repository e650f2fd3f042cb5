package io.warren.amqp;

/** Emitted by {@link ProtocolHeaderHandler} once a peer has sent an acceptable protocol header. */
public enum ProtocolHeader {
    INSTANCE
}
