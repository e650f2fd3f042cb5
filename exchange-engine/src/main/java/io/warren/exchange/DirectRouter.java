package io.warren.exchange;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Direct matching: a binding matches when its key equals the routing key. Bindings are grouped by
 * key, and a bind or unbind replaces only its key's array.
 */
final class DirectRouter implements Router {
    private final ConcurrentHashMap<String, Binding[]> byKey = new ConcurrentHashMap<>();

    @Override
    public void add(Binding binding) {
        byKey.put(binding.routingKey(), BindingArrays.with(bindingsFor(binding.routingKey()), binding));
    }

    @Override
    public void remove(Binding binding) {
        Binding[] remaining = BindingArrays.without(bindingsFor(binding.routingKey()), binding);
        if (remaining.length == 0) {
            byKey.remove(binding.routingKey());
        } else {
            byKey.put(binding.routingKey(), remaining);
        }
    }

    private Binding[] bindingsFor(String routingKey) {
        return byKey.getOrDefault(routingKey, BindingArrays.NONE);
    }

    @Override
    public void route(RouteWalk walk) {
        for (int i = 0; i < walk.keyCount(); i++) {
            Binding[] bindings = byKey.get(walk.key(i));
            if (bindings != null) {
                walk.matched(bindings);
            }
        }
    }
}
