package io.warren.broker.definitions;

import io.warren.amqp.types.LongStr;
import io.warren.dlx.policy.ApplyTo;
import io.warren.dlx.policy.Policy;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A file exported by RabbitMQ 3.10.8 (GET /api/definitions) reads completely and exactly. */
class RabbitMqExportTest {
    private final Definitions d = Fixtures.read("rabbitmq-3.10.8.json");

    @Test
    void headerKeepsVersionsInFileOrder() {
        assertEquals(List.of("rabbit_version", "rabbitmq_version", "product_name", "product_version"),
                List.copyOf(d.header().keySet()));
        assertEquals("3.10.8", d.header().get("rabbitmq_version"));
        assertEquals("RabbitMQ", d.header().get("product_name"));
    }

    @Test
    void usersLogInWithTheirPasswords() {
        assertEquals(List.of("wdefs-bob", "wdefs-carol", "guest", "wdefs-alice"),
                d.users().stream().map(UserDefinition::name).toList());
        UserDefinition bob = user("wdefs-bob");
        assertEquals(HashingAlgorithm.SHA512, bob.hashingAlgorithm());
        assertEquals(List.of("monitoring", "policymaker"), bob.tags());
        assertTrue(bob.toPasswordHash().matches("bob-secret"));
        assertFalse(bob.toPasswordHash().matches("bob-secret "));
        UserDefinition carol = user("wdefs-carol");
        assertEquals(HashingAlgorithm.MD5, carol.hashingAlgorithm());
        assertEquals(List.of(), carol.tags());
        assertTrue(carol.toPasswordHash().matches("carol-secret"));
        UserDefinition alice = user("wdefs-alice");
        assertEquals(HashingAlgorithm.SHA256, alice.hashingAlgorithm());
        assertEquals(List.of("administrator"), alice.tags());
        assertEquals(Map.of("max-channels", 20L, "max-connections", 10L), alice.limits());
        assertTrue(alice.toPasswordHash().matches("alice-secret"));
        assertTrue(user("guest").toPasswordHash().matches("guest"));
    }

    @Test
    void vhostsAndPermissions() {
        assertEquals(List.of(VirtualHostDefinition.named("wdefs-vh"), VirtualHostDefinition.named("/")), d.vhosts());
        assertEquals(new PermissionDefinition("wdefs-bob", "wdefs-vh", "^bob\\.", "^orders", ".*"),
                d.permissions().stream().filter(p -> p.user().equals("wdefs-bob")).findFirst().orElseThrow());
        assertEquals(4, d.permissions().size());
        assertEquals(List.of(new TopicPermissionDefinition("wdefs-bob", "wdefs-vh", "orders.topic", "^eu\\.", ".*")),
                d.topicPermissions());
    }

    @Test
    void parametersCarryVhostLimitsAndTheOperatorPolicy() {
        assertEquals(new ParameterDefinition("wdefs-vh", "vhost-limits", "limits",
                Map.of("max-connections", 50L, "max-queues", 100L)), d.parameters().get(0));
        assertEquals(List.of(new Policy("wdefs-vh", "wdefs-op", ".*", ApplyTo.QUEUES, 1,
                Map.of("expires", 3600000L, "max-length-bytes", 1048576L))), d.operatorPolicies());
        assertEquals(new GlobalParameterDefinition("wdefs-gp", Map.of("level", 3L, "owner", "wdefs")),
                d.globalParameters().stream().filter(g -> g.name().equals("wdefs-gp")).findFirst().orElseThrow());
    }

    @Test
    void policies() {
        assertEquals(List.of(
                new Policy("wdefs-vh", "wdefs-ae", "^orders\\.direct$", ApplyTo.EXCHANGES, 0,
                        Map.of("alternate-exchange", "orders.unrouted")),
                new Policy("wdefs-vh", "wdefs-dlx", "^orders\\.", ApplyTo.QUEUES, 7,
                        Map.of("dead-letter-exchange", "orders.dlx", "dead-letter-routing-key", "orders.dead",
                                "max-length", 1000L, "message-ttl", 60000L, "overflow", "reject-publish"))),
                d.policies());
    }

    @Test
    void queueArgumentsBecomeTheFieldValuesAClientWouldSend() {
        QueueDefinition main = queue("orders.main");
        assertTrue(main.durable());
        assertFalse(main.autoDelete());
        assertNull(main.type());
        assertEquals("classic", main.effectiveType());
        // rabbit_misc:to_amqp_table: strings are longstr, integers long.
        assertEquals(LongStr.of("orders.dlx"), main.arguments().get("x-dead-letter-exchange"));
        assertEquals(30000L, main.arguments().get("x-message-ttl"));
        assertEquals(LongStr.of("reject-publish-dlx"), main.arguments().get("x-overflow"));
        QueueDefinition quorum = queue("orders.quorum");
        assertEquals("quorum", quorum.effectiveType());
        assertEquals(5L, quorum.arguments().get("x-delivery-limit"));
        assertEquals(Boolean.TRUE, queue("orders.priority").arguments().get("x-single-active-consumer"));
        assertEquals(Map.of(), queue("orders.unrouted").arguments());
    }

    @Test
    void exchangesOfEveryType() {
        assertEquals(List.of("topic", "direct", "fanout", "headers", "fanout", "topic"),
                d.exchanges().stream().map(ExchangeDefinition::type).toList());
        ExchangeDefinition direct = exchange("orders.direct");
        assertEquals(Map.of("alternate-exchange", LongStr.of("orders.unrouted")), direct.arguments());
        assertTrue(exchange("orders.internal").internal());
        assertTrue(exchange("orders.headers").autoDelete());
        assertFalse(direct.isReserved());
    }

    @Test
    void queueAndExchangeBindingsWithArguments() {
        assertEquals(6, d.bindings().size());
        BindingDefinition headers = d.bindings().get(3);
        assertEquals("orders.headers", headers.source());
        assertEquals(DestinationType.QUEUE, headers.destinationType());
        assertEquals(Map.of("rank", 3L, "region", LongStr.of("eu"), "x-match", LongStr.of("all")), headers.arguments());
        BindingDefinition e2e = d.bindings().get(4);
        assertEquals(new BindingDefinition("wdefs-vh", "orders.topic", "orders.direct", DestinationType.EXCHANGE,
                "eu.#", Map.of("note", LongStr.of("e2e"))), e2e);
        assertInstanceOf(Boolean.class, d.bindings().get(1).arguments().get("flag"));
    }

    @Test
    void perVhostExportImportsIntoTheNamedVhost() {
        Definitions vh = new DefinitionsReader(Fixtures.vhosts("copy")).readForVhost(
                Fixtures.bytes("rabbitmq-3.10.8-vhost.json"), "copy");
        assertEquals(5, vh.queues().size());
        assertTrue(vh.queues().stream().allMatch(q -> q.vhost().equals("copy")));
        // Its parameters still say vhost 'wdefs-vh' (3.10 keeps the key); the target vhost wins.
        assertEquals("copy", vh.operatorPolicies().get(0).vhost());
        assertEquals(List.of("copy", "copy"), vh.policies().stream().map(Policy::vhost).toList());
        assertEquals(List.of(), vh.users());
    }

    private UserDefinition user(String name) {
        return d.users().stream().filter(u -> u.name().equals(name)).findFirst().orElseThrow();
    }

    private QueueDefinition queue(String name) {
        return d.queues().stream().filter(q -> q.name().equals(name)).findFirst().orElseThrow();
    }

    private ExchangeDefinition exchange(String name) {
        return d.exchanges().stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
    }
}
