package io.warren.tests.management;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import io.warren.tests.connection.Names;
import io.warren.tests.support.TestBroker;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the management UI's charts read: the samples of a range ({@code lengths_age}/
 * {@code lengths_incr}, {@code msg_rates_age}/..., {@code data_rates_age}/...) on a queue, the
 * overview, a connection and a channel, and the channel's prefetch and consumers as its page
 * shows them. RabbitMQ answers a range with one point per increment over the whole age, newest
 * first, zeros before the object existed; so must Warren.
 */
@Tag("management")
@ExtendWith(TestBroker.class)
class SampleRangesApiTest {
    private static final String MINUTE = "lengths_age=60&lengths_incr=5&msg_rates_age=60&msg_rates_incr=5"
            + "&data_rates_age=60&data_rates_incr=5";
    /** The ranges of RabbitMQ's UI: age and increment in seconds. */
    private static final Map<Integer, Integer> UI_RANGES = Map.of(60, 5, 600, 5, 3600, 60, 28800, 600, 86400, 1800);

    @Test
    void aQueueRangeHasOnePointPerIncrementOverTheWholeAgeNewestFirst(TestBroker broker) throws Exception {
        Api api = ManagementTarget.of(broker).api();
        String queue = Names.unique("ranges-q");
        try (Connection c = broker.connect()) {
            Channel ch = c.createChannel();
            ch.confirmSelect();
            ch.queueDeclare(queue, false, false, false, null);
            try {
                for (int i = 0; i < 3; i++) {
                    ch.basicPublish("", queue, null, new byte[] {1});
                }
                ch.waitForConfirmsOrDie(5_000);
                String url = Api.path("queues", "/", queue) + "?" + MINUTE;
                JsonNode q = StatsWait.until("the queue's publishes and length sampled", () -> {
                    JsonNode j = api.get(url).json();
                    JsonNode publish = j.path("message_stats").path("publish_details").path("samples");
                    JsonNode length = j.path("messages_details").path("samples");
                    return publish.size() > 0 && publish.get(0).path("sample").asLong() == 3
                            && length.size() > 0 && length.get(0).path("sample").asLong() == 3 ? j : null;
                });
                for (JsonNode details : List.of(q.get("messages_details"), q.get("messages_ready_details"),
                        q.get("messages_unacknowledged_details"), q.path("message_stats").get("publish_details"))) {
                    assertRange(details, 60, 5);
                }
                JsonNode lengths = q.get("messages_details").get("samples");
                assertEquals(0, lengths.get(12).get("sample").asLong(), "before the queue existed: " + lengths);
            } finally {
                ch.queueDelete(queue);
            }
        }
    }

    @Test
    void theOverviewAnswersEveryRangeItsRetentionPoliciesListInFull(TestBroker broker) {
        Api api = ManagementTarget.of(broker).api();
        JsonNode global = api.get("/api/overview").json().get("sample_retention_policies").get("global");
        assertFalse(global.isEmpty(), "some history of the broker as a whole is kept");
        for (JsonNode age : global) {
            Integer incr = UI_RANGES.get(age.asInt());
            if (incr == null) {
                continue;
            }
            String range = "lengths_age=" + age + "&lengths_incr=" + incr + "&msg_rates_age=" + age + "&msg_rates_incr=" + incr;
            JsonNode o = api.get("/api/overview?" + range).json();
            assertRange(o.get("queue_totals").get("messages_details"), age.asInt(), incr);
            assertRange(o.get("message_stats").get("publish_details"), age.asInt(), incr);
        }
    }

    @Test
    void connectionAndChannelRangesAndWhatTheirPagesShow(TestBroker broker) throws Exception {
        Api api = ManagementTarget.of(broker).api();
        String queue = Names.unique("ranges-consumed");
        String connectionName = Names.unique("ranges-connection");
        ConnectionFactory f = broker.factory();
        try (Connection c = f.newConnection(connectionName)) {
            Channel publisher = c.createChannel();
            publisher.confirmSelect();
            Channel consumer = c.createChannel();
            publisher.queueDeclare(queue, false, false, false, null);
            try {
                consumer.basicQos(7, false);
                consumer.basicQos(20, true);
                consumer.basicConsume(queue, false, "ranges-consumer", new DefaultConsumer(consumer));
                for (int i = 0; i < 10; i++) {
                    publisher.basicPublish("", queue, null, new byte[] {1});
                }
                publisher.waitForConfirmsOrDie(5_000);

                JsonNode connection = StatsWait.until("the connection is listed", () -> {
                    for (JsonNode j : api.get("/api/connections").json()) {
                        if (connectionName.equals(j.path("user_provided_name").asText())) {
                            return j;
                        }
                    }
                    return null;
                });
                String name = connection.get("name").asText();
                JsonNode shown = api.get(Api.path("connections", name) + "?" + MINUTE).json();
                assertRange(shown.get("recv_oct_details"), 60, 5);
                assertRange(shown.get("send_oct_details"), 60, 5);

                JsonNode channels = api.get(Api.path("connections", name, "channels")).json();
                assertEquals(2, channels.size(), channels.toString());
                String consuming = consumer.getChannelNumber() == channels.get(0).get("number").asInt()
                        ? channels.get(0).get("name").asText() : channels.get(1).get("name").asText();
                JsonNode channel = StatsWait.until("seven deliveries unacknowledged and sampled", () -> {
                    JsonNode j = api.get(Api.path("channels", consuming) + "?" + MINUTE).json();
                    JsonNode deliver = j.path("message_stats").path("deliver_details").path("samples");
                    return j.path("messages_unacknowledged").asInt() == 7 && deliver.size() > 0
                            && deliver.get(0).path("sample").asInt() == 7 ? j : null;
                });
                assertRange(channel.get("message_stats").get("deliver_details"), 60, 5);
                assertEquals(7, channel.get("prefetch_count").asInt());
                assertEquals(20, channel.get("global_prefetch_count").asInt());
                assertEquals(name, channel.get("connection_details").get("name").asText());
                assertEquals("running", channel.get("state").asText());
                JsonNode consumers = channel.get("consumer_details");
                assertEquals(1, consumers.size(), consumers.toString());
                assertEquals("ranges-consumer", consumers.get(0).get("consumer_tag").asText());
                assertEquals(queue, consumers.get(0).get("queue").get("name").asText());
                assertEquals("/", consumers.get(0).get("queue").get("vhost").asText());
                assertEquals(7, consumers.get(0).get("prefetch_count").asInt());
            } finally {
                publisher.queueDelete(queue);
            }
        }
    }

    /** {@code age / incr + 1} points, newest first, {@code incr} apart, with their averages. */
    private static void assertRange(JsonNode details, int age, int incr) {
        JsonNode samples = details.get("samples");
        assertEquals(age / incr + 1, samples.size(), details.toString());
        for (int i = 1; i < samples.size(); i++) {
            assertEquals(incr * 1000L, samples.get(i - 1).get("timestamp").asLong() - samples.get(i).get("timestamp").asLong(),
                    "points " + (i - 1) + " and " + i + " of " + samples);
            assertTrue(samples.get(i).get("sample").isIntegralNumber(), samples.toString());
        }
        for (String field : List.of("rate", "avg", "avg_rate")) {
            assertTrue(details.get(field).isNumber(), field + " in " + details);
        }
    }
}
