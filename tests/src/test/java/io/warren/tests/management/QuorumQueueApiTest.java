package io.warren.tests.management;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.warren.tests.connection.Names;
import io.warren.tests.support.TestBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * The management API lists a quorum queue as RabbitMQ does on one node (its type, leader, members,
 * online); policies with apply-to quorum_queues or classic_queues reach the queues of that type; a
 * definitions file that gives a queue's type only in its type field keeps it.
 */
class QuorumQueueApiTest {
    @RegisterExtension
    static final TestBroker broker = new TestBroker();

    @Test
    void quorumQueueIsListedWithItsTypeAndItsOneMember() throws Exception {
        String quorum = Names.unique("qq-api");
        String classic = Names.unique("cq-api");
        Api api = ManagementTarget.of(broker).api();
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            channel.queueDeclare(quorum, true, false, false, Map.of("x-queue-type", "quorum"));
            channel.queueDeclare(classic, true, false, false, Map.of());
            try {
                JsonNode q = StatsWait.until("the quorum queue's leader", () -> {
                    JsonNode n = api.get(Api.path("queues", "/", quorum)).json();
                    return n.path("leader").isTextual() ? n : null;
                });
                assertEquals("quorum", q.path("type").asText());
                assertEquals("quorum", q.path("arguments").path("x-queue-type").asText());
                String node = q.path("node").asText(q.path("leader").asText());
                assertEquals(node, q.path("leader").asText());
                assertEquals(node, q.path("members").path(0).asText());
                assertEquals(1, q.path("members").size());
                assertEquals(node, q.path("online").path(0).asText());
                JsonNode c = StatsWait.until("the classic queue", () -> {
                    JsonNode n = api.get(Api.path("queues", "/", classic)).json();
                    return n.path("type").isTextual() ? n : null;
                });
                assertEquals("classic", c.path("type").asText());
                assertEquals(true, c.path("leader").isMissingNode());
            } finally {
                channel.queueDelete(quorum);
                channel.queueDelete(classic);
            }
        }
    }

    @Test
    void policiesApplyToTheQueuesOfTheirType() throws Exception {
        broker.assumeRabbitMqAtLeast("3.13"); // 3.10.8 knows only apply-to queues, exchanges and all
        String prefix = Names.unique("typed-policy");
        String quorum = prefix + ".qq";
        String classic = prefix + ".cq";
        Api api = ManagementTarget.of(broker).api();
        String forQuorum = prefix + "-quorum";
        String forClassic = prefix + "-classic";
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            try {
                assertSuccess(api.put(Api.path("policies", "/", forQuorum), Map.of("pattern", "^" + prefix,
                        "apply-to", "quorum_queues", "definition", Map.of("max-length", 10))));
                assertSuccess(api.put(Api.path("policies", "/", forClassic), Map.of("pattern", "^" + prefix,
                        "apply-to", "classic_queues", "definition", Map.of("max-length", 20))));
                channel.queueDeclare(quorum, true, false, false, Map.of("x-queue-type", "quorum"));
                channel.queueDeclare(classic, true, false, false, Map.of());
                assertEquals(forQuorum, policyOf(api, quorum));
                assertEquals(forClassic, policyOf(api, classic));
            } finally {
                channel.queueDelete(quorum);
                channel.queueDelete(classic);
                api.delete(Api.path("policies", "/", forQuorum));
                api.delete(Api.path("policies", "/", forClassic));
            }
        }
    }

    @Test
    void importedQueueKeepsItsTypeField() throws Exception {
        // RabbitMQ 3.10.8 ignores the type field and makes the queue classic; Warren keeps the type.
        assumeFalse(broker.isExternal());
        String quorum = Names.unique("imported-qq");
        Api api = ManagementTarget.of(broker).api();
        Map<String, Object> queue = Map.of("name", quorum, "vhost", "/", "durable", true, "auto_delete", false,
                "arguments", Map.of(), "type", "quorum");
        try {
            assertSuccess(api.post("/api/definitions", Map.of("queues", List.of(queue))));
            JsonNode q = StatsWait.until("the imported queue", () -> {
                JsonNode n = api.get(Api.path("queues", "/", quorum)).json();
                return n.path("type").isTextual() ? n : null;
            });
            assertEquals("quorum", q.path("type").asText());
        } finally {
            api.delete(Api.path("queues", "/", quorum));
        }
    }

    private static String policyOf(Api api, String queue) throws InterruptedException {
        return StatsWait.until("the policy of " + queue, () -> {
            JsonNode p = api.get(Api.path("queues", "/", queue)).json().path("policy");
            return p.isTextual() ? p.asText() : null;
        });
    }

    private static void assertSuccess(ApiResponse r) {
        assertTrue(r.status() / 100 == 2, r.method() + " " + r.path() + " answered " + r.status() + ": " + r.text());
    }
}
