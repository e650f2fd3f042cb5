package io.warren.tests.connection;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.warren.tests.support.TestBroker;

import java.util.ArrayList;
import java.util.List;

/**
 * Remembers the queues and exchanges a test creates and deletes them afterwards, so that durable or
 * long-lived objects do not pile up on a shared broker. Deleting what is already gone is harmless:
 * both deletes are idempotent in RabbitMQ 3.x.
 *
 * <p>Used from the test thread only.
 */
public final class Topology {
    private final TestBroker broker;
    private final List<String> queues = new ArrayList<>();
    private final List<String> exchanges = new ArrayList<>();

    public Topology(TestBroker broker) {
        this.broker = broker;
    }

    /** A unique queue name that will be deleted after the test. */
    public String queue(String prefix) {
        String name = Names.unique(prefix);
        queues.add(name);
        return name;
    }

    /** A unique exchange name that will be deleted after the test. */
    public String exchange(String prefix) {
        String name = Names.unique(prefix);
        exchanges.add(name);
        return name;
    }

    /** Deletes everything handed out so far, over a connection of its own. */
    public void deleteAll() throws Exception {
        if (queues.isEmpty() && exchanges.isEmpty()) {
            return;
        }
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            for (String queue : queues) {
                channel.queueDelete(queue);
            }
            for (String exchange : exchanges) {
                channel.exchangeDelete(exchange);
            }
        }
        queues.clear();
        exchanges.clear();
    }
}
