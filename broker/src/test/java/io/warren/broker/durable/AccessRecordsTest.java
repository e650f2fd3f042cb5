package io.warren.broker.durable;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.warren.broker.durable.TopologyRecord.GlobalParameterCleared;
import io.warren.broker.durable.TopologyRecord.GlobalParameterSet;
import io.warren.broker.durable.TopologyRecord.NodeInitialised;
import io.warren.broker.durable.TopologyRecord.ParameterCleared;
import io.warren.broker.durable.TopologyRecord.ParameterSet;
import io.warren.broker.durable.TopologyRecord.PermissionCleared;
import io.warren.broker.durable.TopologyRecord.PermissionSet;
import io.warren.broker.durable.TopologyRecord.PolicyDeleted;
import io.warren.broker.durable.TopologyRecord.PolicySet;
import io.warren.broker.durable.TopologyRecord.QueueDeclared;
import io.warren.broker.durable.TopologyRecord.TopicPermissionCleared;
import io.warren.broker.durable.TopologyRecord.TopicPermissionSet;
import io.warren.broker.durable.TopologyRecord.UserDeleted;
import io.warren.broker.durable.TopologyRecord.UserPut;
import io.warren.broker.durable.TopologyRecord.VhostDeclared;
import io.warren.broker.durable.TopologyRecord.VhostDeleted;
import io.warren.broker.durable.TopologyRecord.VhostMetadataSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The access records (users, permissions, parameters, policies, vhost metadata) in the journal. */
class AccessRecordsTest {
    @TempDir
    Path dir;

    private static final List<TopologyRecord> ALL = List.of(
            new VhostDeleted("v"),
            new VhostMetadataSet("v", "déscription", List.of("a", "b"), "quorum", "{\"max-queues\":10}"),
            new VhostMetadataSet("v", "", List.of(), "", "{}"),
            new NodeInitialised(),
            new UserPut("ünicode user with a name longer than anything " + "x".repeat(300),
                    "rabbit_password_hashing_sha512", "c2FsdGRpZ2VzdA==", List.of("administrator"), "{}"),
            new UserPut("nopass", "rabbit_password_hashing_sha256", "", List.of(), "{\"max-channels\":5}"),
            new UserDeleted("u"),
            new PermissionSet("v", "u", "^a\\.", "", ".*"),
            new PermissionCleared("v", "u"),
            new TopicPermissionSet("v", "u", "amq.topic", "^{username}\\.", "{client_id}"),
            new TopicPermissionCleared("v", "u", "amq.topic"),
            new TopicPermissionCleared("v", "u", null),
            new ParameterSet("v", "federation-upstream", "up", "{\"uri\":\"amqp://h\",\"prefetch-count\":10}"),
            new ParameterCleared("v", "federation-upstream", "up"),
            new GlobalParameterSet("cluster_name", "\"rabbit@h\""),
            new GlobalParameterCleared("cluster_name"),
            new PolicySet("v", "p", true, "^q\\.", "queues", -3, "{\"max-length\":5}"),
            new PolicyDeleted("v", "p", false));

    @Test
    void everyAccessRecordRoundTripsThroughTheCodec() {
        for (TopologyRecord r : ALL) {
            ByteBuf buf = Unpooled.buffer();
            try {
                TopologyCodec.write(buf, r);
                assertEquals(r, TopologyCodec.read(buf));
                assertFalse(buf.isReadable(), () -> "read all of " + r);
            } finally {
                buf.release();
            }
        }
    }

    @Test
    void theOriginalRecordTypesKeepTheirBytes() {
        ByteBuf buf = Unpooled.buffer();
        try {
            TopologyCodec.write(buf, new VhostDeclared("/"));
            byte[] bytes = new byte[buf.readableBytes()];
            buf.readBytes(bytes);
            assertEquals(List.of((byte) 1, (byte) 1, (byte) '/'), List.of(bytes[0], bytes[1], bytes[2]));
            assertEquals(3, bytes.length);
        } finally {
            buf.release();
        }
    }

    private void appendAndWait(TopologyJournal j, List<TopologyRecord> records) throws Exception {
        j.append(records).get(10, TimeUnit.SECONDS);
    }

    @Test
    void deletingAUserOrAVhostDropsWhatBelongedToItAndTheNodeStaysInitialisedAfterCompaction() throws Exception {
        try (TopologyJournal j = TopologyJournal.open(dir)) {
            assertFalse(j.recovered().initialised(), "a new data directory is blank");
            appendAndWait(j, List.of(
                    new VhostDeclared("/"), new VhostDeclared("gone"),
                    new UserPut("guest", "rabbit_password_hashing_sha256", "c2FsdGRpZ2VzdA==", List.of(), "{}"),
                    new UserPut("bob", "rabbit_password_hashing_sha256", "", List.of(), "{}"),
                    new PermissionSet("/", "guest", ".*", ".*", ".*"),
                    new PermissionSet("/", "bob", ".*", ".*", ".*"),
                    new TopicPermissionSet("/", "guest", "amq.topic", ".*", ".*"),
                    new QueueDeclared("gone", "q", false, Map.of()),
                    new ParameterSet("gone", "c", "n", "1"),
                    new PolicySet("/", "p", false, ".*", "all", 0, "{}"),
                    new UserDeleted("guest"),
                    new VhostDeleted("gone"),
                    new PermissionCleared("gone", "bob")));
        }
        for (int restart = 0; restart < 2; restart++) {
            try (TopologyJournal j = TopologyJournal.open(dir)) {
                DurableTopology t = j.recovered();
                assertTrue(t.initialised());
                assertEquals(List.of("bob"), List.copyOf(t.users().keySet()));
                assertEquals(List.of("/"), List.copyOf(t.vhosts().keySet()), "a cleared permission revives no vhost");
                DurableTopology.Vhost root = t.vhosts().get("/");
                assertEquals(List.of("bob"), List.copyOf(root.permissions.keySet()));
                assertTrue(root.topicPermissions.isEmpty());
                assertEquals(1, root.policies.size());
                assertNull(root.metadata);
            }
        }
    }
}
