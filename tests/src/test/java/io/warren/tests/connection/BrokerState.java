package io.warren.tests.connection;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ShutdownSignalException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeoutException;

/**
 * Asks the broker whether a queue or exchange exists, by passive declaration on a throw-away
 * channel (a miss closes the channel with 404, so it must not be a channel the test uses).
 */
public final class BrokerState {
    private static final int NOT_FOUND = 404;

    private BrokerState() {
    }

    public static boolean queueExists(Connection connection, String queue) {
        return exists(connection, channel -> channel.queueDeclarePassive(queue));
    }

    public static boolean exchangeExists(Connection connection, String exchange) {
        return exists(connection, channel -> channel.exchangeDeclarePassive(exchange));
    }

    private static boolean exists(Connection connection, PassiveDeclare declare) {
        try {
            Channel channel = connection.createChannel();
            declare.run(channel);
            channel.close();
            return true;
        } catch (IOException e) {
            if (e.getCause() instanceof ShutdownSignalException signal && !signal.isHardError()
                    && signal.getReason() instanceof AMQP.Channel.Close close
                    && close.getReplyCode() == NOT_FOUND) {
                return false;
            }
            throw new UncheckedIOException(e);
        } catch (TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    private interface PassiveDeclare {
        void run(Channel channel) throws IOException;
    }
}
