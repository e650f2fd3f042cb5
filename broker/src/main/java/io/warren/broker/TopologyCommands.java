package io.warren.broker;

import io.warren.amqp.method.ExchangeBind;
import io.warren.amqp.method.ExchangeBindOk;
import io.warren.amqp.method.ExchangeDeclare;
import io.warren.amqp.method.ExchangeDeclareOk;
import io.warren.amqp.method.ExchangeDelete;
import io.warren.amqp.method.ExchangeDeleteOk;
import io.warren.amqp.method.ExchangeUnbind;
import io.warren.amqp.method.ExchangeUnbindOk;
import io.warren.amqp.method.QueueBind;
import io.warren.amqp.method.QueueBindOk;
import io.warren.amqp.method.QueueDeclare;
import io.warren.amqp.method.QueueDeclareOk;
import io.warren.amqp.method.QueueDelete;
import io.warren.amqp.method.QueueDeleteOk;
import io.warren.amqp.method.QueuePurge;
import io.warren.amqp.method.QueuePurgeOk;
import io.warren.amqp.method.QueueUnbind;
import io.warren.amqp.method.QueueUnbindOk;
import io.warren.broker.access.ResourceKind;
import io.warren.broker.access.UserAccess;
import io.warren.broker.limits.LimitGate;
import io.warren.broker.queuetype.QueueTypes;
import io.warren.exchange.ArgumentValidation;
import io.warren.exchange.Binding;
import io.warren.exchange.DestinationKind;
import io.warren.exchange.Exchange;
import io.warren.exchange.ExchangeRegistry;
import io.warren.exchange.ExchangeType;
import io.warren.exchange.UnknownExchangeException;
import io.warren.queue.MessageQueue;
import io.warren.queue.QueueDefinition;

import java.util.Map;

/**
 * exchange.* and queue.* methods of one channel: validation with RabbitMQ's reply codes and
 * texts, then the change on the vhost. Runs on the channel's event loop.
 */
final class TopologyCommands {
    private static final int MAX_NAME_LENGTH = 255;

    private final AmqpChannel channel;
    private String lastDeclaredQueue;

    TopologyCommands(AmqpChannel channel) {
        this.channel = channel;
    }

    private VirtualHost vhost() {
        return channel.vhost();
    }

    private UserAccess access() {
        return channel.connection().access();
    }

    private ExchangeRegistry exchanges() {
        return vhost().exchanges();
    }

    // ---- exchanges ----

    void exchangeDeclare(ExchangeDeclare m) {
        String name = Names.stripCrLf(m.exchange());
        if (m.passive()) {
            // A passive declare names no type worth checking, as in RabbitMQ.
            checkNotDefault(name);
            if (exchanges().lookup(name) == null) {
                throw noExchange(name);
            }
            reply(m.nowait(), new ExchangeDeclareOk());
            return;
        }
        ExchangeType type = ExchangeType.fromWireName(m.type());
        if (type == null) {
            // Checked first, even before the default exchange's name, as rabbit_exchange:check_type
            // is. RabbitMQ 3.13.3 and later close only the channel (rabbitmq-server #11214);
            // 3.13.0-3.13.2 and older closed the connection with 503 COMMAND_INVALID.
            throw ChannelException.preconditionFailed("unknown exchange type '" + m.type() + "'");
        }
        checkNotDefault(name);
        access().configure(ResourceKind.EXCHANGE, name);
        Exchange existing = exchanges().lookup(name);
        if (existing == null && name.startsWith("amq.")) {
            throw ChannelException.accessRefused("exchange name '" + name + "' contains reserved prefix 'amq.*'");
        }
        if (existing != null) {
            String error = existing.equivalenceError(vhost().name(), type, m.durable(), m.autoDelete(), m.internal(),
                    m.arguments());
            if (error != null) {
                throw ChannelException.preconditionFailed(error);
            }
        } else {
            access().alternateExchange(name, m.arguments());
            String error = ArgumentValidation.validateExchangeArguments(vhost().name(), name, m.arguments());
            if (error != null) {
                throw ChannelException.preconditionFailed(error);
            }
            vhost().declareExchange(name, type, m.durable(), m.autoDelete(), m.internal(), m.arguments());
        }
        replyWhenDurable(m.durable(), m.nowait(), new ExchangeDeclareOk());
    }

