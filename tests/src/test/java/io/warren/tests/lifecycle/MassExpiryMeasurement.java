package io.warren.tests.lifecycle;

import com.rabbitmq.client.Channel;
import io.warren.tests.support.TestBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A measurement, not a test, and off by default: how long a broker takes to expire and
 * dead-letter 100,000 messages. They are published to a queue with x-message-ttl 1000 whose
 * dead-letter exchange routes to a dead-letter queue; the clock runs from the moment the last
 * message's TTL ran out until the dead-letter queue holds all of them. Run with
 * {@code -Dwarren.measure=true} (and {@code -Dwarren.test.uri=...} for another broker).
 */
@EnabledIfSystemProperty(named = "warren.measure", matches = "true")
class MassExpiryMeasurement {
    @RegisterExtension
    static final TestBroker broker = new TestBroker();

    private static final int MESSAGES = 100_000;
    private static final long TTL_MS = 1000;
    private static final Duration GIVE_UP = Duration.ofMinutes(2);

    @Test
    void expireAndDeadLetterOneHundredThousandMessages() throws Exception {
        try (Rig rig = new Rig(broker)) {
            String dlq = rig.queue("mass-dlq", null);
            String queue = rig.queue("mass", Map.of("x-message-ttl", TTL_MS,
                    "x-dead-letter-exchange", "", "x-dead-letter-routing-key", dlq));
            Channel channel = rig.channel();
            channel.confirmSelect();
            byte[] body = new byte[16];

            long publishStart = System.nanoTime();
            for (int i = 0; i < MESSAGES; i++) {
                channel.basicPublish("", queue, null, body);
            }
            channel.waitForConfirmsOrDie(GIVE_UP.toMillis());
            long lastExpires = System.nanoTime() + TTL_MS * 1_000_000;
            long publishMs = (System.nanoTime() - publishStart) / 1_000_000;

            long deadline = System.nanoTime() + GIVE_UP.toNanos();
            int inDlq;
            while ((inDlq = rig.count(dlq)) < MESSAGES && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            long done = System.nanoTime();
            assertEquals(MESSAGES, inDlq, "dead letters");
            System.out.printf("%s: published %d in %d ms; all dead-lettered %d ms after the last TTL ran out"
                            + " (%d ms after the first publish + TTL)%n",
                    broker.isExternal() ? "external broker" : "Warren", MESSAGES, publishMs,
                    (done - lastExpires) / 1_000_000, (done - publishStart) / 1_000_000 - TTL_MS);
            channel.queuePurge(dlq);
        }
    }
}
