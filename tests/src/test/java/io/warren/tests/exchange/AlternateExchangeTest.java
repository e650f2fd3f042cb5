package io.warren.tests.exchange;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.Return;
import io.warren.tests.connection.Names;
import io.warren.tests.connection.Topology;
import io.warren.tests.support.TestBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.warren.tests.connection.ProtocolErrors.roundTrip;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The alternate-exchange argument: where messages go that their exchange cannot route. */
class AlternateExchangeTest {
    @RegisterExtension
    static final TestBroker broker = new TestBroker();

    private final Topology topology = new Topology(broker);
    private final List<Return> returns = new CopyOnWriteArrayList<>();
    private Connection connection;
    private Channel channel;

    @BeforeEach
    void open() throws Exception {
        connection = broker.connect();
        channel = connection.createChannel();
        channel.addReturnListener(returns::add);
    }

    @AfterEach
    void close() throws Exception {
        connection.abort();
        topology.deleteAll();
    }

    @Test
    void unroutableMessageGoesToTheAlternateExchange() throws Exception {
        String alternate = declare("alternate", "fanout", null);
        String exchange = declare("primary", "direct", alternate);
        String routed = Mailbox.boundQueue(channel, exchange, "known");
        String caught = Mailbox.boundQueue(channel, alternate, "");

        Mailbox.publish(channel, exchange, "known", "routed");
        Mailbox.publish(channel, exchange, "unknown", "unroutable");

        assertEquals(List.of("routed"), Mailbox.drain(channel, routed));
        assertEquals(List.of("unroutable"), Mailbox.drain(channel, caught));
    }

    @Test
    void mandatoryMessageTakenByTheAlternateExchangeIsNotReturned() throws Exception {
        String alternate = declare("alternate", "fanout", null);
        String exchange = declare("primary", "direct", alternate);
        String caught = Mailbox.boundQueue(channel, alternate, "");

        channel.basicPublish(exchange, "unknown", true, null, bytes("mandatory"));
        roundTrip(channel);

        assertEquals(List.of(), returns);
        assertEquals(List.of("mandatory"), Mailbox.drain(channel, caught));
    }

    @Test
    void missingAlternateExchangeDropsTheMessageAndReturnsItIfMandatory() throws Exception {
        String exchange = declare("primary", "direct", Names.unique("missing"));

        channel.basicPublish(exchange, "unknown", false, null, bytes("dropped"));
        channel.basicPublish(exchange, "unknown", true, null, bytes("returned"));
        roundTrip(channel);

        assertEquals(1, returns.size(), "returns " + returns);
        Return returned = returns.get(0);
        assertEquals(312, returned.getReplyCode());
        assertEquals("NO_ROUTE", returned.getReplyText());
        assertEquals("returned", new String(returned.getBody(), StandardCharsets.UTF_8));
    }

    @Test
    void alternateExchangesChain() throws Exception {
        String last = declare("last", "fanout", null);
        String middle = declare("middle", "direct", last);
        String exchange = declare("primary", "direct", middle);
        String caught = Mailbox.boundQueue(channel, last, "");

        Mailbox.publish(channel, exchange, "unknown", "twice unroutable");

        assertEquals(List.of("twice unroutable"), Mailbox.drain(channel, caught));
    }

    private String declare(String prefix, String type, String alternateExchange) throws Exception {
        String exchange = topology.exchange(prefix);
        Map<String, Object> arguments = alternateExchange == null ? null : Map.of("alternate-exchange", alternateExchange);
        channel.exchangeDeclare(exchange, type, false, false, arguments);
        return exchange;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
