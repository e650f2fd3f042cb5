package io.warren.tests.redrive;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import io.warren.broker.ChannelException;
import io.warren.broker.Redrive;
import io.warren.broker.VirtualHost;
import io.warren.tests.connection.Topology;
import io.warren.tests.support.TestBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.warren.tests.connection.Eventually.assertEventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * Redrive (Warren only): dead letters go back to the queue they died in, or through an exchange,
 * all or the first N, none lost or duplicated, and those with nowhere to go stay in order.
 */
class RedriveTest {
    @RegisterExtension
    static final TestBroker broker = new TestBroker();

    private final Topology topology = new Topology(broker);
    private Connection connection;
    private Channel channel;
    private String dlx;
    private String dlq;

    @BeforeEach
    void declare() throws Exception {
        assumeFalse(broker.isExternal(), "redrive is Warren's own operation");
        connection = broker.connect();
        channel = connection.createChannel();
        dlx = topology.exchange("redrive-dlx");
        channel.exchangeDeclare(dlx, "fanout");
        dlq = topology.queue("redrive-dlq");
        channel.queueDeclare(dlq, false, false, false, null);
        channel.queueBind(dlq, dlx, "");
    }

    @AfterEach
    void close() throws Exception {
        if (connection != null) {
            connection.abort();
            topology.deleteAll();
        }
    }

    private VirtualHost vhost() {
        return broker.server().broker().vhosts().get("/");
    }

    /** A queue dead-lettering to the DLQ, with {@code n} messages rejected into it. */
    private String queueWithDeadLetters(String name, int n) throws Exception {
        String q = topology.queue(name);
        long before = count(dlq);
        channel.queueDeclare(q, true, false, false, Map.of("x-dead-letter-exchange", dlx));
        for (int i = 0; i < n; i++) {
            channel.basicPublish("", q, new AMQP.BasicProperties.Builder().deliveryMode(2).build(),
                    (name + "-" + i).getBytes(StandardCharsets.UTF_8));
        }
        for (int i = 0; i < n; i++) {
            GetResponse r = channel.basicGet(q, false);
            channel.basicReject(r.getEnvelope().getDeliveryTag(), false);
        }
        assertEventually("dead letters in the DLQ", () -> count(dlq) == before + n);
        return q;
    }

    private long count(String queue) {
        try {
            return channel.queueDeclarePassive(queue).getMessageCount();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> drain(String queue) throws Exception {
        List<String> bodies = new ArrayList<>();
        for (GetResponse r; (r = channel.basicGet(queue, true)) != null; ) {
            bodies.add(new String(r.getBody(), StandardCharsets.UTF_8));
        }
        return bodies;
    }

    @Test
    void everyDeadLetterGoesBackToTheQueueItDiedIn() throws Exception {
        String a = queueWithDeadLetters("redrive-a", 3);
        String b = queueWithDeadLetters("redrive-b", 2);

        Redrive.Result result = Redrive.start(vhost(), dlq, null, -1).get(10, TimeUnit.SECONDS);

        assertEquals(new Redrive.Result(5, 0), result);
        assertEquals(List.of("redrive-a-0", "redrive-a-1", "redrive-a-2"), drain(a));
        assertEquals(List.of("redrive-b-0", "redrive-b-1"), drain(b));
        assertEquals(0, count(dlq));
    }

    @Test
    void theFirstNMoveAndTheRestStayInOrder() throws Exception {
        String a = queueWithDeadLetters("redrive-first", 5);

        Redrive.Result result = Redrive.start(vhost(), dlq, null, 2).get(10, TimeUnit.SECONDS);

        assertEquals(new Redrive.Result(2, 0), result);
        assertEquals(List.of("redrive-first-0", "redrive-first-1"), drain(a));
        assertEquals(List.of("redrive-first-2", "redrive-first-3", "redrive-first-4"), drain(dlq));
    }

    @Test
    void throughAnExchangeTheMessagesKeepTheRoutingKeysTheyDiedWith() throws Exception {
        String source = queueWithDeadLetters("redrive-x", 2);
        String direct = topology.exchange("redrive-direct");
        channel.exchangeDeclare(direct, "direct");
        String retry = topology.queue("redrive-retry");
        channel.queueDeclare(retry, false, false, false, null);
        // The messages were published to the default exchange with the source queue's name as key.
        channel.queueBind(retry, direct, source);

        Redrive.Result result = Redrive.start(vhost(), dlq, direct, -1).get(10, TimeUnit.SECONDS);

        assertEquals(new Redrive.Result(2, 0), result);
        assertEquals(List.of("redrive-x-0", "redrive-x-1"), drain(retry));
    }

    @Test
    void messagesWhoseQueueIsGoneStayInTheDeadLetterQueue() throws Exception {
        String a = queueWithDeadLetters("redrive-gone", 2);
        channel.queueDelete(a);
        channel.basicPublish("", dlq, null, "never-died".getBytes(StandardCharsets.UTF_8));
        assertEventually("the plain message in the DLQ", () -> count(dlq) == 3);

        Redrive.Result result = Redrive.start(vhost(), dlq, null, -1).get(10, TimeUnit.SECONDS);

        assertEquals(new Redrive.Result(0, 3), result);
        assertEquals(List.of("redrive-gone-0", "redrive-gone-1", "never-died"), drain(dlq));
        assertNull(channel.basicGet(dlq, true));
    }

    @Test
    void anUnknownQueueOrExchangeIsRefused() {
        assertThrows(ChannelException.class, () -> Redrive.start(vhost(), "no-such-queue", null, -1));
        assertThrows(ChannelException.class, () -> Redrive.start(vhost(), dlq, "no-such-exchange", -1));
    }
}
