package io.warren.tests.connection;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Method;
import com.rabbitmq.client.ShutdownSignalException;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Assertions on the errors a broker raises through the Java client: a channel.close or a
 * connection.close with an exact reply code and reply text, as RabbitMQ sends them.
 */
public final class ProtocolErrors {
    private ProtocolErrors() {
    }

    /** Client code that is expected to fail. */
    @FunctionalInterface
    public interface AmqpAction {
        void run() throws Exception;
    }

    /**
     * Runs {@code action}, which must end in a channel error (the connection stays open), and
     * checks the broker's channel.close.
     */
    public static AMQP.Channel.Close assertChannelError(int replyCode, String replyText, AmqpAction action) {
        ShutdownSignalException signal = shutdownOf(action);
        Method reason = signal.getReason();
        assertFalse(signal.isHardError(), () -> "expected a channel error but the connection closed: " + reason);
        AMQP.Channel.Close close = assertInstanceOf(AMQP.Channel.Close.class, reason);
        assertEquals(replyText, close.getReplyText());
        assertEquals(replyCode, close.getReplyCode(), () -> "reply code for " + close.getReplyText());
        return close;
    }

    /** Runs {@code action}, which must end in a connection error, and checks the broker's connection.close. */
    public static AMQP.Connection.Close assertConnectionError(int replyCode, String replyText, AmqpAction action) {
        ShutdownSignalException signal = shutdownOf(action);
        Method reason = signal.getReason();
        assertTrue(signal.isHardError(), () -> "expected a connection error but only the channel closed: " + reason);
        AMQP.Connection.Close close = assertInstanceOf(AMQP.Connection.Close.class, reason);
        assertEquals(replyText, close.getReplyText());
        assertEquals(replyCode, close.getReplyCode(), () -> "reply code for " + close.getReplyText());
        return close;
    }

    /**
     * Makes one synchronous call on {@code channel}. Publishing is asynchronous, so an error it
     * causes only reaches the client with the answer to a later synchronous method.
     */
    public static void roundTrip(Channel channel) throws IOException {
        channel.basicQos(0);
    }

    private static ShutdownSignalException shutdownOf(AmqpAction action) {
        try {
            action.run();
        } catch (Exception e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof ShutdownSignalException signal) {
                    return signal;
                }
            }
            throw new AssertionError("expected the broker to close the channel or connection, but got " + e, e);
        }
        return fail("expected the broker to close the channel or connection, but the call succeeded");
    }
}
