package io.warren.tests.basic;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConfirmListener;
import io.warren.tests.support.TestBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** confirm.select and the acks the broker sends for each publish, counted per channel. */
class PublisherConfirmsTest {
    @RegisterExtension
    static final TestBroker broker = new TestBroker();

    @RegisterExtension
    final ClientFixture fixture = new ClientFixture(broker);

    private static final byte[] BODY = "x".getBytes(StandardCharsets.UTF_8);

    /** One basic.ack or basic.nack as the broker sent it. */
    private record Confirm(boolean ack, long deliveryTag, boolean multiple) {
    }

    @Test
    void everyPublishIsAckedExactlyOnceInOrder() throws Exception {
        String queue = fixture.queue("confirm-all");
        Channel channel = fixture.channel();
        List<Confirm> confirms = recordConfirms(channel);
        channel.confirmSelect();
        int count = 200;

        for (int i = 0; i < count; i++) {
            channel.basicPublish("", queue, null, BODY);
        }

        assertTrue(channel.waitForConfirms(10_000));
        // An ack with multiple=true covers every earlier tag not yet confirmed.
        TreeSet<Long> covered = new TreeSet<>();
        long previous = 0;
        for (Confirm confirm : confirms) {
            assertTrue(confirm.ack(), "nack: " + confirm);
            assertTrue(confirm.deliveryTag() > previous, "tags rise: " + confirms);
            for (long tag = confirm.multiple() ? previous + 1 : confirm.deliveryTag(); tag <= confirm.deliveryTag(); tag++) {
                assertTrue(covered.add(tag), "tag " + tag + " confirmed twice");
            }
            previous = confirm.deliveryTag();
        }
        assertEquals(count, covered.size());
        assertEquals(count, covered.last());
        assertEquals(count, fixture.ready(queue));
    }

    @Test
    void confirmSelectOkIsReturnedAndSelectingAgainIsAllowed() throws Exception {
        Channel channel = fixture.channel();

        AMQP.Confirm.SelectOk first = channel.confirmSelect();
        AMQP.Confirm.SelectOk second = channel.confirmSelect();

        assertNotNull(first);
        assertNotNull(second);
        assertTrue(channel.isOpen());
    }

    @Test
    void deliveryTagsStartAtOneOnEachChannel() throws Exception {
        String queue = fixture.queue("confirm-per-channel");
        Channel one = fixture.channel();
        Channel two = one.getConnection().createChannel();
        List<Confirm> onOne = recordConfirms(one);
        List<Confirm> onTwo = recordConfirms(two);
        one.confirmSelect();
        two.confirmSelect();

        one.basicPublish("", queue, null, BODY);
        one.basicPublish("", queue, null, BODY);
        one.waitForConfirmsOrDie(10_000);
        two.basicPublish("", queue, null, BODY);
        two.waitForConfirmsOrDie(10_000);

        assertEquals(2, onOne.get(onOne.size() - 1).deliveryTag());
        assertEquals(List.of(new Confirm(true, 1, false)), onTwo);
    }

    @Test
    void unroutableMessagesAreAcked() throws Exception {
        String exchange = fixture.exchange("confirm-unroutable", BuiltinExchangeType.TOPIC);
        Channel channel = fixture.channel();
        List<Confirm> confirms = recordConfirms(channel);
        channel.confirmSelect();

        channel.basicPublish(exchange, "no.binding", null, BODY);

        assertTrue(channel.waitForConfirms(10_000));
        assertEquals(List.of(new Confirm(true, 1, false)), confirms);
    }

    @Test
    void messagesToSeveralQueuesAreAckedOnceTheyAreInAll() throws Exception {
        String exchange = fixture.exchange("confirm-fanout", BuiltinExchangeType.FANOUT);
        String first = fixture.queue("confirm-fan-a");
        String second = fixture.queue("confirm-fan-b");
        fixture.bind(first, exchange, "");
        fixture.bind(second, exchange, "");
        Channel channel = fixture.channel();
        channel.confirmSelect();

        channel.basicPublish(exchange, "", null, BODY);

        assertTrue(channel.waitForConfirms(10_000));
        assertEquals(1, fixture.ready(first));
        assertEquals(1, fixture.ready(second));
    }

    @Test
    void confirmSelectOnATransactionalChannelIs406() throws Exception {
        Channel channel = fixture.channel();
        channel.txSelect();

        ProtocolError error = ProtocolError.raisedBy(channel, channel::confirmSelect);

        assertEquals(ProtocolError.channel(406, "PRECONDITION_FAILED - cannot switch from tx to confirm mode"), error);
    }

    @Test
    void txSelectOnAConfirmChannelIs406() throws Exception {
        Channel channel = fixture.channel();
        channel.confirmSelect();

        ProtocolError error = ProtocolError.raisedBy(channel, channel::txSelect);

        assertEquals(ProtocolError.channel(406, "PRECONDITION_FAILED - cannot switch from confirm to tx mode"), error);
    }

    private static List<Confirm> recordConfirms(Channel channel) {
        List<Confirm> confirms = new CopyOnWriteArrayList<>();
        channel.addConfirmListener(new ConfirmListener() {
            @Override
            public void handleAck(long deliveryTag, boolean multiple) {
                confirms.add(new Confirm(true, deliveryTag, multiple));
            }

            @Override
            public void handleNack(long deliveryTag, boolean multiple) {
                confirms.add(new Confirm(false, deliveryTag, multiple));
            }
        });
        return confirms;
    }
}