    void exchangeDelete(ExchangeDelete m) {
        String name = Names.stripCrLf(m.exchange());
        checkNotDefaultOrReserved(name);
        access().configure(ResourceKind.EXCHANGE, name);
        Exchange x = exchanges().lookup(name);
        if (x != null) {
            if (m.ifUnused() && exchanges().hasBindings(name)) {
                throw ChannelException.preconditionFailed("exchange '" + name + "' in vhost '" + vhost().name() + "' in use");
            }
            vhost().deleteExchange(name);
        }
        replyWhenDurable(x != null && x.durable(), m.nowait(), new ExchangeDeleteOk());
    }

    void exchangeBind(ExchangeBind m) {
        String source = Names.stripCrLf(m.source());
        String destination = Names.stripCrLf(m.destination());
        access().binding(ResourceKind.EXCHANGE, destination, exchanges().lookup(source), source, m.routingKey());
        bind(exchangeBinding(source, destination, m.routingKey(), m.arguments()));
        replyWhenDurable(true, m.nowait(), new ExchangeBindOk());
    }

    /** Unbinding what does not exist, even from or to a missing exchange, succeeds in RabbitMQ 3.x. */
    void exchangeUnbind(ExchangeUnbind m) {
        String source = Names.stripCrLf(m.source());
        String destination = Names.stripCrLf(m.destination());
        access().binding(ResourceKind.EXCHANGE, destination, exchanges().lookup(source), source, m.routingKey());
        if (source.isEmpty() || destination.isEmpty()) {
            throw ChannelException.accessRefused("operation not permitted on the default exchange");
        }
        vhost().unbind(new Binding(source, DestinationKind.EXCHANGE, destination, m.routingKey(), m.arguments()));
        replyWhenDurable(true, m.nowait(), new ExchangeUnbindOk());
    }

    private Binding exchangeBinding(String source, String destination, String key, Map<String, Object> args) {
        if (source.isEmpty() || destination.isEmpty()) {
            throw ChannelException.accessRefused("operation not permitted on the default exchange");
        }
        Exchange src = existingExchange(source);
        existingExchange(destination);
        validateBindingArguments(src, args);
        return new Binding(source, DestinationKind.EXCHANGE, destination, key, args);
    }

    private void bind(Binding b) {
        try {
            vhost().bind(b);
        } catch (UnknownExchangeException e) {
            // Deleted by another connection since we looked it up.
            throw noExchange(e.exchangeName());
        }
    }

    private static void checkNotDefault(String name) {
        if (name.isEmpty()) {
            throw ChannelException.accessRefused("operation not permitted on the default exchange");
        }
    }

    private void checkNotDefaultOrReserved(String name) {
        checkNotDefault(name);
        if (name.startsWith("amq.")) {
            throw ChannelException.accessRefused("deletion of system exchange '" + name + "' in vhost '"
                    + vhost().name() + "' not allowed");
        }
    }

    private Exchange existingExchange(String name) {
        Exchange e = exchanges().lookup(name);
        if (e == null) {
            throw noExchange(name);
        }
        return e;
    }

    private static void validateBindingArguments(Exchange source, Map<String, Object> args) {
        String error = ArgumentValidation.validateBindingArguments(source.type(), args);
        if (error != null) {
            throw ChannelException.preconditionFailed(error);
        }
    }

    ChannelException noExchange(String name) {
        return ChannelException.notFound("no exchange '" + name + "' in vhost '" + vhost().name() + "'");
    }

    // ---- queues ----

