package io.warren.tests.basic;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Command;
import io.warren.tests.support.TestBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * channel.flow sent by the client. RabbitMQ acknowledges active=true, and refuses active=false
 * (a client asking the broker to stop deliveries) as not implemented. The Java client has no call
 * for it, so the method is sent as it is.
 */
class ChannelFlowTest {
    @RegisterExtension
    static final TestBroker broker = new TestBroker();

    @RegisterExtension
    final ClientFixture fixture = new ClientFixture(broker);

    @Test
    void flowActiveIsAcknowledged() throws Exception {
        Channel channel = fixture.channel();

        Command reply = channel.rpc(new AMQP.Channel.Flow.Builder().active(true).build());

        AMQP.Channel.FlowOk ok = (AMQP.Channel.FlowOk) reply.getMethod();
        assertTrue(ok.getActive());
        assertTrue(channel.isOpen());
    }

    @Test
    void flowInactiveIsNotImplemented() {
        Channel channel = fixture.channel();

        ProtocolError error = ProtocolError.raisedBy(channel,
                () -> channel.rpc(new AMQP.Channel.Flow.Builder().active(false).build()));

        assertEquals(ProtocolError.connection(540, "NOT_IMPLEMENTED - active=false"), error);
    }
}
