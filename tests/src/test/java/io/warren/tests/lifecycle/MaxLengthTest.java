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

import static io.warren.tests.connection.ProtocolErrors.roundTrip;
import static io.warren.tests.lifecycle.DeathHeaders.assertDeaths;
import static io.warren.tests.lifecycle.DeathHeaders.assertFirstDeath;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** x-max-length and x-max-length-bytes with each x-overflow: drop-head, reject-publish, reject-publish-dlx. */
class MaxLengthTest {
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
    void dropHeadKeepsTheNewestMessages() throws Exception {
        String queue = rig.queue("q", Map.of("x-max-length", 2));
        for (String body : List.of("m1", "m2", "m3", "m4")) {
            rig.publish(queue, body);
        }
        rig.awaitCount(2, queue);
        assertEquals(List.of("m3", "m4"), rig.drain(queue));
    }

    @Test
    void droppedHeadsAreDeadLetteredInOrderWithReasonMaxlen() throws Exception {
        String dlq = rig.queue("dlq", null);
        String queue = rig.queue("q", Map.of("x-max-length", 1, "x-overflow", "drop-head",
                "x-dead-letter-exchange", "", "x-dead-letter-routing-key", dlq));
        for (String body : List.of("m1", "m2", "m3")) {
            rig.publish(queue, body);
        }
        rig.awaitCount(2, dlq);

        GetResponse first = rig.get(dlq);
        assertEquals("m1", new String(first.getBody()));
        assertDeaths(first.getProps(), new Death(queue, "maxlen", "", List.of(queue), 1));
        assertFirstDeath(first.getProps(), queue, "maxlen", "");
        assertEquals(List.of("m2"), rig.drain(dlq));
        assertEquals(List.of("m3"), rig.drain(queue));
    }

    @Test
    void byteLimitCountsBodiesOnly() throws Exception {
        String queue = rig.queue("q", Map.of("x-max-length-bytes", 10));
        for (String body : List.of("aaaa", "bbbb", "cccc")) {
            rig.publish(queue, new com.rabbitmq.client.AMQP.BasicProperties.Builder()
                    .headers(Map.of("padding", "x".repeat(100))).build(), body);
        }
        assertEquals(List.of("bbbb", "cccc"), rig.drain(queue));
    }

    @Test
    void maxLengthZeroDeadLettersEveryMessageAtOnce() throws Exception {
        String dlq = rig.queue("dlq", null);
        String queue = rig.queue("q", Map.of("x-max-length", 0,
                "x-dead-letter-exchange", "", "x-dead-letter-routing-key", dlq));
        rig.publish(queue, "m1");
        GetResponse dead = rig.awaitMessage(dlq);
        assertDeaths(dead.getProps(), new Death(queue, "maxlen", "", List.of(queue), 1));
        rig.assertCount(0, queue);
    }

    @Test
    void rejectPublishNacksWhatDoesNotFit() throws Exception {
        String queue = rig.queue("q", Map.of("x-max-length", 2, "x-overflow", "reject-publish"));
        Confirms confirms = Confirms.on(rig.channel());
        for (String body : List.of("m1", "m2", "m3", "m4")) {
            confirms.publish(queue, body);
        }
        assertEquals(Map.of(1L, true, 2L, true, 3L, false, 4L, false), confirms.await());
        assertEquals(List.of("m1"), List.of(new String(rig.get(queue).getBody())));

        confirms.publish(queue, "m5");
        assertEquals(true, confirms.await().get(5L), "room again after a message left");
        assertEquals(List.of("m2", "m5"), rig.drain(queue));
    }

    @Test
    void rejectPublishByBytes() throws Exception {
        String queue = rig.queue("q", Map.of("x-max-length-bytes", 5, "x-overflow", "reject-publish"));
        Confirms confirms = Confirms.on(rig.channel());
        confirms.publish(queue, "abc");
        confirms.publish(queue, "def");
        confirms.publish(queue, "gh");
        assertEquals(Map.of(1L, true, 2L, false, 3L, true), confirms.await());
        assertEquals(List.of("abc", "gh"), rig.drain(queue));
    }

    @Test
    void rejectPublishWithoutConfirmsDropsSilently() throws Exception {
        String queue = rig.queue("q", Map.of("x-max-length", 1, "x-overflow", "reject-publish"));
        rig.publish(queue, "m1");
        rig.publish(queue, "m2");
        roundTrip(rig.channel());
        assertTrue(rig.channel().isOpen());
        assertEquals(List.of("m1"), rig.drain(queue));
    }

    @Test
    void aFullQueueAmongSeveralTargetsNacksWhileTheOthersKeepTheirCopy() throws Exception {
        String fanout = rig.exchange("fan", "fanout");
        String full = rig.queue("full", Map.of("x-max-length", 0, "x-overflow", "reject-publish"));
        String open = rig.queue("open", null);
        rig.bind(full, fanout, "");
        rig.bind(open, fanout, "");
        Confirms confirms = Confirms.on(rig.channel());
        confirms.publish(fanout, "", "m1");

        assertEquals(Map.of(1L, false), confirms.await());
        assertEquals(List.of("m1"), rig.drain(open));
        rig.assertCount(0, full);
    }

    @Test
    void rejectPublishDlxNacksAndDeadLettersTheRefusedMessage() throws Exception {
        String dlq = rig.queue("dlq", null);
        String queue = rig.queue("q", Map.of("x-max-length", 1, "x-overflow", "reject-publish-dlx",
                "x-dead-letter-exchange", "", "x-dead-letter-routing-key", dlq));
        Confirms confirms = Confirms.on(rig.channel());
        confirms.publish(queue, "m1");
        confirms.publish(queue, "m2");

        assertEquals(Map.of(1L, true, 2L, false), confirms.await());
        GetResponse dead = rig.awaitMessage(dlq);
        assertEquals("m2", new String(dead.getBody()));
        assertDeaths(dead.getProps(), new Death(queue, "maxlen", "", List.of(queue), 1));
        assertEquals(List.of("m1"), rig.drain(queue));
    }
}
