package io.warren.broker.definitions;

/** The shape {@link DefinitionsWriter} writes; RabbitMQ 3.x and 4.x both import either. */
public enum DefinitionsFormat {
    /**
     * The management plugin's 3.x export: vhosts with their description, tags and default queue
     * type at the top of the entry, exchanges with {@code internal}, queues without {@code type}
     * unless the model has one.
     */
    RABBITMQ_3,
    /**
     * The 4.x export: vhosts with {@code metadata} and {@code limits} too, queues with
     * {@code type}, exchanges without {@code internal} unless it is true (4.x exports no internal
     * exchanges; its import reads the key).
     */
    RABBITMQ_4
}
