package io.warren.broker.durable;

import io.warren.broker.durable.TopologyRecord.Bound;
import io.warren.broker.durable.TopologyRecord.ExchangeDeclared;
import io.warren.broker.durable.TopologyRecord.ExchangeDeleted;
import io.warren.broker.durable.TopologyRecord.GlobalParameterCleared;
import io.warren.broker.durable.TopologyRecord.GlobalParameterSet;
import io.warren.broker.durable.TopologyRecord.NodeInitialised;
import io.warren.broker.durable.TopologyRecord.NodeWide;
import io.warren.broker.durable.TopologyRecord.ParameterCleared;
import io.warren.broker.durable.TopologyRecord.ParameterSet;
import io.warren.broker.durable.TopologyRecord.PermissionCleared;
import io.warren.broker.durable.TopologyRecord.PermissionSet;
import io.warren.broker.durable.TopologyRecord.PolicyDeleted;
import io.warren.broker.durable.TopologyRecord.PolicySet;
import io.warren.broker.durable.TopologyRecord.QueueDeclared;
import io.warren.broker.durable.TopologyRecord.QueueDeleted;
import io.warren.broker.durable.TopologyRecord.TopicPermissionCleared;
import io.warren.broker.durable.TopologyRecord.TopicPermissionSet;
import io.warren.broker.durable.TopologyRecord.Unbound;
import io.warren.broker.durable.TopologyRecord.UserDeleted;
import io.warren.broker.durable.TopologyRecord.UserPut;
import io.warren.broker.durable.TopologyRecord.VhostDeclared;
import io.warren.broker.durable.TopologyRecord.VhostDeleted;
import io.warren.broker.durable.TopologyRecord.VhostMetadataSet;
import io.warren.exchange.Binding;
import io.warren.exchange.DestinationKind;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The durable state that replaying a journal yields: per vhost, its exchanges, queues and
 * bindings in declaration order, its metadata, policies, permissions and parameters; and the
 * node's users and global parameters. Deleting an exchange or queue drops the bindings that
 * touch it, deleting a user drops their permissions, deleting a vhost drops everything in it, so
 * the state stays consistent whichever records a crash cut off at the end.
 */
public final class DurableTopology {
    /** One vhost's durable objects. */
    public static final class Vhost {
        public final Map<String, ExchangeDeclared> exchanges = new LinkedHashMap<>();
        public final Map<String, QueueDeclared> queues = new LinkedHashMap<>();
        public final Set<Binding> bindings = new LinkedHashSet<>();
        /** Null when never set. */
        public VhostMetadataSet metadata;
        /** By (operator, name). */
        public final Map<List<Object>, PolicySet> policies = new LinkedHashMap<>();
        /** By user. */
        public final Map<String, PermissionSet> permissions = new LinkedHashMap<>();
        /** By (user, exchange). */
        public final Map<List<String>, TopicPermissionSet> topicPermissions = new LinkedHashMap<>();
        /** By (component, name). */
        public final Map<List<String>, ParameterSet> parameters = new LinkedHashMap<>();

        private void forgetUser(String user) {
            permissions.remove(user);
            topicPermissions.keySet().removeIf(k -> k.get(0).equals(user));
        }
    }

    private final Map<String, Vhost> vhosts = new LinkedHashMap<>();
    private final Map<String, UserPut> users = new LinkedHashMap<>();
    private final Map<String, GlobalParameterSet> globalParameters = new LinkedHashMap<>();
    private boolean initialised;

    public Map<String, Vhost> vhosts() {
        return vhosts;
    }

    public Map<String, UserPut> users() {
        return users;
    }

    public Map<String, GlobalParameterSet> globalParameters() {
        return globalParameters;
    }

    /** False for a blank node: no user was ever stored, so the default user is still to be created. */
    public boolean initialised() {
        return initialised;
    }

    /** The journal held something: the node's set-up must not be repeated, whatever record was lost. */
    void markInitialised() {
        initialised = true;
    }

