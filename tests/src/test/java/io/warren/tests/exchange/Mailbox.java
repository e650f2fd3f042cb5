package io.warren.tests.exchange;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Publishes messages and reads back what reached a queue. Publish and basic.get go over the same
 * channel, and a broker handles one channel's methods in order, so a get sees every message
 * routed by an earlier publish.
 */
final class Mailbox {
    private Mailbox() {
    }

    /** Declares a server-named exclusive queue and binds it to {@code exchange}. */
    static String boundQueue(Channel channel, String exchange, String bindingKey, Map<String, Object> arguments)
            throws IOException {
        String queue = channel.queueDeclare().getQueue();
        channel.queueBind(queue, exchange, bindingKey, arguments);
        return queue;
    }

    static String boundQueue(Channel channel, String exchange, String bindingKey) throws IOException {
        return boundQueue(channel, exchange, bindingKey, null);
    }

    static void publish(Channel channel, String exchange, String routingKey, String body) throws IOException {
        publish(channel, exchange, routingKey, null, body);
    }

    static void publish(Channel channel, String exchange, String routingKey, Map<String, Object> headers, String body)
            throws IOException {
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder().headers(headers).build();
        channel.basicPublish(exchange, routingKey, properties, body.getBytes(StandardCharsets.UTF_8));
    }

    /** Takes every ready message off {@code queue} and returns their bodies in order. */
    static List<String> drain(Channel channel, String queue) throws IOException {
        List<String> bodies = new ArrayList<>();
        GetResponse response;
        while ((response = channel.basicGet(queue, true)) != null) {
            bodies.add(new String(response.getBody(), StandardCharsets.UTF_8));
        }
        return bodies;
    }
}
