package io.warren.tests.flow;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import io.warren.broker.Broker;
import io.warren.broker.alarm.ResourceAlarm;
import io.warren.broker.definitions.JsonOutput;
import io.warren.broker.stats.ConnectionInfo;
import io.warren.tests.connection.Eventually;
import io.warren.tests.support.TestBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * Flow control under resource alarms, as RabbitMQ does it (checked against RabbitMQ 3.10.8 with
 * set_vm_memory_high_watermark and set_disk_free_limit): a connection that publishes while an
 * alarm is on is sent connection.blocked and no longer read, so its publishes wait; consumers keep
 * draining meanwhile; connections that do not publish are left alone (the management API shows
 * them as blocking, as RabbitMQ does); when every alarm has cleared the connection is sent
 * connection.unblocked and what it published goes through.
 *
 * <p>Warren only: the alarms are raised by moving the embedded broker's limits.
 */
class PublisherBlockingTest {
    /** How long "nothing happens" is watched for. */
    private static final long QUIET_MILLIS = 300;
    private static final long WAIT_MILLIS = 5_000;

    @RegisterExtension
    static final TestBroker broker = new TestBroker();

    private final List<Connection> connections = new ArrayList<>();
    private Broker warren;
    private Shortage.Limits limits;
    private String queue;

    @BeforeEach
    void setUp() throws Exception {
        assumeFalse(broker.isExternal(), "alarms are raised through the embedded broker");
        warren = broker.server().broker();
        limits = Shortage.Limits.of(warren);
        queue = "flow-" + UUID.randomUUID();
        try (Channel admin = connect(null).createChannel()) {
            admin.queueDeclare(queue, false, false, false, null);
        }
    }

    @AfterEach
    void tearDown() throws Exception {
        if (warren == null) {
            return;
        }
        // Clear the alarms first: a blocked connection would not read a connection.close.
        limits.restore(warren);
        try (Channel admin = connect(null).createChannel()) {
            admin.queueDelete(queue);
        }
        for (Connection c : connections) {
            c.abort(1000);
        }
    }

    @ParameterizedTest
    @EnumSource(Shortage.class)
    void publisherIsBlockedUntilTheAlarmClearsWhileConsumersDrain(Shortage shortage) throws Exception {
        BlockedEvents publisherEvents = new BlockedEvents();
        Channel publisher = connect(publisherEvents).createChannel();
        publisher.confirmSelect();
        for (int i = 1; i <= 3; i++) {
            publish(publisher, "before-" + i);
        }
        publisher.waitForConfirmsOrDie(WAIT_MILLIS);

        shortage.raise(warren.resourceMonitors());
        assertEquals(Set.of(shortage.alarm), warren.alarms().active());

        BlockingQueue<String> consumed = consume(connect(null).createChannel());
        assertEquals("before-1", consumed.poll(WAIT_MILLIS, TimeUnit.MILLISECONDS), "consumers drain during the alarm");
        assertEquals("before-2", consumed.poll(WAIT_MILLIS, TimeUnit.MILLISECONDS));
        assertEquals("before-3", consumed.poll(WAIT_MILLIS, TimeUnit.MILLISECONDS));

        publish(publisher, "during-1");
        publish(publisher, "during-2");
        assertEquals(BlockedEvents.blocked(shortage.reason), publisherEvents.next(WAIT_MILLIS));
        assertNull(consumed.poll(QUIET_MILLIS, TimeUnit.MILLISECONDS), "a blocked connection's publishes wait");

        limits.restore(warren, shortage);

        assertEquals(BlockedEvents.UNBLOCKED, publisherEvents.next(WAIT_MILLIS));
        assertEquals("during-1", consumed.poll(WAIT_MILLIS, TimeUnit.MILLISECONDS));
        assertEquals("during-2", consumed.poll(WAIT_MILLIS, TimeUnit.MILLISECONDS));
        publisher.waitForConfirmsOrDie(WAIT_MILLIS);
        assertEquals(List.of(BlockedEvents.blocked(shortage.reason), BlockedEvents.UNBLOCKED), publisherEvents.all());
    }

    @Test
    void aConnectionThatOnlyConsumesIsNotBlocked() throws Exception {
        try (Channel admin = connect(null).createChannel()) {
            publish(admin, "m1");
            publish(admin, "m2");
        }
        BlockedEvents consumerEvents = new BlockedEvents();
        Channel consumer = connect(consumerEvents).createChannel();
        Shortage.MEMORY.raise(warren.resourceMonitors());

        GetResponse first = consumer.basicGet(queue, false);
        consumer.basicAck(first.getEnvelope().getDeliveryTag(), false);
        GetResponse second = consumer.basicGet(queue, false);
        consumer.basicAck(second.getEnvelope().getDeliveryTag(), false);

        assertEquals("m1", body(first.getBody()));
        assertEquals("m2", body(second.getBody()));
        assertEquals(0, consumer.queueDeclarePassive(queue).getMessageCount(), "acks were read");
        assertNull(consumerEvents.next(QUIET_MILLIS));
    }

