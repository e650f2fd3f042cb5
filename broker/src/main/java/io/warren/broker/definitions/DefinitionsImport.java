package io.warren.broker.definitions;

import io.warren.broker.Broker;
import io.warren.broker.User;
import io.warren.broker.VirtualHost;
import io.warren.broker.access.GlobalParameter;
import io.warren.broker.access.Parameter;
import io.warren.broker.access.Permission;
import io.warren.broker.access.TopicPermission;
import io.warren.broker.access.VhostMetadata;
import io.warren.broker.limits.BoundedCount;
import io.warren.broker.limits.LimitGate;
import io.warren.broker.limits.LimitValue;
import io.warren.dlx.policy.Policy;
import io.warren.dlx.policy.PolicyException;
import io.warren.dlx.policy.PolicyValidator;
import io.warren.exchange.Binding;
import io.warren.exchange.DestinationKind;
import io.warren.exchange.ExchangeType;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Imports RabbitMQ definitions into a running broker: the whole document is read and validated
 * first (every problem reported together, naming entry and field), and only a document without
 * problems is applied, so a broken file changes nothing. Applying follows RabbitMQ's order:
 * vhosts, users, permissions, topic permissions, parameters, global parameters, policies and
 * operator policies, exchanges, queues, bindings. Objects that exist already are updated where
 * RabbitMQ updates them (users, permissions, policies, parameters) and otherwise kept as they are
 * (an existing queue keeps its arguments). Reserved exchanges ({@code amq.*}, the default) are
 * skipped as RabbitMQ skips them.
 *
 * <p>Thread-safe as the broker's registries are; the returned future completes once every
 * durable change is on disk.
 */
public final class DefinitionsImport {
    private final Broker broker;

    public DefinitionsImport(Broker broker) {
        this.broker = broker;
    }

    /** Imports a whole-broker document. */
    public CompletableFuture<Void> importAll(byte[] json) {
        Definitions d = reader().read(json);
        validate(d);
        return apply(d);
    }

    /** Imports a per-vhost document (as GET /api/definitions/{vhost} writes it) into {@code vhost}. */
    public CompletableFuture<Void> importVhost(byte[] json, String vhost) {
        Definitions d = reader().readForVhost(json, vhost);
        validate(d);
        return apply(d);
    }

    private DefinitionsReader reader() {
        Set<String> users = new HashSet<>();
        broker.users().all().forEach(u -> users.add(u.name()));
        Set<String> vhosts = new HashSet<>();
        broker.vhosts().all().forEach(v -> vhosts.add(v.name()));
        return new DefinitionsReader(new ExistingObjects(users, vhosts));
    }

    /**
     * What the reader cannot judge alone: policy definitions (the dlx module's rules) and whether
     * each binding's ends exist in the file or the broker. Problems join the reader's format.
     */
    private void validate(Definitions d) {
        checkQueueLimits(d);
        List<DefinitionProblem> problems = new ArrayList<>();
        check(d.policies(), false, "policies", problems);
        check(d.operatorPolicies(), true, "operator policies", problems);
        checkBindings(d, problems);
        if (!problems.isEmpty()) {
            throw new DefinitionsException(problems);
        }
    }

    /**
     * Refuses the whole import, as RabbitMQ does, when the queues it would add to an existing vhost
     * take it past its {@code max-queues}. Queues that already exist add nothing.
     */
    private void checkQueueLimits(Definitions d) {
        Map<String, Set<String>> added = new LinkedHashMap<>();
        for (QueueDefinition q : d.queues()) {
            VirtualHost v = broker.vhosts().get(q.vhost());
            if (v != null && v.queue(q.name()) == null) {
                added.computeIfAbsent(q.vhost(), k -> new HashSet<>()).add(q.name());
            }
        }
        added.forEach((vhost, names) -> {
            VirtualHost v = broker.vhosts().get(vhost);
            long limit = LimitValue.of(v.metadata().limits(), LimitGate.MAX_QUEUES);
            if (limit != BoundedCount.UNLIMITED && v.queueCount() + names.size() > limit) {
                throw new DefinitionsLimitException(vhost, names.size(), limit, v.queueCount());
            }
        });
    }

    private void checkBindings(Definitions d, List<DefinitionProblem> out) {
        Set<String> exchanges = new HashSet<>();
        d.exchanges().forEach(x -> exchanges.add(x.vhost() + "\0" + x.name()));
        Set<String> queues = new HashSet<>();
        d.queues().forEach(q -> queues.add(q.vhost() + "\0" + q.name()));
        for (int i = 0; i < d.bindings().size(); i++) {
            BindingDefinition b = d.bindings().get(i);
            String entry = "bindings[" + i + "] (vhost '" + b.vhost() + "', source '" + b.source()
                    + "', destination '" + b.destination() + "')";
            if (!exchanges.contains(b.vhost() + "\0" + b.source()) && !exchangeExists(b.vhost(), b.source())) {
                out.add(new DefinitionProblem(entry, "source", "no exchange '" + b.source() + "' in vhost '"
                        + b.vhost() + "' in the file or the broker"));
            }
            boolean toQueue = b.destinationType() == DestinationType.QUEUE;
            boolean inFile = (toQueue ? queues : exchanges).contains(b.vhost() + "\0" + b.destination());
            VirtualHost v = broker.vhosts().get(b.vhost());
            boolean inBroker = toQueue ? v != null && v.queue(b.destination()) != null
                    : exchangeExists(b.vhost(), b.destination());
            if (!inFile && !inBroker) {
                out.add(new DefinitionProblem(entry, "destination", "no " + (toQueue ? "queue" : "exchange") + " '"
                        + b.destination() + "' in vhost '" + b.vhost() + "' in the file or the broker"));
            }
        }
    }

