package io.warren.junit5;

import com.rabbitmq.client.ConnectionFactory;

/**
 * Everything that touches the RabbitMQ Java client, which is optional: this class is loaded only
 * when a test asks for a connection factory, so tests using another client never need the jar.
 */
final class ConnectionFactories {
    static final String CLASS_NAME = "com.rabbitmq.client.ConnectionFactory";

    private ConnectionFactories() {}

    static ConnectionFactory forNode(EmbeddedWarren warren) {
        ConnectionFactory f = new ConnectionFactory();
        f.setHost(warren.host());
        f.setPort(warren.amqpPort());
        f.setUsername(warren.adminUsername());
        f.setPassword(warren.adminPassword());
        f.setVirtualHost(warren.server().config().defaultVhost());
        return f;
    }
}
