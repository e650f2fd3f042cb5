package io.warren.broker;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Every virtual host of the broker by name. Thread-safe. */
public final class VirtualHosts {
    private final Map<String, VirtualHost> vhosts = new ConcurrentHashMap<>();

    public VirtualHost get(String name) {
        return vhosts.get(name);
    }

    /** Creates a vhost whose durable changes go to {@code journal} (null: memory only). */
    public VirtualHost create(String name, io.warren.broker.durable.TopologyJournal journal) {
        return vhosts.computeIfAbsent(name, n -> new VirtualHost(n, journal));
    }

    public Collection<VirtualHost> all() {
        return vhosts.values();
    }
}
