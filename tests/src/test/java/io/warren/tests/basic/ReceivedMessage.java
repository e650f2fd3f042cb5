package io.warren.tests.basic;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.GetResponse;

import java.nio.charset.StandardCharsets;

/**
 * One message as the client received it, by basic.deliver (with the consumer tag) or by
 * basic.get-ok (consumer tag null).
 */
record ReceivedMessage(String consumerTag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {

    static ReceivedMessage of(GetResponse response) {
        return new ReceivedMessage(null, response.getEnvelope(), response.getProps(), response.getBody());
    }

    /** The body as UTF-8 text. */
    String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    long deliveryTag() {
        return envelope.getDeliveryTag();
    }

    boolean redelivered() {
        return envelope.isRedeliver();
    }
}
