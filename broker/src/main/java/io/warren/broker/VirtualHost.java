package io.warren.broker;

import io.netty.util.concurrent.EventExecutor;
import io.warren.exchange.DestinationKind;
import io.warren.exchange.ExchangeRegistry;
import io.warren.queue.MessageQueue;
import io.warren.queue.QueueDefinition;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A virtual host: its exchanges (with bindings) and its queues. Thread-safe: any connection's
 * event loop may look up, create and delete; each queue's own state is changed only on its
 * owner thread.
 */
public final class VirtualHost {
    private final String name;
    private final ExchangeRegistry exchanges = ExchangeRegistry.withStandardExchanges();
    private final Map<String, MessageQueue> queues = new ConcurrentHashMap<>();

    public VirtualHost(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    public ExchangeRegistry exchanges() {
        return exchanges;
    }

    public MessageQueue queue(String queueName) {
        return queues.get(queueName);
    }

    public Collection<MessageQueue> queues() {
        return queues.values();
    }

    /**
     * Creates the queue unless one of that name exists, and returns whichever is registered.
     * A new queue is owned by {@code owner}, the event loop of the declaring connection, on the
     * bet that its publisher or consumer lives there too and most hand-offs stay on one thread.
     */
    public MessageQueue declareQueue(QueueDefinition definition, EventExecutor owner) {
        return queues.computeIfAbsent(definition.name(), n -> newQueue(definition, owner));
    }

    private MessageQueue newQueue(QueueDefinition definition, EventExecutor owner) {
        MessageQueue[] self = new MessageQueue[1];
        self[0] = new MessageQueue(definition, owner, () -> deleteQueue(self[0]));
        return self[0];
    }

    /**
     * Unregisters a queue and its bindings at once (so nothing routes to it any more) and then
     * deletes it on its owner thread, where its consumers are cancelled.
     */
    public void deleteQueue(MessageQueue queue) {
        if (queue != null && queues.remove(queue.name(), queue)) {
            exchanges.removeBindingsTo(DestinationKind.QUEUE, queue.name());
            if (queue.owner().inEventLoop()) {
                queue.delete();
            } else {
                queue.owner().execute(queue::delete);
            }
        }
    }
}
