package io.warren.tests.lifecycle;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import io.warren.tests.support.TestBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** x-max-priority (higher priorities first, capped at the maximum) and x-single-active-consumer. */
class PriorityAndSingleActiveConsumerTest {
    @RegisterExtension
    static final TestBroker broker = new TestBroker();

    private Rig rig;

    @BeforeEach
    void open() throws Exception {
        rig = new Rig(broker);
    }

    @AfterEach
    void close() throws Exception {
        rig.close();
    }

    @Test
    void higherPrioritiesGoFirstAndPrioritiesAboveTheMaximumCountAsTheMaximum() throws Exception {
        String queue = rig.queue("q", Map.of("x-max-priority", 5));
        publish(queue, "none", null);
        publish(queue, "p1", 1);
        publish(queue, "p9", 9);
        publish(queue, "p5", 5);
        publish(queue, "p3", 3);
        publish(queue, "also-none", null);

        assertEquals(List.of("p9", "p5", "p3", "p1", "none", "also-none"), rig.drain(queue));
    }

    @Test
    void withoutMaxPriorityMessagePrioritiesAreIgnored() throws Exception {
        String queue = rig.queue("q", null);
        publish(queue, "p1", 1);
        publish(queue, "p9", 9);
        assertEquals(List.of("p1", "p9"), rig.drain(queue));
    }

    @Test
    void onlyTheFirstConsumerReceivesUntilItLeaves() throws Exception {
        String queue = rig.queue("q", Map.of("x-single-active-consumer", true));
        BlockingQueue<String> first = new LinkedBlockingQueue<>();
        BlockingQueue<String> second = new LinkedBlockingQueue<>();
        Channel firstChannel = rig.connection().createChannel();
        Channel secondChannel = rig.connection().createChannel();
        String firstTag = firstChannel.basicConsume(queue, true, recorder(firstChannel, first));
        secondChannel.basicConsume(queue, true, recorder(secondChannel, second));

        for (String body : List.of("m1", "m2", "m3")) {
            rig.publish(queue, body);
        }
        for (String body : List.of("m1", "m2", "m3")) {
            assertEquals(body, first.poll(5, TimeUnit.SECONDS));
        }
        assertNull(second.poll(100, TimeUnit.MILLISECONDS), "the second consumer stays idle");

        firstChannel.basicCancel(firstTag);
        rig.publish(queue, "m4");
        assertEquals("m4", second.poll(5, TimeUnit.SECONDS));
        assertNull(first.poll(50, TimeUnit.MILLISECONDS));
    }

    private void publish(String queue, String body, Integer priority) throws Exception {
        rig.publish(queue, new AMQP.BasicProperties.Builder().priority(priority).build(), body);
    }

    private static DefaultConsumer recorder(Channel channel, BlockingQueue<String> into) {
        return new DefaultConsumer(channel) {
            @Override
            public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties p, byte[] body) {
                into.add(new String(body));
            }
        };
    }
}
