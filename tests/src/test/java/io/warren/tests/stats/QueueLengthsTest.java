package io.warren.tests.stats;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DeliverCallback;
import com.rabbitmq.client.GetResponse;
import io.warren.tests.management.Api;
import io.warren.tests.management.ManagementRig;
import io.warren.tests.metrics.Scrape;
import io.warren.tests.support.TestBroker;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Queue lengths as the management API (and so the web UI and rabbitmqadmin) and
 * /metrics/per-object report them, after every kind of operation that changes a queue's ready or
 * unacknowledged count: basic.get with and without ack, then ack, reject and nack with and without
 * requeue; consumers that ack, reject, nack, requeue or are cancelled; channel close; recover;
 * expiry; purge; a length limit; dead-lettering; delete. Each row of the table is its own queue in
 * a fresh vhost; after all of them have run, the figures must settle to what the queues hold
 * (RabbitMQ's trail by up to one statistics interval) and stay there, not keep a phantom message
 * until the queue next changes.
 */
@Tag("management")
@ExtendWith(TestBroker.class)
class QueueLengthsTest {
    private static final long PATIENCE_NANOS = TimeUnit.SECONDS.toNanos(30);

    /** What a queue must report: ready and unacked; a negative ready means the queue is gone. */
    private record Expected(String queue, long ready, long unacked) {
        static Expected gone(String queue) {
            return new Expected(queue, -1, -1);
        }
    }

    private final List<Expected> table = new ArrayList<>();
    private Channel admin;
    private Connection connection;

    @Test
    void everyPathThatChangesAQueueUpdatesItsLengths(TestBroker broker) throws Exception {
        try (ManagementRig rig = ManagementRig.open(broker)) {
            ConnectionFactory f = broker.factory();
            f.setVirtualHost(rig.vhost());
            connection = f.newConnection();
            admin = connection.createChannel();

            getThen("get-unsettled", (ch, tag) -> { }, 1, 1);
            getThen("get-ack", (ch, tag) -> ch.basicAck(tag, false), 1, 0);
            getThen("get-reject-discard", (ch, tag) -> ch.basicReject(tag, false), 1, 0);
            getThen("get-nack-discard", (ch, tag) -> ch.basicNack(tag, false, false), 1, 0);
            getThen("get-reject-requeue", (ch, tag) -> ch.basicReject(tag, true), 2, 0);
            getThen("get-nack-requeue", (ch, tag) -> ch.basicNack(tag, false, true), 2, 0);
            getThen("get-recover", (ch, tag) -> ch.basicRecover(true), 2, 0);
            getThen("get-channel-close", (ch, tag) -> ch.close(), 2, 0);
            getTwiceThenNackMultipleDiscard();
            getNoAck();
            consumeThen("consume-ack", (ch, tag) -> ch.basicAck(tag, false), 0, 0);
            consumeThen("consume-reject-discard", (ch, tag) -> ch.basicReject(tag, false), 0, 0);
            consumeThen("consume-nack-discard", (ch, tag) -> ch.basicNack(tag, false, false), 0, 0);
            consumeThen("consume-unsettled-cancel", null, 0, 2);
            consumeNoAck();
            expiry();
            purgeWithOneUnacked();
            maxLengthDropHead();
            deadLetterOnReject();
            deleted();

            awaitFigures(broker, rig);
        } finally {
            if (connection != null && connection.isOpen()) {
                connection.close();
            }
        }
    }

    private interface Settle {
        void apply(Channel ch, long deliveryTag) throws Exception;
    }

    private String declare(String name, Map<String, Object> arguments, int messages) throws Exception {
        admin.queueDeclare(name, false, false, false, arguments);
        for (int i = 0; i < messages; i++) {
            admin.basicPublish("", name, null, (name + " " + i).getBytes(StandardCharsets.UTF_8));
        }
        return name;
    }

    /** Two messages; one basic.get in manual-ack mode on a channel of its own, then {@code settle}. */
    private void getThen(String name, Settle settle, long ready, long unacked) throws Exception {
        declare(name, null, 2);
        Channel ch = connection.createChannel();
        GetResponse r = get(ch, name);
        settle.apply(ch, r.getEnvelope().getDeliveryTag());
        table.add(new Expected(name, ready, unacked));
    }

    private static GetResponse get(Channel ch, String queue) throws Exception {
        // Published on another channel: wait until the queue has them.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        GetResponse r;
        while ((r = ch.basicGet(queue, false)) == null && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertNotNull(r, "a message in " + queue);
        return r;
    }

    private void getTwiceThenNackMultipleDiscard() throws Exception {
        String name = declare("get-nack-multiple-discard", null, 3);
        Channel ch = connection.createChannel();
        get(ch, name);
        GetResponse second = get(ch, name);
        ch.basicNack(second.getEnvelope().getDeliveryTag(), true, false);
        table.add(new Expected(name, 1, 0));
    }

    private void getNoAck() throws Exception {
        String name = declare("get-no-ack", null, 2);
        Channel ch = connection.createChannel();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (ch.basicGet(name, true) == null && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        table.add(new Expected(name, 1, 0));
    }

    /**
     * Two messages to a consumer without a prefetch limit; once both have arrived, each is
     * settled with {@code settle} (or nothing, and the consumer is cancelled: the channel keeps
     * them unacked).
     */
    private void consumeThen(String name, Settle settle, long ready, long unacked) throws Exception {
        declare(name, null, 2);
        Channel ch = connection.createChannel();
        BlockingQueue<Long> tags = new LinkedBlockingQueue<>();
        DeliverCallback onDelivery = (tag, d) -> tags.add(d.getEnvelope().getDeliveryTag());
        String consumerTag = ch.basicConsume(name, false, onDelivery, tag -> { });
        for (int i = 0; i < 2; i++) {
            Long tag = tags.poll(5, TimeUnit.SECONDS);
            assertNotNull(tag, "delivery " + i + " from " + name);
            if (settle != null) {
                settle.apply(ch, tag);
            }
        }
        if (settle == null) {
            ch.basicCancel(consumerTag);
        }
        table.add(new Expected(name, ready, unacked));
    }

    private void consumeNoAck() throws Exception {
        String name = declare("consume-no-ack", null, 2);
        Channel ch = connection.createChannel();
        BlockingQueue<Long> tags = new LinkedBlockingQueue<>();
        ch.basicConsume(name, true, (tag, d) -> tags.add(d.getEnvelope().getDeliveryTag()), tag -> { });
        for (int i = 0; i < 2; i++) {
            assertNotNull(tags.poll(5, TimeUnit.SECONDS), "delivery " + i + " from " + name);
        }
        table.add(new Expected(name, 0, 0));
    }

    private void expiry() throws Exception {
        table.add(new Expected(declare("expired", Map.of("x-message-ttl", 100), 2), 0, 0));
    }

    private void purgeWithOneUnacked() throws Exception {
        String name = declare("purge-one-unacked", null, 3);
        get(connection.createChannel(), name);
        admin.queuePurge(name);
        table.add(new Expected(name, 0, 1));
    }

    private void maxLengthDropHead() throws Exception {
        table.add(new Expected(declare("max-length-drop-head", Map.of("x-max-length", 1), 3), 1, 0));
    }

    private void deadLetterOnReject() throws Exception {
        String target = declare("dead-letters", null, 0);
        String source = declare("dead-lettering-source",
                Map.of("x-dead-letter-exchange", "", "x-dead-letter-routing-key", target), 2);
        Channel ch = connection.createChannel();
        GetResponse r = get(ch, source);
        ch.basicReject(r.getEnvelope().getDeliveryTag(), false);
        table.add(new Expected(source, 1, 0));
        table.add(new Expected(target, 1, 0));
    }

    private void deleted() throws Exception {
        String name = declare("deleted", null, 2);
        get(connection.createChannel(), name);
        admin.queueDelete(name);
        table.add(Expected.gone(name));
    }

    /** Polls the API and /metrics/per-object until every row reports what it expects, or fails with every difference. */
    private void awaitFigures(TestBroker broker, ManagementRig rig) throws Exception {
        long deadline = System.nanoTime() + PATIENCE_NANOS;
        List<String> wrong;
        do {
            wrong = differences(broker, rig);
            if (wrong.isEmpty()) {
                return;
            }
            Thread.sleep(250);
        } while (System.nanoTime() < deadline);
        fail("queue lengths still wrong after 30 s:\n  " + String.join("\n  ", wrong));
    }

    private List<String> differences(TestBroker broker, ManagementRig rig) throws Exception {
        Map<String, JsonNode> listed = new LinkedHashMap<>();
        for (JsonNode q : rig.api().get(Api.path("queues", rig.vhost())).json()) {
            listed.put(q.get("name").asText(), q);
        }
        Scrape perObject = Scrape.of(broker, "/metrics/per-object");
        List<String> wrong = new ArrayList<>();
        for (Expected e : table) {
            JsonNode q = listed.get(e.queue());
            String[] labels = {"vhost", rig.vhost(), "queue", e.queue()};
            Double ready = perObject.value("rabbitmq_queue_messages_ready", labels);
            Double unacked = perObject.value("rabbitmq_queue_messages_unacked", labels);
            Double total = perObject.value("rabbitmq_queue_messages", labels);
            if (e.ready() < 0) {
                if (q != null || ready != null) {
                    wrong.add(e.queue() + ": deleted, but still listed by the API (" + (q != null)
                            + ") or /metrics/per-object (" + (ready != null) + ")");
                }
                continue;
            }
            String want = e.ready() + "/" + e.unacked() + "/" + (e.ready() + e.unacked());
            String api = q == null || !q.has("messages_ready") ? "missing"
                    : q.get("messages_ready").asLong() + "/" + q.get("messages_unacknowledged").asLong() + "/"
                    + q.get("messages").asLong();
            String metrics = ready == null ? "missing"
                    : ready.longValue() + "/" + (unacked == null ? "?" : unacked.longValue()) + "/"
                    + (total == null ? "?" : total.longValue());
            if (!want.equals(api) || !want.equals(metrics)) {
                wrong.add(e.queue() + ": ready/unacked/total expected " + want + ", API " + api
                        + ", /metrics/per-object " + metrics);
            }
        }
        return wrong;
    }
}
