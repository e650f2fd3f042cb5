package io.warren.dlx.policy;

import java.util.Map;

/**
 * A policy as RabbitMQ stores it: user policies and operator policies have the same shape.
 * {@code definition} holds JSON-shaped values (String, Long/Integer, Boolean, List, Map).
 */
public record Policy(String vhost, String name, String pattern, ApplyTo applyTo, int priority,
                     Map<String, Object> definition) {
}
