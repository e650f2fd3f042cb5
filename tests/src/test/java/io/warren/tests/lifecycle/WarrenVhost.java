package io.warren.tests.lifecycle;

import io.warren.broker.VirtualHost;
import io.warren.dlx.policy.ApplyTo;
import io.warren.dlx.policy.Policy;
import io.warren.queue.MessageQueue;
import io.warren.tests.support.TestBroker;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * The embedded Warren's vhost "/", for what the AMQP client cannot see or do: a queue's dead
 * letters in flight, and policies. Constructing one skips the test (an assumption) when the tests
 * run against an external broker. Policies it sets are removed again by {@link #close()}.
 */
final class WarrenVhost implements AutoCloseable {
    private final VirtualHost vhost;
    private final List<String[]> policies = new ArrayList<>();

    WarrenVhost(TestBroker broker) {
        assumeFalse(broker.isExternal(), "Warren-only: needs the embedded broker's internals");
        this.vhost = broker.server().broker().vhosts().get("/");
    }

    /** Dead letters the queue still holds because no target has taken them yet; read on its owner thread. */
    int deadLettering(String queue) throws ExecutionException, InterruptedException {
        MessageQueue q = vhost.queue(queue);
        assertNotNull(q, "no queue " + queue);
        return q.owner().submit(q::deadLetteringCount).get();
    }

    /** Whether the vhost has the queue, asked without touching it (a passive declare counts as a use). */
    boolean hasQueue(String queue) {
        return vhost.queue(queue) != null;
    }

    /** Sets a user policy matching exactly {@code queue}; returns once the queue applies it. */
    void policy(String queue, int priority, Map<String, Object> definition) {
        put(queue, priority, definition, false);
    }

    /** Sets an operator policy matching exactly {@code queue}; returns once the queue applies it. */
    void operatorPolicy(String queue, Map<String, Object> definition) {
        put(queue, 0, definition, true);
    }

    private void put(String queue, int priority, Map<String, Object> definition, boolean operator) {
        String name = queue + (operator ? ".op" : ".p") + priority;
        vhost.policies().put(new Policy("/", name, "^" + Pattern.quote(queue) + "$", ApplyTo.QUEUES, priority,
                definition), operator);
        policies.add(new String[] {name, String.valueOf(operator)});
        apply();
    }

    /** Removes every policy set here and applies the change. */
    void clearPolicies() {
        for (String[] p : policies) {
            vhost.policies().remove(p[0], Boolean.parseBoolean(p[1]));
        }
        policies.clear();
        apply();
    }

    /**
     * Applies the policies and waits until every queue has taken its new settings. Queues take
     * them on their owner threads, as RabbitMQ's queue processes do, so without the wait a publish
     * right after a policy change could still meet the old settings.
     */
    private void apply() {
        vhost.applyPolicies();
        for (MessageQueue q : vhost.queues()) {
            q.owner().submit(() -> { }).syncUninterruptibly();
        }
    }

    @Override
    public void close() {
        clearPolicies();
    }
}
