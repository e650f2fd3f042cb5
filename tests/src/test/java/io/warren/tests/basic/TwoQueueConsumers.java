package io.warren.tests.basic;

import com.rabbitmq.client.Channel;

import java.io.IOException;

/**
 * Two queues of five numbered messages each, consumed with manual acks on one channel by a
 * recorder each: how the per-consumer and channel-wide prefetch limits combine shows in how many
 * each recorder gets and in the queues' ready counts.
 */
record TwoQueueConsumers(String first, String second, DeliveryRecorder a, DeliveryRecorder b) {
    static final int MESSAGES = 5;

    /** Declares and fills the queues, then consumes from them on {@code channel}, whose basic.qos the test has set. */
    static TwoQueueConsumers start(ClientFixture fixture, Channel channel, String purpose) throws IOException {
        String first = fixture.queue(purpose + "-a");
        String second = fixture.queue(purpose + "-b");
        fixture.publishNumbered(first, MESSAGES);
        fixture.publishNumbered(second, MESSAGES);
        DeliveryRecorder a = new DeliveryRecorder(channel);
        DeliveryRecorder b = new DeliveryRecorder(channel);
        channel.basicConsume(first, false, a);
        channel.basicConsume(second, false, b);
        return new TwoQueueConsumers(first, second, a, b);
    }
}
