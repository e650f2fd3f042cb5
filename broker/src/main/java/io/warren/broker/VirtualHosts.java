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

    public VirtualHost create(String name) {
        return vhosts.computeIfAbsent(name, VirtualHost::new);
    }

    public Collection<VirtualHost> all() {
        return vhosts.values();
    }
}
