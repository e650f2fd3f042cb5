package io.warren.broker.definitions;

import io.warren.amqp.types.LongStr;
import io.warren.dlx.policy.ApplyTo;
import io.warren.dlx.policy.Policy;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The 4.x shape and the oldest 3.x shape read as RabbitMQ's import reads them. */
class ShapesTest {
    @Test
    void fourXFileKeepsItsHeaderAndReadsEverySection() {
        Definitions d = Fixtures.read("rabbitmq-4.x.json");
        assertEquals("cluster", d.header().get("rabbitmq_definition_format"));
        assertEquals("Definitions of cluster 'rabbit@billing-1'", d.header().get("explanation"));
        assertEquals(Set.of("explanation", "original_cluster_name", "product_name", "product_version",
                "rabbit_version", "rabbitmq_definition_format", "rabbitmq_version"), d.header().keySet());
        assertEquals(3, d.users().size());
        assertEquals(2, d.permissions().size());
        assertEquals(1, d.topicPermissions().size());
        assertEquals(1, d.globalParameters().size());
    }

    @Test
    void fourXVhostTopLevelFieldsWinOverMetadata() {
        VirtualHostDefinition billing = Fixtures.read("rabbitmq-4.x.json").vhosts().get(1);
        assertEquals("Billing, quorum by default", billing.description());
        assertEquals(List.of("finance", "eu"), billing.tags());
        assertEquals("quorum", billing.defaultQueueType());
        assertEquals(Map.of("protected_from_deletion", true), billing.otherMetadata());
        assertEquals(Map.of("max-queues", 500L), billing.limits());
    }

    @Test
    void fourXVhostWithOnlyMetadataAndEmptyListLimits() {
        VirtualHostDefinition root = Fixtures.read("rabbitmq-4.x.json").vhosts().get(0);
        assertEquals("Default virtual host", root.description());
        assertEquals(List.of(), root.tags());
        assertNull(root.defaultQueueType());
        assertEquals(Map.of(), root.limits());
    }

    @Test
    void fourXQueuesHaveTypeAndExchangesNoInternal() {
        Definitions d = Fixtures.read("rabbitmq-4.x.json");
        assertEquals("quorum", d.queues().get(0).type());
        assertEquals(20L, d.queues().get(0).arguments().get("x-delivery-limit"));
        assertEquals("classic", d.queues().get(1).effectiveType());
        assertFalse(d.exchanges().get(0).internal());
        assertEquals(Map.of("alternate-exchange", LongStr.of("billing.events")), d.exchanges().get(1).arguments());
        assertEquals(DestinationType.EXCHANGE, d.bindings().get(1).destinationType());
    }

    @Test
    void fourXOperatorPolicyAndUsers() {
        Definitions d = Fixtures.read("rabbitmq-4.x.json");
        assertEquals(List.of(new Policy("billing", "billing-caps", "^billing\\.", ApplyTo.QUORUM_QUEUES, 2,
                Map.of("delivery-limit", 10L, "max-length", 100000L))), d.operatorPolicies());
        assertEquals(ApplyTo.QUORUM_QUEUES, d.policies().get(0).applyTo());
        UserDefinition dora = d.users().get(0);
        assertTrue(dora.toPasswordHash().matches("dora-secret"));
        assertEquals(Map.of("max-connections", 2L), dora.limits());
        assertTrue(d.users().get(1).toPasswordHash().matches("erin-secret"));
        UserDefinition service = d.users().get(2);
        assertFalse(service.hasPassword());
        assertThrows(IllegalStateException.class, service::toPasswordHash);
    }

    @Test
    void legacyFileWithStringTagsAndNoAlgorithmHashesWithMd5() {
        Definitions d = Fixtures.read("rabbitmq-3.5-legacy.json");
        UserDefinition old = d.users().get(0);
        assertEquals(HashingAlgorithm.MD5, old.hashingAlgorithm());
        assertEquals(List.of("administrator", "monitoring"), old.tags());
        assertNull(old.limits());
        assertTrue(old.toPasswordHash().matches("old-secret"));
        assertEquals(List.of(), d.topicPermissions());
        assertEquals(List.of(), d.globalParameters());
    }

    @Test
    void legacyPolicyDefaultsApplyToAllAndPriorityZero() {
        Policy ttl = Fixtures.read("rabbitmq-3.5-legacy.json").policies().get(0);
        assertEquals(ApplyTo.ALL, ttl.applyTo());
        assertEquals(0, ttl.priority());
        assertEquals(Map.of(), Fixtures.read("rabbitmq-3.5-legacy.json").queues().get(0).arguments());
    }

    @Test
    void referencesToObjectsTheBrokerAlreadyHasAreAccepted() {
        byte[] json = """
                {"permissions": [{"user": "existing", "vhost": "known", "configure": "", "write": "", "read": ""}],
                 "queues": [{"name": "q", "vhost": "known", "durable": true, "auto_delete": false}]}
                """.getBytes();
        Definitions d = new DefinitionsReader(new ExistingObjects(Set.of("existing"), Set.of("known"))).read(json);
        assertEquals("existing", d.permissions().get(0).user());
        assertEquals(Map.of(), d.queues().get(0).arguments());
        DefinitionsException e = assertThrows(DefinitionsException.class,
                () -> new DefinitionsReader(ExistingObjects.NONE).read(json));
        assertEquals(3, e.problems().size(), e.getMessage());
    }

    @Test
    void unknownKeysAreIgnoredInEntriesAndKeptAtTheTop() {
        byte[] json = """
                {"rabbit_version": "3.13.7", "future_key": {"a": 1},
                 "vhosts": [{"name": "v", "tracing": true, "cluster_state": {}}]}
                """.getBytes();
        Definitions d = new DefinitionsReader(ExistingObjects.NONE).read(json);
        assertEquals(Map.of("a", 1L), d.header().get("future_key"));
        assertEquals(VirtualHostDefinition.named("v"), d.vhosts().get(0));
        String written = new String(DefinitionsWriter.write(d, DefinitionsFormat.RABBITMQ_3));
        assertTrue(written.startsWith("{\"rabbit_version\":\"3.13.7\",\"future_key\":{\"a\":1},\"users\":[]"), written);
    }
}
