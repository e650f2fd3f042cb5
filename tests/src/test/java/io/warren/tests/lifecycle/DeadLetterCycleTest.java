package io.warren.tests.lifecycle;

import com.rabbitmq.client.GetResponse;
import io.warren.tests.lifecycle.DeathHeaders.Death;
import io.warren.tests.support.TestBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;

import static io.warren.tests.lifecycle.DeathHeaders.assertDeaths;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * RabbitMQ's cycle rule: a dead letter is not delivered to a queue it already died in unless a
 * rejection happened since, so a loop of TTLs ends while a retry loop through a reject goes on.
 *
 * <p>Both tests use two queues that dead-letter into each other, {@code a} through a fanout
 * exchange that also feeds a {@code witness} queue, which counts how often the message left
 * {@code a}.
 */
class DeadLetterCycleTest {
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
    void aFullyAutomaticCycleIsBrokenWhereItWouldClose() throws Exception {
        String a = rig.queueName("a");
        String b = rig.queueName("b");
        String fromA = rig.exchange("from-a", "fanout");
        String witness = rig.queue("witness", null);
        rig.channel().queueDeclare(a, false, false, false,
                Map.of("x-message-ttl", 30, "x-dead-letter-exchange", fromA));
        rig.channel().queueDeclare(b, false, false, false,
                Map.of("x-message-ttl", 30, "x-dead-letter-exchange", "", "x-dead-letter-routing-key", a));
        rig.bind(b, fromA, "");
        rig.bind(witness, fromA, "");

        rig.publish(a, "m");
        GetResponse first = rig.awaitMessage(witness);
        assertDeaths(first.getProps(), new Death(a, "expired", "", List.of(a), 1));

        // a -> b -> (a: dropped, it died there and nobody rejected it since). Were it not dropped,
        // it would expire from a again within another 60 ms and reach the witness a second time.
        Thread.sleep(300);
        rig.assertCount(0, witness);
        rig.assertCount(0, a);
        rig.assertCount(0, b);
    }

    @Test
    void aRejectionInTheLoopKeepsItGoing() throws Exception {
        String a = rig.queueName("a");
        String b = rig.queueName("b");
        String fromA = rig.exchange("from-a", "fanout");
        String witness = rig.queue("witness", null);
        rig.channel().queueDeclare(a, false, false, false,
                Map.of("x-message-ttl", 30, "x-dead-letter-exchange", fromA));
        rig.channel().queueDeclare(b, false, false, false,
                Map.of("x-dead-letter-exchange", "", "x-dead-letter-routing-key", a));
        rig.bind(b, fromA, "");
        rig.bind(witness, fromA, "");

        rig.publish(a, "m");
        rig.awaitMessage(witness);
        GetResponse inB = rig.awaitMessage(b, false);
        rig.channel().basicReject(inB.getEnvelope().getDeliveryTag(), false);

        // b -(rejected)-> a -(expired)-> b again and the witness.
        GetResponse second = rig.awaitMessage(witness);
        assertDeaths(second.getProps(),
                new Death(a, "expired", "", List.of(a), 2),
                new Death(b, "rejected", fromA, List.of(a), 1));
        GetResponse backInB = rig.awaitMessage(b);
        assertEquals("m", new String(backInB.getBody()));
    }
}
