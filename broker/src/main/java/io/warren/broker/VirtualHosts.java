package io.warren.broker;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.warren.broker.stats.BrokerStatistics;
import io.warren.queue.MemoryBudget;

/** Every virtual host of the broker by name. Thread-safe. */
public final class VirtualHosts {
    private final Map<String, VirtualHost> vhosts = new ConcurrentHashMap<>();
    private final BrokerStatistics statistics;
    private final MemoryBudget memory;

    /**
     * @param statistics told of every queue declared, created and deleted in any vhost; may be null
     * @param memory     the budget every queue's messages in memory count against
     */
    public VirtualHosts(BrokerStatistics statistics, MemoryBudget memory) {
        this.statistics = statistics;
        this.memory = memory;
    }

    public VirtualHosts(BrokerStatistics statistics) {
        this(statistics, MemoryBudget.unlimited());
    }

    public VirtualHosts() {
        this(null);
    }

    public VirtualHost get(String name) {
        return vhosts.get(name);
    }

    /** Creates a vhost whose durable state goes to {@code storage} (null: memory only). */
    public VirtualHost create(String name, Storage storage) {
        return vhosts.computeIfAbsent(name, n -> new VirtualHost(n, storage, statistics, memory));
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
