package io.warren.broker;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.warren.broker.stats.BrokerStatistics;

/** Every virtual host of the broker by name. Thread-safe. */
public final class VirtualHosts {
    private final Map<String, VirtualHost> vhosts = new ConcurrentHashMap<>();
    private final BrokerStatistics statistics;

    /** @param statistics told of every queue declared, created and deleted in any vhost; may be null */
    public VirtualHosts(BrokerStatistics statistics) {
        this.statistics = statistics;
    }

    public VirtualHosts() {
        this(null);
    }

    public VirtualHost get(String name) {
        return vhosts.get(name);
    }

    /** Creates a vhost whose durable state goes to {@code storage} (null: memory only). */
    public VirtualHost create(String name, Storage storage) {
        return vhosts.computeIfAbsent(name, n -> new VirtualHost(n, storage, statistics));
    }

    /** Unregisters a vhost, so no connection can open it any more; null when there was none. */
    VirtualHost remove(String name) {
        return vhosts.remove(name);
    }

    public boolean exists(String name) {
        return vhosts.containsKey(name);
    }

    public Collection<VirtualHost> all() {
        return vhosts.values();
    }
}
