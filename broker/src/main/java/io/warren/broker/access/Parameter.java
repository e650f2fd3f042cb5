package io.warren.broker.access;

/**
 * A vhost-scoped runtime parameter (component, name, JSON value), as RabbitMQ's
 * {@code set_parameter} stores it. {@code value} is JSON-shaped: Map, List, String, Number,
 * Boolean or null. Operator policies are parameters of component {@code operator_policy} in
 * RabbitMQ's export but are kept as policies here.
 */
public record Parameter(String vhost, String component, String name, Object value) {
}
