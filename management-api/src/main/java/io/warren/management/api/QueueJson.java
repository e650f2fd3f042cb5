package io.warren.management.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.warren.broker.UnavailableQueue;
import io.warren.broker.VirtualHost;
import io.warren.broker.definitions.JsonOutput;
import io.warren.broker.queuetype.QueueTypes;
import io.warren.dlx.policy.EffectiveSettings;
import io.warren.dlx.policy.Policy;
import io.warren.management.http.Json;
import io.warren.queue.MessageQueue;
import io.warren.queue.QueueDefinition;
import io.warren.broker.stats.QueueInfo;
import io.warren.broker.stats.SampleHistory;
import io.warren.management.http.ApiRequest;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * A queue as {@code GET /api/queues} shows it (RabbitMQ 3.10's field names for a classic
 * queue). Counts are the queue's own published snapshots, so building this never waits on the
 * queue's thread; Erlang-only fields (memory, reductions, garbage_collection) are left out.
 */
final class QueueJson {
    /** RabbitMQ's idle_since format, e.g. {@code 2026-11-22T06:37:39.177+00:00}. */
    private static final DateTimeFormatter IDLE_SINCE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxxx").withZone(ZoneOffset.UTC);
    private QueueJson() {
    }

    static ObjectNode of(VirtualHost vhost, MessageQueue q, QueueInfo info, ApiRequest req) {
        QueueDefinition d = q.definition();
        SampleHistory rates = info.rates();
        ObjectNode o = Json.object();
        o.set("arguments", JsonOutput.tree(d.arguments()));
        o.put("auto_delete", d.autoDelete());
        int consumers = info.consumers();
        o.put("consumer_capacity", consumers > 0 ? 1.0 : 0);
        o.put("consumer_utilisation", consumers > 0 ? 1.0 : 0);
        o.put("consumers", consumers);
        o.put("durable", d.durable());
        Policy policy = vhost.policies().match(d.name(), QueueTypes.of(d.arguments()).policyTarget(), false);
        Policy operator = vhost.policies().match(d.name(), QueueTypes.of(d.arguments()).policyTarget(), true);
        o.set("effective_policy_definition", JsonOutput.tree(EffectiveSettings.effectiveDefinition(policy, operator)));
        o.put("exclusive", d.exclusive());
        o.putNull("exclusive_consumer_tag");
        o.putNull("head_message_timestamp");
        if (info.idleSince() > 0 && consumers == 0) {
            o.put("idle_since", IDLE_SINCE.format(Instant.ofEpochMilli(info.idleSince())));
        }
        boolean quorum = QueueTypes.of(d.arguments()) == QueueTypes.QUORUM;
        if (quorum) {
            // One node: it leads, and it is the only member, online.
            o.put("leader", Node.NAME);
        }
        long pagedOut = info.messagesPagedOut();
        o.put("message_bytes", info.messageBytes());
        o.put("message_bytes_paged_out", 0);
        o.put("message_bytes_persistent", info.messageBytesPersistent());
        o.put("message_bytes_ram", info.messageBytes());
        o.put("message_bytes_ready", info.messageBytesReady());
        o.put("message_bytes_unacknowledged", info.messageBytesUnacknowledged());
        Stats.putMessageStats(o, info.messageStats(), rates, req);
        Stats.counter(o, "messages", info.messages(), rates, Stats.Kind.LENGTHS, req);
        o.put("messages_paged_out", pagedOut);
        o.put("messages_persistent", info.messagesPersistent());
        o.put("messages_ram", info.messages() - pagedOut);
        Stats.counter(o, "messages_ready", info.messagesReady(), rates, Stats.Kind.LENGTHS, req);
        o.put("messages_ready_ram", info.messagesReady() - pagedOut);
        Stats.counter(o, "messages_unacknowledged", info.messagesUnacknowledged(), rates, Stats.Kind.LENGTHS, req);
        o.put("messages_unacknowledged_ram", info.messagesUnacknowledged());
        if (quorum) {
            o.set("members", o.arrayNode().add(Node.NAME));
        }
        o.put("name", d.name());
        o.put("node", Node.NAME);
        if (quorum) {
            o.set("online", o.arrayNode().add(Node.NAME));
        }
        putName(o, "operator_policy", operator);
        putName(o, "policy", policy);
        o.putNull("recoverable_slaves");
        if (info.exclusiveOwner() != null) {
            o.set("owner_pid_details", Json.object().put("name", info.exclusiveOwner()));
        }
        o.put("single_active_consumer_tag", info.singleActiveConsumerTag());
        o.put("state", info.state());
        o.put("type", QueueTypes.of(d.arguments()).name());
        o.put("vhost", vhost.name());
        return o;
    }

    /**
     * The reduced form of {@code disable_stats=true}: the definition only, plus the three
     * lengths with {@code enable_queue_totals=true}.
     */
    static ObjectNode reduced(VirtualHost vhost, MessageQueue q, QueueInfo info, boolean totals) {
        QueueDefinition d = q.definition();
        ObjectNode o = definition(d);
        if (totals) {
            o.put("messages", info.messages());
            o.put("messages_ready", info.messagesReady());
            o.put("messages_unacknowledged", info.messagesUnacknowledged());
        }
        o.put("name", d.name());
        o.put("node", Node.NAME);
        o.put("state", info.state());
        o.put("type", QueueTypes.of(d.arguments()).name());
        o.put("vhost", vhost.name());
        return o;
    }

    /** The declared properties every form starts with, in RabbitMQ's key order. */
    private static ObjectNode definition(QueueDefinition d) {
        ObjectNode o = Json.object();
        o.set("arguments", JsonOutput.tree(d.arguments()));
        o.put("auto_delete", d.autoDelete());
        o.put("durable", d.durable());
        o.put("exclusive", d.exclusive());
        return o;
    }

    /**
     * A durable queue whose files could not be read: what RabbitMQ lists for a queue that is not
     * running (its definition and {@code state}, here {@code crashed}, as for a classic queue that
     * crashed and failed to restart), and no counts.
     */
    static ObjectNode down(VirtualHost vhost, UnavailableQueue q) {
        QueueDefinition d = q.definition();
        ObjectNode o = definition(d);
        o.put("name", d.name());
        o.put("node", Node.NAME);
        o.put("state", UnavailableQueue.STATE);
        o.put("type", QueueTypes.of(d.arguments()).name());
        o.put("vhost", vhost.name());
        return o;
    }

    private static void putName(ObjectNode o, String field, Policy p) {
        if (p == null) {
            o.putNull(field);
        } else {
            o.put(field, p.name());
        }
    }
}
