package io.warren.broker;

import io.warren.queue.QueueDefinition;

/**
 * A durable queue whose stored messages could not be read at boot (a file that cannot be opened
 * or read, an I/O error). It stays in the topology with its bindings, but does not run: as
 * RabbitMQ treats a classic queue that crashed and failed to restart, declare, consume, get,
 * purge and bind answer 404, a publish routed to it is not confirmed (basic.nack under confirms),
 * and queue.delete removes it, setting its files aside. The management API shows it with state
 * {@code crashed}; {@code StorageHealth} holds its fault until it is deleted.
 *
 * @param definition  the queue as journaled
 * @param file        the file or directory that could not be read
 * @param reason      what went wrong, in an operator's words
 */
public record UnavailableQueue(QueueDefinition definition, String file, String reason) {

    /** RabbitMQ's state for a queue whose process crashed and failed to restart. */
    public static final String STATE = "crashed";

    public String name() {
        return definition.name();
    }

    /** The subject of its fault in {@code StorageHealth}. */
    public static String subject(String vhost, String queue) {
        return "queue '" + queue + "' in vhost '" + vhost + "'";
    }

    /** What RabbitMQ answers (404 NOT_FOUND) to a client that uses such a queue. */
    ChannelException notFound() {
        return ChannelException.notFound(subject(definition.vhost(), definition.name())
                + " has crashed and failed to restart");
    }
}
