package io.warren.broker.durable;

import io.warren.exchange.Binding;

import java.util.Map;

/**
 * One change to durable topology, as the journal stores it. Replaying the records in order
 * rebuilds every durable vhost, exchange, queue and binding.
 */
public sealed interface TopologyRecord {
    String vhost();

    record VhostDeclared(String vhost) implements TopologyRecord {}

    record ExchangeDeclared(String vhost, String name, String type, boolean autoDelete, boolean internal,
                            Map<String, Object> arguments) implements TopologyRecord {}

    record ExchangeDeleted(String vhost, String name) implements TopologyRecord {}

    record QueueDeclared(String vhost, String name, boolean autoDelete, Map<String, Object> arguments)
            implements TopologyRecord {}

    record QueueDeleted(String vhost, String name) implements TopologyRecord {}

    record Bound(String vhost, Binding binding) implements TopologyRecord {}

    record Unbound(String vhost, Binding binding) implements TopologyRecord {}
}
