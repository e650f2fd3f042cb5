package io.warren.management.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.warren.broker.VirtualHost;
import io.warren.broker.definitions.JsonOutput;
import io.warren.dlx.policy.EffectiveSettings;
import io.warren.dlx.policy.Policy;
import io.warren.dlx.policy.PolicyRegistry;
import io.warren.management.http.Json;
import io.warren.queue.MessageQueue;
import io.warren.queue.QueueDefinition;
import io.warren.queue.QueueStats;

/**
 * A queue as {@code GET /api/queues} shows it (RabbitMQ 3.10's field names for a classic
 * queue). Counts are the queue's own published snapshots, so building this never waits on the
 * queue's thread; Erlang-only fields (memory, reductions, garbage_collection) are left out.
 */
final class QueueJson {
    private QueueJson() {
    }

    static ObjectNode of(VirtualHost vhost, MessageQueue q, Stats stats) {
        QueueDefinition d = q.definition();
        QueueStats s = q.stats();
        ObjectNode o = Json.object();
        o.set("arguments", JsonOutput.tree(d.arguments()));
        o.put("auto_delete", d.autoDelete());
        int consumers = q.consumerCount();
        o.put("consumer_capacity", consumers > 0 ? 1.0 : 0);
        o.put("consumer_utilisation", consumers > 0 ? 1.0 : 0);
        o.put("consumers", consumers);
        o.put("durable", d.durable());
        Policy policy = vhost.policies().match(d.name(), PolicyRegistry.Target.QUEUE, false);
        Policy operator = vhost.policies().match(d.name(), PolicyRegistry.Target.QUEUE, true);
        o.set("effective_policy_definition", JsonOutput.tree(EffectiveSettings.effectiveDefinition(policy, operator)));
        o.put("exclusive", d.exclusive());
        o.putNull("exclusive_consumer_tag");
        o.putNull("head_message_timestamp");
        int ready = s.readySnapshot();
        int unacked = s.unackedSnapshot();
        long readyBytes = q.readyBytes();
        long unackedBytes = q.unackedBytes();
        o.put("message_bytes", readyBytes + unackedBytes);
        o.put("message_bytes_dlx", q.deadLetteringBytes());
        o.put("message_bytes_persistent", d.durable() ? readyBytes + unackedBytes : 0);
        o.put("message_bytes_ram", readyBytes + unackedBytes);
        o.put("message_bytes_ready", readyBytes);
        o.put("message_bytes_unacknowledged", unackedBytes);
        o.set("message_stats", stats.queueMessageStats(q));
        o.put("messages", ready + unacked);
        o.set("messages_details", stats.lengthDetails(q, "messages"));
        o.put("messages_dlx", q.deadLetteringCount());
        o.put("messages_persistent", d.durable() ? ready + unacked : 0);
        o.put("messages_ram", ready + unacked);
        o.put("messages_ready", ready);
        o.set("messages_ready_details", stats.lengthDetails(q, "messages_ready"));
        o.put("messages_ready_ram", ready);
        o.put("messages_unacknowledged", unacked);
        o.set("messages_unacknowledged_details", stats.lengthDetails(q, "messages_unacknowledged"));
        o.put("messages_unacknowledged_ram", unacked);
        o.put("name", d.name());
        o.put("node", Node.NAME);
        putName(o, "operator_policy", operator);
        putName(o, "policy", policy);
        o.putNull("recoverable_slaves");
        o.putNull("single_active_consumer_tag");
        o.put("state", "running");
        o.put("type", "classic");
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