    /** In the broker, or one of the standard exchanges every vhost has (files never list those). */
    private boolean exchangeExists(String vhost, String name) {
        VirtualHost v = broker.vhosts().get(vhost);
        if (v != null) {
            return v.exchanges().lookup(name) != null;
        }
        return name.isEmpty() || io.warren.exchange.ExchangeRegistry.withStandardExchanges().lookup(name) != null;
    }

    private static void check(List<Policy> policies, boolean operator, String section, List<DefinitionProblem> out) {
        for (int i = 0; i < policies.size(); i++) {
            Policy p = policies.get(i);
            try {
                PolicyValidator.validate(p, operator);
            } catch (PolicyException e) {
                out.add(new DefinitionProblem(section + "[" + i + "] (vhost '" + p.vhost() + "', name '" + p.name() + "')",
                        "definition", e.getMessage()));
            }
        }
    }

    private CompletableFuture<Void> apply(Definitions d) {
        List<CompletableFuture<?>> writes = new ArrayList<>();
        for (VirtualHostDefinition v : d.vhosts()) {
            writes.add(broker.addVhost(v.name(), new VhostMetadata(v.description(), v.tags(), v.defaultQueueType(),
                    v.limits() == null ? Map.of() : new LinkedHashMap<>(v.limits()))));
        }
        for (UserDefinition u : d.users()) {
            writes.add(broker.users().put(new User(u.name(), u.hasPassword() ? u.toPasswordHash() : null,
                    new java.util.LinkedHashSet<>(u.tags()), u.limits() == null ? Map.of() : new LinkedHashMap<>(u.limits()))));
        }
        for (PermissionDefinition p : d.permissions()) {
            writes.add(broker.permissions().set(new Permission(p.user(), p.vhost(), p.configure(), p.write(), p.read())));
        }
        for (TopicPermissionDefinition p : d.topicPermissions()) {
            writes.add(broker.permissions().setTopic(
                    new TopicPermission(p.user(), p.vhost(), p.exchange(), p.write(), p.read())));
        }
        for (ParameterDefinition p : d.parameters()) {
            if (!ParameterDefinition.OPERATOR_POLICY.equals(p.component())) {
                writes.add(broker.parameters().set(new Parameter(p.vhost(), p.component(), p.name(), p.value())));
            }
        }
        for (GlobalParameterDefinition g : d.globalParameters()) {
            writes.add(broker.parameters().setGlobal(new GlobalParameter(g.name(), g.value())));
        }
        for (Policy p : d.policies()) {
            writes.add(vhost(p.vhost()).putPolicy(p, false));
        }
        for (Policy p : d.operatorPolicies()) {
            writes.add(vhost(p.vhost()).putPolicy(p, true));
        }
        for (ExchangeDefinition x : d.exchanges()) {
            if (!x.isReserved() && vhost(x.vhost()).exchanges().lookup(x.name()) == null) {
                vhost(x.vhost()).declareExchange(x.name(), ExchangeType.fromWireName(x.type()), x.durable(),
                        x.autoDelete(), x.internal(), x.arguments());
            }
        }
        for (QueueDefinition q : d.queues()) {
            VirtualHost v = vhost(q.vhost());
            if (v.queue(q.name()) == null) {
                v.declareQueue(new io.warren.queue.QueueDefinition(q.vhost(), q.name(), q.durable(), false,
                        q.autoDelete(), typedArguments(q), null), broker.queueOwner());
            }
        }
        for (BindingDefinition b : d.bindings()) {
            vhost(b.vhost()).bind(new Binding(b.source(),
                    b.destinationType() == DestinationType.QUEUE ? DestinationKind.QUEUE : DestinationKind.EXCHANGE,
                    b.destination(), b.routingKey(), b.arguments()));
        }
        Set<String> touched = new HashSet<>();
        d.queues().forEach(q -> touched.add(q.vhost()));
        d.exchanges().forEach(x -> touched.add(x.vhost()));
        d.bindings().forEach(b -> touched.add(b.vhost()));
        for (String name : touched) {
            writes.add(vhost(name).afterJournal());
        }
        return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new));
    }

    private VirtualHost vhost(String name) {
        VirtualHost v = broker.vhosts().get(name);
        if (v == null) {
            // The reader checked every reference against the file and the broker.
            throw new IllegalStateException("vhost '" + name + "' vanished during the import");
        }
        return v;
    }

    /**
     * The queue's arguments with its {@code type} as {@code x-queue-type} when the file gives the
     * type only in the {@code type} field, so that the queue keeps its type.
     */
    private static Map<String, Object> typedArguments(QueueDefinition q) {
        if (q.type() == null || q.arguments().containsKey("x-queue-type")) {
            return q.arguments();
        }
        Map<String, Object> args = new LinkedHashMap<>(q.arguments());
        args.put("x-queue-type", q.type());
        return args;
    }
}
