package io.warren.tests.connection;

import com.rabbitmq.client.AlreadyClosedException;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.warren.tests.hostile.CloseMethod;
import io.warren.tests.hostile.Methods;
import io.warren.tests.hostile.RawAmqpSocket;
import io.warren.tests.support.TestBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;

import static io.warren.tests.connection.ProtocolErrors.assertChannelError;
import static io.warren.tests.hostile.Methods.CHANNEL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Opening and closing channels, and how a channel error is contained to its channel. */
class ChannelLifecycleTest {
    @RegisterExtension
    static final TestBroker broker = new TestBroker();

    private Connection connection;

    @BeforeEach
    void connect() {
        connection = broker.connect();
    }

    @AfterEach
    void disconnect() {
        connection.abort();
    }

    @Test
    void channelErrorClosesOnlyThatChannel() throws Exception {
        Channel failing = connection.createChannel();
        Channel bystander = connection.createChannel();
        String missing = Names.unique("missing");

        assertChannelError(404, "NOT_FOUND - no queue '" + missing + "' in vhost '/'",
                () -> failing.queueDeclarePassive(missing));

        assertFalse(failing.isOpen());
        assertTrue(connection.isOpen());
        assertTrue(bystander.isOpen());
        String queue = bystander.queueDeclare().getQueue();
        Channel fresh = connection.createChannel();
        assertEquals(queue, fresh.queueDeclarePassive(queue).getQueue());
    }

    @Test
    void channelNumberCanBeReusedAfterClose() throws Exception {
        Channel first = connection.createChannel(7);
        first.close();

        Channel again = connection.createChannel(7);
        assertNotNull(again, "channel 7 still taken");
        assertEquals(7, again.getChannelNumber());
        again.queueDeclare();
    }

    @Test
    void clientRefusesToCloseAChannelTwice() throws Exception {
        Channel channel = connection.createChannel();
        channel.close();

        assertThrows(AlreadyClosedException.class, channel::close);
        assertTrue(connection.isOpen());
        connection.createChannel().queueDeclare();
    }

    @Test
    void closeOnAnAlreadyClosedChannelIsAConnectionError() throws Exception {
        try (RawAmqpSocket raw = RawAmqpSocket.openHandshaken(broker)) {
            raw.openChannel(1);
            byte[] close = Methods.channelClose();
            raw.writeMethod(1, close);
            assertTrue(raw.readFrame().isMethod(CHANNEL, 41), "channel.close-ok expected");

            raw.writeMethod(1, close);

            assertEquals(new CloseMethod(504, "CHANNEL_ERROR - expected 'channel.open'", CHANNEL, 40),
                    raw.awaitConnectionClose());
        }
    }

    @Test
    void manyChannelsOnOneConnectionEachWork() throws Exception {
        List<Channel> channels = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            Channel channel = connection.createChannel();
            channel.exchangeDeclarePassive("amq.direct");
            channels.add(channel);
        }
        for (Channel channel : channels) {
            assertTrue(channel.isOpen(), () -> "channel " + channel.getChannelNumber());
            channel.close();
        }
        assertTrue(connection.isOpen());
    }

    @Test
    void openingMoreChannelsThanChannelMaxIsRefused() throws Exception {
        try (RawAmqpSocket raw = RawAmqpSocket.open(broker)) {
            raw.handshake(2);
            raw.openChannel(1);
            raw.openChannel(2);

            raw.writeMethod(3, Methods.channelOpen());

            assertEquals(new CloseMethod(530, "NOT_ALLOWED - number of channels opened (2) has reached"
                    + " the negotiated channel_max (2)", 0, 0), raw.awaitConnectionClose());
        }
    }

    @Test
    void channelMaxLimitsHowManyChannelsAreOpenNotTheirNumbers() throws Exception {
        // RabbitMQ counts open channels against channel-max; it does not check the channel number.
        try (RawAmqpSocket raw = RawAmqpSocket.open(broker)) {
            raw.handshake(2);

            raw.openChannel(5);
            raw.openChannel(300);
        }
    }
}
