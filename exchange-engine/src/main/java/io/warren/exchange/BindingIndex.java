package io.warren.exchange;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Every binding of a registry, by source and by destination: the bookkeeping behind listings,
 * deletes and auto-delete, never consulted by routing. Not thread-safe; the registry guards it
 * with its topology lock.
 */
final class BindingIndex {
    private record Endpoint(DestinationKind kind, String name) {
    }

    private final Map<String, Set<Binding>> bySource = new TreeMap<>();
    private final Map<Endpoint, Set<Binding>> byDestination = new HashMap<>();

    /** Adds a binding; false when an equal one is already there. */
    boolean add(Binding binding) {
        if (!bySource.computeIfAbsent(binding.source(), source -> new LinkedHashSet<>()).add(binding)) {
            return false;
        }
        byDestination.computeIfAbsent(destinationOf(binding), endpoint -> new LinkedHashSet<>()).add(binding);
        return true;
    }

    /** Removes a binding; false when it was not there. */
    boolean remove(Binding binding) {
        if (!removeFrom(bySource, binding.source(), binding)) {
            return false;
        }
        removeFrom(byDestination, destinationOf(binding), binding);
        return true;
    }

    boolean hasFrom(String source) {
        return bySource.containsKey(source);
    }

    /** The bindings whose source is {@code source}, in the order they were made. */
    List<Binding> from(String source) {
        return new ArrayList<>(bySource.getOrDefault(source, Set.of()));
    }

    /** The bindings to a queue or exchange, in the order they were made. */
    List<Binding> to(DestinationKind kind, String name) {
        return new ArrayList<>(byDestination.getOrDefault(new Endpoint(kind, name), Set.of()));
    }

    /** Every binding, by source name, then in the order they were made. */
    List<Binding> all() {
        List<Binding> all = new ArrayList<>();
        bySource.values().forEach(all::addAll);
        return all;
    }

    private static Endpoint destinationOf(Binding binding) {
        return new Endpoint(binding.kind(), binding.destination());
    }

    private static <K> boolean removeFrom(Map<K, Set<Binding>> index, K key, Binding binding) {
        Set<Binding> bindings = index.get(key);
        if (bindings == null || !bindings.remove(binding)) {
            return false;
        }
        if (bindings.isEmpty()) {
            index.remove(key);
        }
        return true;
    }
}
