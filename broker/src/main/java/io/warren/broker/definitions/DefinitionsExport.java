package io.warren.broker.definitions;

import io.warren.broker.Broker;
import io.warren.broker.ServerProperties;
import io.warren.broker.User;
import io.warren.broker.VirtualHost;
import io.warren.broker.access.GlobalParameter;
import io.warren.broker.access.Parameter;
import io.warren.broker.access.Permission;
import io.warren.broker.access.TopicPermission;
import io.warren.broker.access.VhostMetadata;
import io.warren.dlx.policy.Policy;
import io.warren.exchange.Binding;
import io.warren.exchange.DestinationKind;
import io.warren.exchange.Exchange;
import io.warren.queue.MessageQueue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A snapshot of the broker as RabbitMQ definitions: what RabbitMQ's export holds, in its order.
 * As in the management plugin's export (GET /api/definitions, RabbitMQ 3.13), every queue that is
 * not exclusive is exported, durable or not, auto-delete or not, and every exchange but the
 * default one and {@code amq.*}, durable or not, internal or not, each with its {@code durable}
 * flag, so that an import declares it as it was; bindings go with them unless their destination is
 * an exclusive queue; operator policies go among the parameters.
 * Entries are sorted by name so that two exports of the same state are byte for byte the same.
 */
public final class DefinitionsExport {
    private final Broker broker;

    public DefinitionsExport(Broker broker) {
        this.broker = broker;
    }

    /** The whole broker. */
    public byte[] exportAll(DefinitionsFormat format) {
        return DefinitionsWriter.write(snapshot(null), format);
    }

    /** One vhost, in the per-vhost form (items without {@code vhost} keys). */
    public byte[] exportVhost(String vhost, DefinitionsFormat format) {
        return DefinitionsWriter.writeForVhost(snapshot(vhost), vhost, format);
    }

    /** The broker's state as the model; {@code onlyVhost} null for every vhost. */
    public Definitions snapshot(String onlyVhost) {
        List<VirtualHost> vhosts = new ArrayList<>(broker.vhosts().all());
        vhosts.removeIf(v -> onlyVhost != null && !v.name().equals(onlyVhost));
        vhosts.sort(Comparator.comparing(VirtualHost::name));
        Set<String> names = new HashSet<>();
        vhosts.forEach(v -> names.add(v.name()));

        List<UserDefinition> users = new ArrayList<>();
        List<GlobalParameterDefinition> globals = new ArrayList<>();
        if (onlyVhost == null) {
            for (User u : sorted(broker.users().all(), User::name)) {
                users.add(user(u));
            }
            for (GlobalParameter g : sorted(broker.parameters().allGlobal(), GlobalParameter::name)) {
                globals.add(new GlobalParameterDefinition(g.name(), g.value()));
            }
        }
        List<VirtualHostDefinition> vhostDefs = new ArrayList<>();
        List<Policy> policies = new ArrayList<>();
        List<QueueDefinition> queues = new ArrayList<>();
        List<ExchangeDefinition> exchanges = new ArrayList<>();
        List<BindingDefinition> bindings = new ArrayList<>();
        for (VirtualHost v : vhosts) {
            vhostDefs.add(vhost(v));
            policies.addAll(v.policies().list(false));
            addTopology(v, queues, exchanges, bindings);
        }
        List<ParameterDefinition> parameters = runtimeParameters(onlyVhost);
        List<PermissionDefinition> permissions = new ArrayList<>();
        for (Permission p : broker.permissions().all()) {
            if (names.contains(p.vhost())) {
                permissions.add(new PermissionDefinition(p.user(), p.vhost(), p.configure(), p.write(), p.read()));
            }
        }
        permissions.sort(Comparator.comparing(PermissionDefinition::user).thenComparing(PermissionDefinition::vhost));
        List<TopicPermissionDefinition> topicPermissions = new ArrayList<>();
        for (TopicPermission p : broker.permissions().allTopic()) {
            if (names.contains(p.vhost())) {
                topicPermissions.add(new TopicPermissionDefinition(p.user(), p.vhost(), p.exchange(), p.write(), p.read()));
            }
        }
        topicPermissions.sort(Comparator.comparing(TopicPermissionDefinition::user)
                .thenComparing(TopicPermissionDefinition::vhost).thenComparing(TopicPermissionDefinition::exchange));
        return new Definitions(Definitions.header("RabbitMQ", ServerProperties.RABBITMQ_COMPATIBLE_VERSION), users,
                vhostDefs, permissions, topicPermissions, parameters, globals, policies, queues, exchanges, bindings);
    }

