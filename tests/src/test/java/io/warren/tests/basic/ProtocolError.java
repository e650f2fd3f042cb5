package io.warren.tests.basic;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.AlreadyClosedException;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Method;
import com.rabbitmq.client.ShutdownSignalException;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The close a broker sent for a protocol error: {@code channel.close} (a soft error that ends one
 * channel) or {@code connection.close} (a hard error that ends the whole connection), with its
 * reply code and text exactly as they came over the wire.
 *
 * <p>Tests compare a whole value, {@code assertEquals(ProtocolError.channel(404, "NOT_FOUND - ..."),
 * ProtocolError.raisedBy(channel, () -> ...))}, so the level, the code and the text are all checked.
 */
record ProtocolError(boolean connectionLevel, int replyCode, String replyText) {
    private static final long CLOSE_TIMEOUT_SECONDS = 10;

    /** Something done on a channel that the broker should refuse. */
    @FunctionalInterface
    interface Refused {
        void run() throws IOException;
    }

    static ProtocolError channel(int replyCode, String replyText) {
        return new ProtocolError(false, replyCode, replyText);
    }

    static ProtocolError connection(int replyCode, String replyText) {
        return new ProtocolError(true, replyCode, replyText);
    }

    /**
     * Runs {@code action} on {@code channel} and waits for the broker to close the channel or its
     * connection because of it. Asynchronous methods (publish, ack) fail only when the close frame
     * arrives, synchronous ones fail at once; both end up in the channel's shutdown signal, so that
     * is what is read. Call it from the test thread, never from a consumer callback.
     *
     * @throws AssertionError if nothing is closed within ten seconds, or the close came from the client
     */
    static ProtocolError raisedBy(Channel channel, Refused action) {
        CompletableFuture<ShutdownSignalException> closed = new CompletableFuture<>();
        channel.addShutdownListener(closed::complete);
        try {
            action.run();
        } catch (IOException | AlreadyClosedException e) {
            // A synchronous method fails with the close itself; the listener has the details.
        }
        ShutdownSignalException signal;
        try {
            signal = closed.get(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("the broker did not close the channel or the connection", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the close", e);
        } catch (ExecutionException e) {
            throw new AssertionError(e.getCause());
        }
        if (signal.isInitiatedByApplication()) {
            throw new AssertionError("the client closed the channel, not the broker", signal);
        }
        Method reason = signal.getReason();
        if (reason instanceof AMQP.Connection.Close close) {
            return connection(close.getReplyCode(), close.getReplyText());
        }
        if (reason instanceof AMQP.Channel.Close close) {
            return channel(close.getReplyCode(), close.getReplyText());
        }
        throw new AssertionError("the channel ended without a close from the broker: " + reason, signal);
    }
}
