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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static io.warren.tests.connection.ProtocolErrors.assertChannelError;
import static io.warren.tests.connection.ProtocolErrors.roundTrip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Exchange-to-exchange bindings, binding errors, and internal exchanges. */
class ExchangeBindingTest {
    private static final String DEFAULT_EXCHANGE_REFUSED = "ACCESS_REFUSED - operation not permitted on the default exchange";

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
    void messagesFlowThroughAnExchangeToExchangeBinding() throws Exception {
        String source = declare("source", "direct");
        String destination = declare("destination", "fanout");
        channel.exchangeBind(destination, source, "orders");
        String queue = Mailbox.boundQueue(channel, destination, "");

        Mailbox.publish(channel, source, "orders", "matching");
        Mailbox.publish(channel, source, "invoices", "not matching");

        assertEquals(List.of("matching"), Mailbox.drain(channel, queue));
    }

    @Test
    void unbindStopsTheFlow() throws Exception {
        String source = declare("source", "topic");
        String destination = declare("destination", "fanout");
        channel.exchangeBind(destination, source, "a.*");
        String queue = Mailbox.boundQueue(channel, destination, "");

        channel.exchangeUnbind(destination, source, "a.*");
        Mailbox.publish(channel, source, "a.b", "after unbind");

        assertEquals(List.of(), Mailbox.drain(channel, queue));
    }

    @Test
    void aQueueReachedByTwoPathsGetsTheMessageOnce() throws Exception {
        String source = declare("source", "fanout");
        String left = declare("left", "fanout");
        String right = declare("right", "fanout");
        channel.exchangeBind(left, source, "");
        channel.exchangeBind(right, source, "");
        String queue = Mailbox.boundQueue(channel, left, "");
        channel.queueBind(queue, right, "");
        channel.queueBind(queue, source, "");

        Mailbox.publish(channel, source, "", "once");

        assertEquals(List.of("once"), Mailbox.drain(channel, queue));
    }

    @Test
    void aCycleOfExchangeBindingsDeliversOnceAndTerminates() throws Exception {
        String first = declare("first", "fanout");
        String second = declare("second", "fanout");
        channel.exchangeBind(second, first, "");
        channel.exchangeBind(first, second, "");
        String queue = Mailbox.boundQueue(channel, second, "");

        Mailbox.publish(channel, first, "", "round");

        assertEquals(List.of("round"), Mailbox.drain(channel, queue));
    }

    @Test
    void internalExchangeRefusesPublishesButRoutesWhatReachesItThroughBindings() throws Exception {
        String internal = topology.exchange("internal");
        channel.exchangeDeclare(internal, "fanout", false, false, true, null);
        String source = declare("source", "fanout");
        channel.exchangeBind(internal, source, "");
        String queue = Mailbox.boundQueue(channel, internal, "");

        Mailbox.publish(channel, source, "", "via binding");
        assertEquals(List.of("via binding"), Mailbox.drain(channel, queue));

        assertChannelError(403, "ACCESS_REFUSED - cannot publish to internal exchange '" + internal + "' in vhost '/'",
                () -> {
                    Mailbox.publish(channel, internal, "", "direct");
                    roundTrip(channel);
                });
    }

    @Test
    void publishToAMissingExchangeIsNotFound() {
        String missing = Names.unique("missing");
        assertChannelError(404, "NOT_FOUND - no exchange '" + missing + "' in vhost '/'", () -> {
            Mailbox.publish(channel, missing, "", "lost");
            roundTrip(channel);
        });
    }

    static Stream<Arguments> bindingsInvolvingTheDefaultExchange() {
        return Stream.of(
                arguments("queue.bind from it", (BindingChange) (ch, q, x) -> ch.queueBind(q, "", q)),
                arguments("queue.unbind from it", (BindingChange) (ch, q, x) -> ch.queueUnbind(q, "", q)),
                arguments("exchange.bind from it", (BindingChange) (ch, q, x) -> ch.exchangeBind(x, "", "k")),
                arguments("exchange.bind to it", (BindingChange) (ch, q, x) -> ch.exchangeBind("", x, "k")),
                arguments("exchange.unbind from it", (BindingChange) (ch, q, x) -> ch.exchangeUnbind(x, "", "k")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bindingsInvolvingTheDefaultExchange")
    void defaultExchangeTakesNoPartInBindings(String operation, BindingChange change) throws Exception {
        String queue = channel.queueDeclare().getQueue();
        String exchange = declare("bindable", "fanout");
        assertChannelError(403, DEFAULT_EXCHANGE_REFUSED, () -> change.apply(channel, queue, exchange));
    }

    @Test
    void bindingFromAMissingSourceIsNotFound() throws Exception {
        String destination = declare("destination", "fanout");
        String missing = Names.unique("missing");
        assertChannelError(404, "NOT_FOUND - no exchange '" + missing + "' in vhost '/'",
                () -> channel.exchangeBind(destination, missing, ""));
    }

    @Test
    void bindingToAMissingDestinationIsNotFound() throws Exception {
        String source = declare("source", "fanout");
        String missing = Names.unique("missing");
        assertChannelError(404, "NOT_FOUND - no exchange '" + missing + "' in vhost '/'",
                () -> channel.exchangeBind(missing, source, ""));
    }

    @Test
    void unbindingWhatWasNeverBoundSucceeds() throws Exception {
        String source = declare("source", "fanout");
        String destination = declare("destination", "fanout");
        channel.exchangeUnbind(destination, source, "never");
        channel.exchangeUnbind(destination, Names.unique("missing"), "never");
        roundTrip(channel);
    }

    private String declare(String prefix, String type) throws Exception {
        String exchange = topology.exchange(prefix);
        channel.exchangeDeclare(exchange, type);
        return exchange;
    }

    /** A bind or unbind involving the default exchange and a queue or fanout exchange of the test. */
    @FunctionalInterface
    interface BindingChange {
        void apply(Channel channel, String queue, String exchange) throws Exception;
    }
}
