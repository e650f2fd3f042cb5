package io.warren.tests.basic;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import io.warren.tests.support.TestBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Sender-selected distribution: the CC and BCC headers name extra routing keys for the same
 * exchange. CC stays in the delivered headers; BCC is removed, so receivers cannot see it.
 */
class SenderSelectedDistributionTest {
    @RegisterExtension
    static final TestBroker broker = new TestBroker();

    @RegisterExtension
    final ClientFixture fixture = new ClientFixture(broker);

    @Test
    void ccAndBccRouteToExtraQueuesAndOnlyBccIsStripped() throws Exception {
        String exchange = fixture.exchange("ssd", BuiltinExchangeType.DIRECT);
        String to = fixture.queue("ssd-to");
        String cc = fixture.queue("ssd-cc");
        String bcc = fixture.queue("ssd-bcc");
        String bystander = fixture.queue("ssd-bystander");
        fixture.bind(to, exchange, "to-key");
        fixture.bind(cc, exchange, "cc-key");
        fixture.bind(bcc, exchange, "bcc-key");
        fixture.bind(bystander, exchange, "other-key");
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                .headers(Map.of("CC", List.of("cc-key"), "BCC", List.of("bcc-key"), "keep", "me"))
                .build();

        fixture.publish(exchange, "to-key", properties, "memo".getBytes(StandardCharsets.UTF_8));

        Channel channel = fixture.channel();
        for (String queue : List.of(to, cc, bcc)) {
            ReceivedMessage message = ReceivedMessage.of(channel.basicGet(queue, true));
            Map<String, Object> headers = message.properties().getHeaders();
            assertEquals("memo", message.text(), queue);
            assertEquals("to-key", message.envelope().getRoutingKey(), "the envelope keeps the published key");
            assertEquals(List.of("cc-key"), FieldValues.plain(headers.get("CC")), queue);
            assertFalse(headers.containsKey("BCC"), queue);
            assertEquals("me", FieldValues.plain(headers.get("keep")));
        }
        assertEquals(0, fixture.ready(bystander));
    }

    @Test
    void aQueueNamedByBothKeyAndCcGetsOneCopy() {
        String exchange = fixture.exchange("ssd-once", BuiltinExchangeType.DIRECT);
        String queue = fixture.queue("ssd-once");
        fixture.bind(queue, exchange, "a");
        fixture.bind(queue, exchange, "b");
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                .headers(Map.of("CC", List.of("a", "b"), "BCC", List.of("b")))
                .build();

        fixture.publish(exchange, "a", properties, "once".getBytes(StandardCharsets.UTF_8));

        assertEquals(List.of("once"), fixture.drain(queue));
    }

    @Test
    void bccAloneRoutesAndLeavesNoTrace() throws Exception {
        String exchange = fixture.exchange("ssd-bcc-only", BuiltinExchangeType.TOPIC);
        String hidden = fixture.queue("ssd-hidden");
        fixture.bind(hidden, exchange, "audit.#");
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                .headers(Map.of("BCC", List.of("audit.orders")))
                .build();

        fixture.publish(exchange, "nobody.bound", properties, "secret".getBytes(StandardCharsets.UTF_8));

        ReceivedMessage message = ReceivedMessage.of(fixture.channel().basicGet(hidden, true));
        assertEquals("secret", message.text());
        assertEquals(Map.of(), message.properties().getHeaders(), "the emptied table is still sent");
    }
    static Stream<Arguments> routingHeadersThatAreNotArrays() {
        return Stream.of(
                arguments("CC", "cc-key", "longstr"),
                arguments("BCC", 5, "signedint"),
                arguments("CC", Map.of("k", "v"), "table"),
                arguments("BCC", null, "void"));
    }

    @ParameterizedTest(name = "{0} of type {2}")
    @MethodSource("routingHeadersThatAreNotArrays")
    void aRoutingHeaderThatIsNotAnArrayClosesTheChannel(String header, Object value, String type) {
        String queue = fixture.queue("ssd-refused");
        Map<String, Object> headers = new HashMap<>();
        headers.put(header, value);
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder().headers(headers).build();
        Channel channel = fixture.channel();

        ProtocolError error = ProtocolError.raisedBy(channel,
                () -> channel.basicPublish("", queue, properties, "bad".getBytes(StandardCharsets.UTF_8)));

        assertEquals(ProtocolError.channel(406, "PRECONDITION_FAILED - invalid message: {unacceptable_type_in_header,\""
                + header + "\"," + type + "}"), error);
        assertEquals(0, fixture.ready(queue), "the refused message is not routed");
    }

    @Test
    void elementsOfCcThatAreNotStringsAreSkipped() {
        String exchange = fixture.exchange("ssd-mixed", BuiltinExchangeType.DIRECT);
        String named = fixture.queue("ssd-named");
        String numbered = fixture.queue("ssd-numbered");
        fixture.bind(named, exchange, "cc-key");
        fixture.bind(numbered, exchange, "5");
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                .headers(Map.of("CC", List.of(5, "cc-key", true), "BCC", List.of(5L)))
                .build();

        fixture.publish(exchange, "nobody", properties, "mixed".getBytes(StandardCharsets.UTF_8));

        assertEquals(List.of("mixed"), fixture.drain(named));
        assertEquals(0, fixture.ready(numbered), "a number in CC is no routing key");
    }
}
