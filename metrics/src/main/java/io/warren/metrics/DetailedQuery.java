package io.warren.metrics;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a {@code GET /metrics/detailed} asks for: the {@code family} parameters (names of
 * RabbitMQ core metrics tables; names nobody knows are kept and later match nothing, as
 * RabbitMQ ignores them) and the {@code vhost} parameters, which narrow the queue and exchange
 * families to those virtual hosts. Without a {@code vhost} parameter every virtual host is in.
 * Immutable.
 */
record DetailedQuery(Set<String> families, Set<String> vhosts, boolean vhostFiltered) {

    DetailedQuery {
        families = Set.copyOf(families);
        vhosts = Set.copyOf(vhosts);
    }

    /** From the decoded query string, each parameter with every value it was given. */
    static DetailedQuery parse(Map<String, List<String>> parameters) {
        List<String> vhosts = parameters.get("vhost");
        return new DetailedQuery(new LinkedHashSet<>(parameters.getOrDefault("family", List.of())),
                vhosts == null ? Set.of() : new LinkedHashSet<>(vhosts), vhosts != null);
    }

    boolean wants(String family) {
        return families.contains(family);
    }

    /** Whether a queue or exchange of this virtual host belongs in the answer. */
    boolean includes(String vhost) {
        return !vhostFiltered || vhosts.contains(vhost);
    }
}