    /**
     * The runtime parameters as RabbitMQ lists them (in definitions and at /api/parameters): the
     * stored ones, each vhost's operator policies (component {@code operator_policy}) and its
     * limits (component {@code vhost-limits}, name {@code limits}), sorted by vhost, component
     * and name; {@code onlyVhost} null for every vhost. Regular policies are not among them.
     */
    public List<ParameterDefinition> runtimeParameters(String onlyVhost) {
        List<ParameterDefinition> parameters = new ArrayList<>();
        for (VirtualHost v : broker.vhosts().all()) {
            if (onlyVhost != null && !v.name().equals(onlyVhost)) {
                continue;
            }
            v.policies().list(true).forEach(p -> parameters.add(PolicyValues.toOperatorPolicyParameter(p)));
            Map<String, Object> limits = v.metadata().limits();
            if (!limits.isEmpty()) {
                parameters.add(new ParameterDefinition(v.name(), ParameterDefinition.VHOST_LIMITS, "limits",
                        new LinkedHashMap<>(limits)));
            }
        }
        for (Parameter p : broker.parameters().all()) {
            if ((onlyVhost == null || p.vhost().equals(onlyVhost)) && broker.vhosts().exists(p.vhost())) {
                parameters.add(new ParameterDefinition(p.vhost(), p.component(), p.name(), p.value()));
            }
        }
        parameters.sort(Comparator.comparing(ParameterDefinition::vhost).thenComparing(ParameterDefinition::component)
                .thenComparing(ParameterDefinition::name));
        return parameters;
    }

    private static UserDefinition user(User u) {
        Map<String, Long> limits = new LinkedHashMap<>();
        u.limits().forEach((k, v) -> limits.put(k, ((Number) v).longValue()));
        return new UserDefinition(u.name(), u.password() == null ? "" : u.password().toRabbitMq(),
                u.password() == null ? HashingAlgorithm.SHA256 : u.password().algorithm(),
                u.tags().stream().sorted().toList(), limits);
    }

    private static VirtualHostDefinition vhost(VirtualHost v) {
        VhostMetadata m = v.metadata();
        Map<String, Long> limits = new LinkedHashMap<>();
        m.limits().forEach((k, value) -> limits.put(k, ((Number) value).longValue()));
        return new VirtualHostDefinition(v.name(), m.description(), m.tags(), m.defaultQueueType(), Map.of(),
                limits.isEmpty() ? null : limits);
    }

    private static void addTopology(VirtualHost v, List<QueueDefinition> queues, List<ExchangeDefinition> exchanges,
                                    List<BindingDefinition> bindings) {
        Set<String> exportedQueues = new HashSet<>();
        List<QueueDefinition> here = new ArrayList<>();
        for (MessageQueue q : v.queues()) {
            var d = q.definition();
            // An exclusive queue belongs to its connection and could not be declared by an import.
            if (!d.exclusive()) {
                here.add(new QueueDefinition(v.name(), d.name(), null, d.durable(), d.autoDelete(),
                        d.arguments() == null ? Map.of() : d.arguments()));
            }
        }
        // A queue whose files could not be read is still part of the topology, as a crashed one is in RabbitMQ's.
        for (var q : v.unavailableQueues()) {
            var d = q.definition();
            here.add(new QueueDefinition(v.name(), d.name(), null, true, d.autoDelete(),
                    d.arguments() == null ? Map.of() : d.arguments()));
        }
        here.sort(Comparator.comparing(QueueDefinition::name));
        here.forEach(q -> exportedQueues.add(q.name()));
        queues.addAll(here);
        Set<String> exportedExchanges = new HashSet<>();
        for (Exchange x : sorted(v.exchanges().exchanges(), Exchange::name)) {
            if (!x.name().isEmpty() && !x.name().startsWith("amq.")) {
                exportedExchanges.add(x.name());
                exchanges.add(new ExchangeDefinition(v.name(), x.name(), x.type().wireName(), x.durable(),
                        x.autoDelete(), x.internal(), x.arguments()));
            }
        }
        List<Binding> all = new ArrayList<>(v.exchanges().bindings());
        all.sort(Comparator.comparing(Binding::source).thenComparing(Binding::destination)
                .thenComparing(Binding::routingKey).thenComparing(b -> b.kind().name()));
        for (Binding b : all) {
            boolean sourceOk = exportedExchanges.contains(b.source()) || b.source().startsWith("amq.");
            boolean toQueue = b.kind() == DestinationKind.QUEUE;
            boolean destinationOk = toQueue ? exportedQueues.contains(b.destination())
                    : exportedExchanges.contains(b.destination()) || b.destination().startsWith("amq.");
            if (!b.source().isEmpty() && sourceOk && destinationOk) {
                bindings.add(new BindingDefinition(v.name(), b.source(), b.destination(),
                        toQueue ? DestinationType.QUEUE : DestinationType.EXCHANGE, b.routingKey(), b.arguments()));
            }
        }
    }

    private static <T> List<T> sorted(java.util.Collection<T> items, java.util.function.Function<T, String> key) {
        List<T> list = new ArrayList<>(items);
        list.sort(Comparator.comparing(key));
        return list;
    }
}
