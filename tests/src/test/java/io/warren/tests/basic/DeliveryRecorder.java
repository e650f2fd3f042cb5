package io.warren.tests.basic;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A push consumer that keeps everything the broker sends it (deliveries, consume-ok, cancel-ok
 * and a broker-sent cancel) for the test thread to take, waiting for each up to ten seconds.
 *
 * <p>One recorder may be registered for several consumes; each delivery keeps its consumer tag,
 * and {@link #consumeOkTag()} answers for the first. It never acks: the test decides what to do
 * with each delivery. The client library calls the {@code handle*} methods on its consumer
 * dispatch thread; the test thread calls the rest.
 */
final class DeliveryRecorder extends DefaultConsumer {
    private static final long WAIT_SECONDS = 10;

    private final BlockingQueue<ReceivedMessage> deliveries = new LinkedBlockingQueue<>();
    private final CompletableFuture<String> consumeOk = new CompletableFuture<>();
    private final CompletableFuture<String> cancelOk = new CompletableFuture<>();
    private final CompletableFuture<String> cancelledByBroker = new CompletableFuture<>();

    DeliveryRecorder(Channel channel) {
        super(channel);
    }

    @Override
    public void handleConsumeOk(String consumerTag) {
        super.handleConsumeOk(consumerTag);
        consumeOk.complete(consumerTag);
    }

    @Override
    public void handleCancelOk(String consumerTag) {
        cancelOk.complete(consumerTag);
    }

    @Override
    public void handleCancel(String consumerTag) {
        cancelledByBroker.complete(consumerTag);
    }

    @Override
    public void handleDelivery(String consumerTag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
        deliveries.add(new ReceivedMessage(consumerTag, envelope, properties, body));
    }

    /** The next delivery, waiting for it to arrive. */
    ReceivedMessage next() {
        try {
            ReceivedMessage delivery = deliveries.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            if (delivery == null) {
                throw new AssertionError("no delivery within " + WAIT_SECONDS + "s");
            }
            return delivery;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for a delivery", e);
        }
    }

    /** The next {@code count} deliveries, in arrival order. */
    List<ReceivedMessage> next(int count) {
        List<ReceivedMessage> taken = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            taken.add(next());
        }
        return taken;
    }

    /** The bodies of the next {@code count} deliveries, as UTF-8 text. */
    List<String> nextBodies(int count) {
        return next(count).stream().map(ReceivedMessage::text).toList();
    }

    /** How many deliveries have arrived that the test has not taken yet. */
    int waiting() {
        return deliveries.size();
    }

    /** The tag in the broker's consume-ok. */
    String consumeOkTag() {
        return await(consumeOk, "basic.consume-ok");
    }

    /** The tag in the broker's cancel-ok, after the client cancelled. */
    String cancelOkTag() {
        return await(cancelOk, "basic.cancel-ok");
    }

    /** The tag in a basic.cancel the broker sent on its own, such as when the queue was deleted. */
    String brokerCancelTag() {
        return await(cancelledByBroker, "basic.cancel from the broker");
    }

    private static String await(CompletableFuture<String> future, String what) {
        try {
            return future.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("no " + what + " within " + WAIT_SECONDS + "s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for " + what, e);
        } catch (ExecutionException e) {
            throw new AssertionError(e.getCause());
        }
    }
}
