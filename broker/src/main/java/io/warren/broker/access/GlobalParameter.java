package io.warren.broker.access;

/** A node-wide runtime parameter (name, JSON-shaped value), as RabbitMQ's {@code set_global_parameter} stores it. */
public record GlobalParameter(String name, Object value) {
}
