package io.warren.tests.redrive;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.warren.broker.Redrive;
import io.warren.tests.connection.Topology;
import io.warren.tests.support.TestBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Not a test but a measurement, run on demand with {@code -Dwarren.measure=true}: 100,000 messages
 * expire into a dead-letter queue, then are redriven back. Prints both times.
 */
class RedriveMeasurement {
    private static final int MESSAGES = 100_000;

    @RegisterExtension
    static final TestBroker broker = new TestBroker();

    @Test
    void expireThenRedriveOneHundredThousand() throws Exception {
        assumeTrue(Boolean.getBoolean("warren.measure"), "run with -Dwarren.measure=true");
        assumeFalse(broker.isExternal());
        Topology topology = new Topology(broker);
        try (Connection c = broker.connect()) {
            Channel ch = c.createChannel();
            String dlx = topology.exchange("measure-dlx");
            ch.exchangeDeclare(dlx, "fanout");
            String dlq = topology.queue("measure-dlq");
            ch.queueDeclare(dlq, true, false, false, null);
            ch.queueBind(dlq, dlx, "");
            String source = topology.queue("measure-source");
            ch.queueDeclare(source, true, false, false, Map.of("x-dead-letter-exchange", dlx, "x-message-ttl", 1000));
            ch.confirmSelect();
            byte[] body = new byte[100];
            AMQP.BasicProperties persistent = new AMQP.BasicProperties.Builder().deliveryMode(2).build();
            for (int i = 0; i < MESSAGES; i++) {
                ch.basicPublish("", source, persistent, body);
            }
            ch.waitForConfirmsOrDie(60_000);
            long published = System.nanoTime();
            while (ch.queueDeclarePassive(dlq).getMessageCount() < MESSAGES) {
                Thread.sleep(5);
            }
            long expired = System.nanoTime();
            // The TTL is 1000 ms after the last publish at the latest: report the time past it.
            System.out.printf("expire+dead-letter %d messages: %d ms after the last confirm (TTL 1000 ms)%n",
                    MESSAGES, TimeUnit.NANOSECONDS.toMillis(expired - published));
            ch.queueDelete(source);
            ch.queueDeclare(source, true, false, false, Map.of("x-dead-letter-exchange", dlx));
            long start = System.nanoTime();
            Redrive.Result r = Redrive.start(broker.server().broker().vhosts().get("/"), dlq, null, -1)
                    .get(5, TimeUnit.MINUTES);
            long took = System.nanoTime() - start;
            assertEquals(MESSAGES, r.moved());
            assertEquals(MESSAGES, ch.queueDeclarePassive(source).getMessageCount());
            System.out.printf("redrive %d messages: %d ms%n", MESSAGES, TimeUnit.NANOSECONDS.toMillis(took));
            topology.deleteAll();
        }
    }
}