    void queueDeclare(QueueDeclare m) {
        if (m.queue().startsWith(DirectReplyTo.QUEUE)) {
            directReplyToDeclare(m);
            return;
        }
        String name = Names.stripCrLf(m.queue());
        boolean serverNamed = name.isEmpty();
        if (serverNamed) {
            name = Names.queueName();
        }
        MessageQueue existing = vhost().queue(name);
        lastDeclaredQueue = name;
        if (existing == null && vhost().unavailableQueue(name) != null) {
            // RabbitMQ's answer for a durable queue that exists but is not running, passive or not.
            throw noQueue(name);
        }
        if (m.passive()) {
            if (existing == null) {
                throw noQueue(name);
            }
            checkExclusiveAccess(existing);
            replyDeclareOk(existing, m.nowait());
            return;
        }
        if (!serverNamed && name.startsWith("amq.")) {
            throw ChannelException.accessRefused("queue name '" + name + "' contains reserved prefix 'amq.*'");
        }
        access().configure(ResourceKind.QUEUE, name);
        if (name.length() > MAX_NAME_LENGTH) {
            throw ChannelException.preconditionFailed("queue name too long");
        }
        vhost().queueDeclared();
        if (existing != null) {
            checkExclusiveAccess(existing);
            checkEquivalent(existing.definition(), m);
            replyDeclareOk(existing, m.nowait());
            return;
        }
        AmqpConnection conn = channel.connection();
        LimitGate limits = conn.broker().limits();
        limits.checkQueueLimit(vhost(), name);
        access().deadLetterExchange(name, m.arguments());
        QueueArguments.validate(name, vhost().name(), m.arguments());
        QueueTypes.of(m.arguments()).checkDeclare(name, vhost().name(), m.durable(), m.exclusive(), m.autoDelete(),
                m.arguments());
        QueueDefinition def = new QueueDefinition(vhost().name(), name, m.durable(), m.exclusive(), m.autoDelete(),
                m.arguments(), m.exclusive() ? conn : null);
        MessageQueue q = limits.declareQueue(vhost(), def, conn.executor());
        if (q.definition() != def) {
            // Another connection declared it between our lookup and now: same checks as above.
            checkExclusiveAccess(q);
            checkEquivalent(q.definition(), m);
            replyDeclareOk(q, m.nowait());
            return;
        }
        if (m.exclusive()) {
            conn.ownExclusive(q);
        }
        replyWhenDurable(VirtualHost.survivesRestart(def), m.nowait(), new QueueDeclareOk(name, 0, 0));
    }

    /**
     * Every declare of a name that starts with {@code amq.rabbitmq.reply-to} is passive, whatever
     * its flags, as in RabbitMQ: the pseudo-queue itself and the address of a channel consuming
     * replies exist, with no messages and one consumer; any other such name is not found.
     */
    private void directReplyToDeclare(QueueDeclare m) {
        String name = Names.stripCrLf(m.queue());
        if (!channel.connection().broker().directReplyTo().exists(name)) {
            throw noQueue(name);
        }
        lastDeclaredQueue = name;
        reply(m.nowait(), new QueueDeclareOk(name, 0, 1));
    }

    private void checkEquivalent(QueueDefinition d, QueueDeclare m) {
        String v = vhost().name();
        if (m.exclusive() != d.exclusive()) {
            // RabbitMQ reports a changed exclusive flag as a lock, not as an inequivalent arg.
            throw exclusivelyLocked(d.name());
        }
        ArgumentEquivalence.checkFlag("queue", d.name(), v, "durable", m.durable(), d.durable());
        ArgumentEquivalence.checkFlag("queue", d.name(), v, "auto_delete", m.autoDelete(), d.autoDelete());
        ArgumentEquivalence.check("queue", d.name(), v, m.arguments(), d.arguments(), ArgumentEquivalence.QUEUE_KEYS);
    }

    private void replyDeclareOk(MessageQueue q, boolean nowait) {
        // Declaring a queue again is a use of it: its x-expires period starts over.
        q.touch();
        if (nowait) {
            return;
        }
        channel.callQueue(q, mq -> new long[] {mq.messageCount(), mq.consumerCount()},
                counts -> channel.send(new QueueDeclareOk(q.name(), counts[0], counts[1])));
    }

    void queueBind(QueueBind m) {
        String queue = Names.stripCrLf(resolveQueueName(m.queue()));
        String key = resolveRoutingKey(m.queue(), m.routingKey());
        String exchange = Names.stripCrLf(m.exchange());
        access().binding(ResourceKind.QUEUE, queue, exchanges().lookup(exchange), exchange, key);
        MessageQueue q = existingQueue(queue);
        Exchange x = bindableExchange(exchange);
        validateBindingArguments(x, m.arguments());
        bind(new Binding(x.name(), DestinationKind.QUEUE, q.name(), key, m.arguments()));
        replyWhenDurable(VirtualHost.survivesRestart(q.definition()), m.nowait(), new QueueBindOk());
    }

    /** Unbinding what does not exist, even a missing queue or exchange, succeeds in RabbitMQ 3.x. */
    void queueUnbind(QueueUnbind m) {
        String queue = Names.stripCrLf(resolveQueueName(m.queue()));
        String key = resolveRoutingKey(m.queue(), m.routingKey());
        String exchange = Names.stripCrLf(m.exchange());
        access().binding(ResourceKind.QUEUE, queue, exchanges().lookup(exchange), exchange, key);
        MessageQueue q = vhost().queue(queue);
        if (q != null) {
            checkExclusiveAccess(q);
        }
        if (exchange.isEmpty()) {
            throw ChannelException.accessRefused("operation not permitted on the default exchange");
        }
        vhost().unbind(new Binding(exchange, DestinationKind.QUEUE, queue, key, m.arguments()));
        replyWhenDurable(q != null && VirtualHost.survivesRestart(q.definition()), false, new QueueUnbindOk());
    }