    @Test
    void aConnectionThatPublishedBeforeTheAlarmIsBlockedOnlyWhenItPublishesAgain() throws Exception {
        BlockedEvents publisherEvents = new BlockedEvents();
        Channel publisher = connect(publisherEvents).createChannel();
        publisher.confirmSelect();
        publish(publisher, "before");
        publisher.waitForConfirmsOrDie(WAIT_MILLIS);

        Shortage.DISK.raise(warren.resourceMonitors());

        assertNull(publisherEvents.next(QUIET_MILLIS));
        assertEquals(1, publisher.queueDeclarePassive(queue).getMessageCount(), "still read");
        publish(publisher, "during");
        assertEquals(BlockedEvents.blocked("low on disk"), publisherEvents.next(WAIT_MILLIS));
    }

    @Test
    void aSecondAlarmNeitherNotifiesAgainNorReleasesEarly() throws Exception {
        BlockedEvents publisherEvents = new BlockedEvents();
        Channel publisher = connect(publisherEvents).createChannel();
        Shortage.MEMORY.raise(warren.resourceMonitors());
        publish(publisher, "held");
        assertEquals(BlockedEvents.blocked("low on memory"), publisherEvents.next(WAIT_MILLIS));

        Shortage.DISK.raise(warren.resourceMonitors());
        limits.restore(warren, Shortage.MEMORY);

        assertEquals(Set.of(ResourceAlarm.DISK), warren.alarms().active());
        assertNull(publisherEvents.next(QUIET_MILLIS), "blocked while the disk alarm lasts");
        try (Channel admin = connect(null).createChannel()) {
            assertEquals(0, admin.queueDeclarePassive(queue).getMessageCount());
        }

        limits.restore(warren, Shortage.DISK);

        assertEquals(BlockedEvents.UNBLOCKED, publisherEvents.next(WAIT_MILLIS));
        try (Channel admin = connect(null).createChannel()) {
            GetResponse held = awaitMessage(admin);
            assertEquals("held", body(held.getBody()));
        }
        assertEquals(List.of(BlockedEvents.blocked("low on memory"), BlockedEvents.UNBLOCKED), publisherEvents.all());
    }

    @Test
    void aBlockedConnectionIsNotClosedForHeartbeatsItsBrokerStoppedReading() throws Exception {
        ConnectionFactory factory = broker.factory();
        factory.setRequestedHeartbeat(1);
        Connection connection = factory.newConnection();
        connections.add(connection);
        BlockedEvents events = new BlockedEvents();
        connection.addBlockedListener(events);
        Channel publisher = connection.createChannel();
        Shortage.MEMORY.raise(warren.resourceMonitors());
        publish(publisher, "held");
        assertEquals(BlockedEvents.blocked("low on memory"), events.next(WAIT_MILLIS));

        // Two heartbeat intervals and more without reading anything from the client.
        Thread.sleep(2_500);
        limits.restore(warren, Shortage.MEMORY);

        assertEquals(BlockedEvents.UNBLOCKED, events.next(WAIT_MILLIS));
        assertTrue(connection.isOpen());
        assertEquals(1, publisher.queueDeclarePassive(queue).getMessageCount());
    }

    @Test
    void connectionStatesShowBlockingDuringAnAlarmAndBlockedOnceHeld() throws Exception {
        Connection publishing = named("flow-state-publisher");
        Connection consuming = named("flow-state-consumer");
        Channel publisher = publishing.createChannel();
        Shortage.MEMORY.raise(warren.resourceMonitors());

        assertStateBecomes(publishing, "blocking");
        assertStateBecomes(consuming, "blocking");
        publish(publisher, "held");
        assertStateBecomes(publishing, "blocked");
        assertEquals("blocking", state(consuming));

        limits.restore(warren, Shortage.MEMORY);
        assertStateBecomes(publishing, "running");
        assertStateBecomes(consuming, "running");
    }

    private void assertStateBecomes(Connection c, String expected) throws InterruptedException {
        Eventually.assertEventually("connection state " + expected, () -> expected.equals(state(c)));
    }

    /** The state the management API shows for a client connection, found by its name. */
    private String state(Connection c) {
        return warren.statistics().connections().stream()
                .filter(info -> c.getClientProvidedName()
                        .equals(JsonOutput.tree(info.clientProperties().get("connection_name")).asText()))
                .map(ConnectionInfo::state)
                .findFirst().orElseThrow();
    }

    private Connection named(String name) throws Exception {
        Connection c = broker.factory().newConnection(name);
        connections.add(c);
        return c;
    }

    private Connection connect(BlockedEvents events) {
        Connection c = broker.connect();
        connections.add(c);
        if (events != null) {
            c.addBlockedListener(events);
        }
        return c;
    }

    private void publish(Channel channel, String body) throws Exception {
        channel.basicPublish("", queue, null, body.getBytes(StandardCharsets.UTF_8));
    }

    private BlockingQueue<String> consume(Channel channel) throws Exception {
        BlockingQueue<String> bodies = new LinkedBlockingQueue<>();
        channel.basicConsume(queue, true, (tag, delivery) -> bodies.add(body(delivery.getBody())), tag -> { });
        return bodies;
    }

    private GetResponse awaitMessage(Channel channel) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MILLIS);
        GetResponse r;
        while ((r = channel.basicGet(queue, true)) == null && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertNotNull(r, "no message within " + WAIT_MILLIS + " ms");
        return r;
    }

    private static String body(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
