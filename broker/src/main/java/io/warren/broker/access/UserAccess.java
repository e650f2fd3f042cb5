package io.warren.broker.access;

import io.warren.amqp.types.LongStr;
import io.warren.broker.ChannelException;
import io.warren.exchange.Exchange;
import io.warren.exchange.ExchangeType;

import java.util.Map;

/**
 * The permission checks of one connection: its user in its vhost. Each check throws RabbitMQ
 * 3.10's channel error, 403 ACCESS_REFUSED with its exact text, or returns. Nothing is cached,
 * so a permission change applies to the very next operation. Called on the connection's event loop.
 */
public final class UserAccess {
    private static final String DEFAULT_EXCHANGE = "amq.default";

    private final Permissions permissions;
    private final String user;
    private final String vhost;

    UserAccess(Permissions permissions, String user, String vhost) {
        this.permissions = permissions;
        this.user = user;
        this.vhost = vhost;
    }

    public void configure(ResourceKind kind, String name) {
        check(Access.CONFIGURE, kind, name);
    }

    public void write(ResourceKind kind, String name) {
        check(Access.WRITE, kind, name);
    }

    public void read(ResourceKind kind, String name) {
        check(Access.READ, kind, name);
    }

    /**
     * The checks of a queue.bind, queue.unbind, exchange.bind or exchange.unbind, in RabbitMQ's
     * order: write on the destination, neither end the default exchange, read on the source, and
     * the binding key against the topic permission when the source is a topic exchange.
     *
     * @param sourceExchange the source if it exists, else null
     */
    public void binding(ResourceKind destinationKind, String destination, Exchange sourceExchange, String source,
                        String bindingKey) {
        write(destinationKind, destination);
        if (source.isEmpty() || destinationKind == ResourceKind.EXCHANGE && destination.isEmpty()) {
            throw ChannelException.accessRefused("operation not permitted on the default exchange");
        }
        read(ResourceKind.EXCHANGE, source);
        topicRead(sourceExchange, bindingKey);
    }

    /**
     * A new queue that dead-letters somewhere: RabbitMQ asks for read on the queue and write on
     * its dead-letter exchange when the queue is declared, not when a message dies.
     */
    public void deadLetterExchange(String queue, Map<String, Object> arguments) {
        String dlx = stringArgument(arguments, "x-dead-letter-exchange");
        if (dlx != null) {
            read(ResourceKind.QUEUE, queue);
            write(ResourceKind.EXCHANGE, dlx);
        }
    }

    /** A new exchange with an alternate exchange: read on the exchange, write on the alternate. */
    public void alternateExchange(String exchange, Map<String, Object> arguments) {
        String ae = stringArgument(arguments, "alternate-exchange");
        if (ae != null) {
            read(ResourceKind.EXCHANGE, exchange);
            write(ResourceKind.EXCHANGE, ae);
        }
    }

    /** A string-valued argument; other types are left to argument validation to refuse. */
    private static String stringArgument(Map<String, Object> arguments, String key) {
        Object v = arguments == null ? null : arguments.get(key);
        return v instanceof LongStr || v instanceof String ? v.toString() : null;
    }

    /** A publish's routing key against the write regex of the user's topic permission on a topic exchange. */
    public void topicWrite(Exchange exchange, String routingKey) {
        checkTopic(Access.WRITE, exchange, routingKey);
    }

    /** A binding key against the read regex of the user's topic permission on a topic exchange. */
    public void topicRead(Exchange exchange, String bindingKey) {
        checkTopic(Access.READ, exchange, bindingKey);
    }

    private void check(Access access, ResourceKind kind, String name) {
        // The default exchange is checked, and named, as amq.default (rabbit_access_control).
        String checked = kind == ResourceKind.EXCHANGE && name.isEmpty() ? DEFAULT_EXCHANGE : name;
        if (!permissions.permits(user, vhost, access, checked)) {
            throw ChannelException.accessRefused("access to " + kind.label() + " '" + checked + "' in vhost '"
                    + vhost + "' refused for user '" + user + "'");
        }
    }

    private void checkTopic(Access access, Exchange exchange, String key) {
        if (exchange == null || exchange.type() != ExchangeType.TOPIC) {
            return;
        }
        if (!permissions.permitsTopic(user, vhost, exchange.name(), access, key)) {
            throw ChannelException.accessRefused("access to topic '" + key + "' in exchange '" + exchange.name()
                    + "' in vhost '" + vhost + "' refused for user '" + user + "'");
        }
    }
}
