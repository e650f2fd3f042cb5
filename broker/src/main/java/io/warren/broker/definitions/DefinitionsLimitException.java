package io.warren.broker.definitions;

/**
 * A definitions import that would take a vhost past its {@code max-queues}: nothing is imported,
 * and the message is RabbitMQ's, word for word.
 */
public final class DefinitionsLimitException extends RuntimeException {

    DefinitionsLimitException(String vhost, long adding, long limit, long current) {
        super("Adding " + adding + " queue(s) to virtual host \"" + vhost + "\" would exceed the limit of " + limit
                + " queue(s).\n\nThis virtual host currently has " + current + " queue(s) defined.\n\nImport aborted!");
    }
}