    private Exchange bindableExchange(String name) {
        if (name.isEmpty()) {
            throw ChannelException.accessRefused("operation not permitted on the default exchange");
        }
        return existingExchange(name);
    }

    void queuePurge(QueuePurge m) {
        MessageQueue q = readableQueue(m.queue());
        channel.callQueue(q, MessageQueue::purge, n -> reply(m.nowait(), new QueuePurgeOk(n)));
    }

    void queueDelete(QueueDelete m) {
        String name = Names.stripCrLf(resolveQueueName(m.queue()));
        access().configure(ResourceKind.QUEUE, name);
        MessageQueue q = vhost().queue(name);
        if (q == null) {
            // A queue whose files could not be read is deleted as RabbitMQ deletes a crashed one.
            boolean durable = vhost().deleteUnavailable(name);
            replyWhenDurable(durable, m.nowait(), new QueueDeleteOk(0));
            return;
        }
        checkExclusiveAccess(q);
        channel.callQueue(q, mq -> {
            if (m.ifUnused() && mq.consumerCount() > 0) {
                return -1;
            }
            if (m.ifEmpty() && mq.messageCount() > 0) {
                return -2;
            }
            int n = mq.messageCount();
            vhost().deleteQueue(mq);
            return n;
        }, n -> {
            if (n == -1) {
                throw ChannelException.preconditionFailed(q + " in use");
            }
            if (n == -2) {
                throw ChannelException.preconditionFailed(q + " not empty");
            }
            if (q.definition().exclusive()) {
                channel.connection().disownExclusive(q);
            }
            replyWhenDurable(VirtualHost.survivesRestart(q.definition()), m.nowait(), new QueueDeleteOk(n));
        });
    }

    /** An empty queue name means the last queue this channel declared, in AMQP 0-9-1. */
    String resolveQueueName(String name) {
        if (!name.isEmpty()) {
            return name;
        }
        if (lastDeclaredQueue == null) {
            throw ChannelException.notFound("no previously declared queue");
        }
        return lastDeclaredQueue;
    }

    /**
     * The routing key of a queue.bind or queue.unbind: when both the queue and the key are empty,
     * the name of the last queue this channel declared, as RabbitMQ expands it
     * ({@code rabbit_channel:expand_routing_key_shortcut/3}).
     */
    private String resolveRoutingKey(String queue, String routingKey) {
        if (!queue.isEmpty() || !routingKey.isEmpty()) {
            return routingKey;
        }
        return resolveQueueName(queue);
    }

    /** The queue a purge, consume or get reads from: read access is checked before it is looked up. */
    MessageQueue readableQueue(String name) {
        String resolved = resolveQueueName(name);
        access().read(ResourceKind.QUEUE, resolved);
        return existingQueue(resolved);
    }

    MessageQueue existingQueue(String name) {
        MessageQueue q = vhost().queue(name);
        if (q == null) {
            throw noQueue(name);
        }
        checkExclusiveAccess(q);
        return q;
    }

    void checkExclusiveAccess(MessageQueue q) {
        Object owner = q.definition().exclusiveOwner();
        if (owner != null && owner != channel.connection()) {
            throw exclusivelyLocked(q.name());
        }
    }

    private ChannelException exclusivelyLocked(String queue) {
        return ChannelException.resourceLocked("cannot obtain exclusive access to locked queue '" + queue
                + "' in vhost '" + vhost().name() + "'. It could be originally declared on another connection"
                + " or the exclusive property value does not match that of the original declaration.");
    }

    ChannelException noQueue(String name) {
        UnavailableQueue unavailable = vhost().unavailableQueue(name);
        if (unavailable != null) {
            return unavailable.notFound();
        }
        return ChannelException.notFound("no queue '" + name + "' in vhost '" + vhost().name() + "'");
    }

    /**
     * Replies once a change to something durable is on disk, because the reply is the promise
     * that it survives a crash; other replies go out at once.
     */
    private void replyWhenDurable(boolean durable, boolean nowait, io.warren.amqp.AmqpMethod ok) {
        if (durable && vhost().isJournaled()) {
            channel.afterJournal(() -> reply(nowait, ok));
        } else {
            reply(nowait, ok);
        }
    }

    private void reply(boolean nowait, io.warren.amqp.AmqpMethod ok) {
        if (!nowait) {
            channel.send(ok);
        }
    }
}
