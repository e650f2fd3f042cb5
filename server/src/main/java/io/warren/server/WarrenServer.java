package io.warren.server;

import io.warren.server.config.WarrenConfig;

/**
 * A running Warren node inside this JVM: the embedded API. {@link #start} binds every listener
 * and returns once clients can connect; {@link #close} stops them and waits.
 */
public final class WarrenServer implements AutoCloseable {
    private WarrenServer() {}

    public static WarrenServer start(WarrenConfig config) {
        throw new UnsupportedOperationException("broker not wired yet");
    }

    /** The bound AMQP port (the real one when the config asked for port 0). */
    public int amqpPort() {
        throw new UnsupportedOperationException("broker not wired yet");
    }

    @Override
    public void close() {}
}
