package io.warren.broker.definitions;

/**
 * A cluster-wide runtime parameter such as {@code cluster_name}.
 *
 * @param value JSON-shaped: String, Long, Double, Boolean, List, Map or null
 */
public record GlobalParameterDefinition(String name, Object value) {
    public GlobalParameterDefinition {
        value = Values.copyOf(value);
    }
}
