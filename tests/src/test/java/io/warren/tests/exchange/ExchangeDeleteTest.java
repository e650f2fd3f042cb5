package io.warren.tests.exchange;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.warren.tests.connection.Names;
import io.warren.tests.connection.Topology;
import io.warren.tests.support.TestBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static io.warren.tests.connection.BrokerState.exchangeExists;
import static io.warren.tests.connection.BrokerState.queueExists;
import static io.warren.tests.connection.ProtocolErrors.assertChannelError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** exchange.delete, if-unused, and auto-delete exchanges going away with their last binding. */
class ExchangeDeleteTest {
    @RegisterExtension
    static final TestBroker broker = new TestBroker();

    private final Topology topology = new Topology(broker);
    private Connection connection;
    private Channel channel;

    @BeforeEach
    void open() throws Exception {
        connection = broker.connect();
        channel = connection.createChannel();
    }

    @AfterEach
    void close() throws Exception {
        connection.abort();
        topology.deleteAll();
    }

    @Test
    void deleteRemovesTheExchangeAndItsBindingsButNotTheQueues() throws Exception {
        String exchange = topology.exchange("deleted");
        channel.exchangeDeclare(exchange, "fanout");
        String queue = Mailbox.boundQueue(channel, exchange, "");

        channel.exchangeDelete(exchange);

        assertFalse(exchangeExists(connection, exchange));
        assertTrue(queueExists(connection, queue));
        channel.exchangeDeclare(exchange, "fanout");
        Mailbox.publish(channel, exchange, "", "after");
        assertEquals(List.of(), Mailbox.drain(channel, queue), "old binding survived the delete");
    }

    @Test
    void deleteIfUnusedRefusesAnExchangeWithBindings() throws Exception {
        String exchange = topology.exchange("in-use");
        channel.exchangeDeclare(exchange, "fanout");
        Mailbox.boundQueue(channel, exchange, "");

        assertChannelError(406, "PRECONDITION_FAILED - exchange '" + exchange + "' in vhost '/' in use",
                () -> channel.exchangeDelete(exchange, true));
        assertTrue(exchangeExists(connection, exchange));
    }

    @Test
    void deleteIfUnusedRemovesAnExchangeWithoutBindings() throws Exception {
        String exchange = topology.exchange("unused");
        channel.exchangeDeclare(exchange, "fanout");

        channel.exchangeDelete(exchange, true);

        assertFalse(exchangeExists(connection, exchange));
    }

    @Test
    void deletingAMissingExchangeSucceeds() throws Exception {
        // RabbitMQ 3.x treats exchange.delete as idempotent, with or without if-unused.
        String missing = Names.unique("missing");
        channel.exchangeDelete(missing);
        channel.exchangeDelete(missing, true);
        assertTrue(channel.isOpen());
    }

    @Test
    void autoDeleteExchangeLivesUntilItsLastBindingIsRemoved() throws Exception {
        String exchange = topology.exchange("auto-delete");
        channel.exchangeDeclare(exchange, "direct", false, true, null);
        assertTrue(exchangeExists(connection, exchange), "deleted before it ever had a binding");
        String first = Mailbox.boundQueue(channel, exchange, "a");
        String second = Mailbox.boundQueue(channel, exchange, "b");

        channel.queueUnbind(first, exchange, "a");
        assertTrue(exchangeExists(connection, exchange), "deleted while a binding remained");

        channel.queueUnbind(second, exchange, "b");
        assertFalse(exchangeExists(connection, exchange));
    }

    @Test
    void autoDeleteExchangeGoesWhenItsLastBoundQueueIsDeleted() throws Exception {
        String exchange = topology.exchange("auto-delete");
        channel.exchangeDeclare(exchange, "fanout", false, true, null);
        String queue = Mailbox.boundQueue(channel, exchange, "");

        channel.queueDelete(queue);

        assertFalse(exchangeExists(connection, exchange));
    }

    @Test
    void autoDeleteExchangeGoesWhenItsLastExchangeBindingIsRemoved() throws Exception {
        String exchange = topology.exchange("auto-delete");
        channel.exchangeDeclare(exchange, "fanout", false, true, null);
        channel.exchangeBind("amq.fanout", exchange, "");

        channel.exchangeUnbind("amq.fanout", exchange, "");

        assertFalse(exchangeExists(connection, exchange));
    }

    @Test
    void autoDeleteExchangeStaysWhenItWasOnlyADestination() throws Exception {
        // Only bindings with the exchange as their source count towards auto-delete.
        String exchange = topology.exchange("auto-delete");
        channel.exchangeDeclare(exchange, "fanout", false, true, null);
        String source = topology.exchange("source");
        channel.exchangeDeclare(source, "fanout");
        channel.exchangeBind(exchange, source, "");

        channel.exchangeUnbind(exchange, source, "");

        assertTrue(exchangeExists(connection, exchange));
    }
}