    void apply(TopologyRecord r) {
        if (r instanceof NodeWide n) {
            applyNodeWide(n);
            return;
        }
        if (r instanceof VhostDeleted d) {
            vhosts.remove(d.vhost());
            return;
        }
        if (isRemoval(r)) {
            Vhost v = vhosts.get(r.vhost());
            if (v != null) {
                applyRemoval(v, r);
            }
            return;
        }
        Vhost v = vhosts.computeIfAbsent(r.vhost(), n -> new Vhost());
        if (r instanceof ExchangeDeclared x) {
            v.exchanges.put(x.name(), x);
        } else if (r instanceof QueueDeclared q) {
            v.queues.put(q.name(), q);
        } else if (r instanceof Bound b) {
            v.bindings.add(b.binding());
        } else if (r instanceof VhostMetadataSet m) {
            v.metadata = m;
        } else if (r instanceof PolicySet p) {
            v.policies.put(List.of(p.operator(), p.name()), p);
        } else if (r instanceof PermissionSet p) {
            v.permissions.put(p.user(), p);
        } else if (r instanceof TopicPermissionSet p) {
            v.topicPermissions.put(List.of(p.user(), p.exchange()), p);
        } else if (r instanceof ParameterSet p) {
            v.parameters.put(List.of(p.component(), p.name()), p);
        } else if (!(r instanceof VhostDeclared)) {
            throw new IllegalArgumentException(String.valueOf(r));
        }
    }

    private static boolean isRemoval(TopologyRecord r) {
        return r instanceof ExchangeDeleted || r instanceof QueueDeleted || r instanceof Unbound
                || r instanceof PolicyDeleted || r instanceof PermissionCleared
                || r instanceof TopicPermissionCleared || r instanceof ParameterCleared;
    }

    private static void applyRemoval(Vhost v, TopologyRecord r) {
        if (r instanceof ExchangeDeleted x) {
            v.exchanges.remove(x.name());
            v.bindings.removeIf(b -> b.source().equals(x.name())
                    || b.kind() == DestinationKind.EXCHANGE && b.destination().equals(x.name()));
        } else if (r instanceof QueueDeleted q) {
            v.queues.remove(q.name());
            v.bindings.removeIf(b -> b.kind() == DestinationKind.QUEUE && b.destination().equals(q.name()));
        } else if (r instanceof Unbound u) {
            v.bindings.remove(u.binding());
        } else if (r instanceof PolicyDeleted p) {
            v.policies.remove(List.of(p.operator(), p.name()));
        } else if (r instanceof PermissionCleared p) {
            v.permissions.remove(p.user());
        } else if (r instanceof TopicPermissionCleared p) {
            v.topicPermissions.keySet().removeIf(k -> k.get(0).equals(p.user())
                    && (p.exchange() == null || k.get(1).equals(p.exchange())));
        } else if (r instanceof ParameterCleared p) {
            v.parameters.remove(List.of(p.component(), p.name()));
        }
    }

    private void applyNodeWide(NodeWide r) {
        if (r instanceof NodeInitialised) {
            initialised = true;
        } else if (r instanceof UserPut u) {
            initialised = true;
            users.put(u.name(), u);
        } else if (r instanceof UserDeleted u) {
            initialised = true;
            users.remove(u.name());
            vhosts.values().forEach(v -> v.forgetUser(u.name()));
        } else if (r instanceof GlobalParameterSet g) {
            globalParameters.put(g.name(), g);
        } else if (r instanceof GlobalParameterCleared g) {
            globalParameters.remove(g.name());
        }
    }

    /** The fewest records that rebuild this state: what a compacted journal holds. */
    List<TopologyRecord> snapshot() {
        List<TopologyRecord> out = new ArrayList<>();
        if (initialised) {
            out.add(new NodeInitialised());
        }
        out.addAll(users.values());
        out.addAll(globalParameters.values());
        vhosts.forEach((name, v) -> {
            out.add(new VhostDeclared(name));
            if (v.metadata != null) {
                out.add(v.metadata);
            }
            out.addAll(v.exchanges.values());
            out.addAll(v.queues.values());
            for (Binding b : v.bindings) {
                out.add(new Bound(name, b));
            }
            out.addAll(v.policies.values());
            out.addAll(v.permissions.values());
            out.addAll(v.topicPermissions.values());
            out.addAll(v.parameters.values());
        });
        return out;
    }
}
