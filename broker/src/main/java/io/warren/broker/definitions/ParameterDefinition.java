package io.warren.broker.definitions;

/**
 * A runtime parameter of one vhost, e.g. component {@code vhost-limits} or
 * {@code operator_policy} (operator policies travel as parameters; see
 * {@link Definitions#operatorPolicies()}).
 *
 * @param value JSON-shaped: String, Long, Double, Boolean, List, Map or null
 */
public record ParameterDefinition(String vhost, String component, String name, Object value) {
    /** RabbitMQ's component for operator policies. */
    public static final String OPERATOR_POLICY = "operator_policy";
    /** RabbitMQ's component for vhost limits (its one parameter is named {@code limits}). */
    public static final String VHOST_LIMITS = "vhost-limits";

    public ParameterDefinition {
        value = Values.copyOf(value);
    }
}
