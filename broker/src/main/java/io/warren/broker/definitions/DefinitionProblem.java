package io.warren.broker.definitions;

/**
 * One thing wrong with a definitions document.
 *
 * @param entry   the entry, e.g. {@code queues[3] (vhost '/', name 'orders')}, or {@code document}
 * @param field   the field, dotted for nested ones ({@code arguments.x-message-ttl}); null when
 *                the problem is the entry as a whole
 * @param message what is wrong, e.g. {@code expected a boolean, got "yes"}
 */
public record DefinitionProblem(String entry, String field, String message) {
    @Override
    public String toString() {
        return field == null ? entry + ": " + message : entry + ": field '" + field + "': " + message;
    }
}
