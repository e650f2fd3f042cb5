package io.warren.broker.durable;

import io.warren.broker.durable.TopologyRecord.Bound;
import io.warren.broker.durable.TopologyRecord.ExchangeDeclared;
import io.warren.broker.durable.TopologyRecord.ExchangeDeleted;
import io.warren.broker.durable.TopologyRecord.QueueDeclared;
import io.warren.broker.durable.TopologyRecord.QueueDeleted;
import io.warren.broker.durable.TopologyRecord.Unbound;
import io.warren.broker.durable.TopologyRecord.VhostDeclared;
import io.warren.exchange.Binding;
import io.warren.exchange.DestinationKind;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The durable topology that replaying a journal yields: per vhost, its exchanges, queues and
 * bindings in declaration order. Deleting an exchange or queue drops the bindings that touch it,
 * so the state stays consistent whichever records a crash cut off at the end.
 */
public final class DurableTopology {
    /** One vhost's durable objects. */
    public static final class Vhost {
        public final Map<String, ExchangeDeclared> exchanges = new LinkedHashMap<>();
        public final Map<String, QueueDeclared> queues = new LinkedHashMap<>();
        public final Set<Binding> bindings = new LinkedHashSet<>();
    }

    private final Map<String, Vhost> vhosts = new LinkedHashMap<>();

    public Map<String, Vhost> vhosts() {
        return vhosts;
    }

    void apply(TopologyRecord r) {
        Vhost v = vhosts.computeIfAbsent(r.vhost(), n -> new Vhost());
        if (r instanceof ExchangeDeclared x) {
            v.exchanges.put(x.name(), x);
        } else if (r instanceof ExchangeDeleted x) {
            v.exchanges.remove(x.name());
            v.bindings.removeIf(b -> b.source().equals(x.name())
                    || b.kind() == DestinationKind.EXCHANGE && b.destination().equals(x.name()));
        } else if (r instanceof QueueDeclared q) {
            v.queues.put(q.name(), q);
        } else if (r instanceof QueueDeleted q) {
            v.queues.remove(q.name());
            v.bindings.removeIf(b -> b.kind() == DestinationKind.QUEUE && b.destination().equals(q.name()));
        } else if (r instanceof Bound b) {
            v.bindings.add(b.binding());
        } else if (r instanceof Unbound u) {
            v.bindings.remove(u.binding());
        } else if (!(r instanceof VhostDeclared)) {
            throw new IllegalArgumentException(String.valueOf(r));
        }
    }

    /** The fewest records that rebuild this state: what a compacted journal holds. */
    List<TopologyRecord> snapshot() {
        List<TopologyRecord> out = new ArrayList<>();
        vhosts.forEach((name, v) -> {
            out.add(new VhostDeclared(name));
            out.addAll(v.exchanges.values());
            out.addAll(v.queues.values());
            for (Binding b : v.bindings) {
                out.add(new Bound(name, b));
            }
        });
        return out;
    }
}
