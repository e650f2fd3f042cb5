package io.warren.bench.run;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.ShutdownSignalException;

import java.io.IOException;

/**
 * A consumer that counts each delivery, records its latency from the body's stamp and, in
 * manual-ack mode, acks it alone ({@code multiple=false}). Called on the connection's consumer
 * work pool, one delivery at a time per channel.
 */
final class DeliveryRecorder extends DefaultConsumer {
    private final boolean manualAck;
    private final TrafficCounters counters;
    private final LatencyRecorder latency;
    private final RunControl control;

    DeliveryRecorder(Channel channel, boolean manualAck, TrafficCounters counters, LatencyRecorder latency,
                     RunControl control) {
        super(channel);
        this.manualAck = manualAck;
        this.counters = counters;
        this.latency = latency;
        this.control = control;
    }

    @Override
    public void handleDelivery(String consumerTag, Envelope envelope, AMQP.BasicProperties properties, byte[] body)
            throws IOException {
        long now = System.nanoTime();
        latency.record(BodyStamp.publishNanos(body), now);
        counters.recordReceived();
        if (manualAck) {
            getChannel().basicAck(envelope.getDeliveryTag(), false);
        }
    }

    @Override
    public void handleCancel(String consumerTag) {
        control.fail("consumer " + consumerTag + " was cancelled by the broker");
    }

    @Override
    public void handleShutdownSignal(String consumerTag, ShutdownSignalException signal) {
        if (!signal.isInitiatedByApplication()) {
            control.fail("consumer " + consumerTag, signal);
        }
    }
}
