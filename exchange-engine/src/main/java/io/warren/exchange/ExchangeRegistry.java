package io.warren.exchange;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The exchanges of one virtual host and their bindings, and the routing of messages through them.
 *
 * <p>Threads: {@link #route}, {@link #lookup} and {@link #exchanges} may be called from any
 * thread at any time and take no lock; many event loops route at once. Topology changes
 * (declare, delete, bind, unbind, {@link #removeBindingsTo}) may come from any thread and are
 * serialised by an internal lock, as are the binding listings. A route that runs during a bind or
 * unbind sees the bindings from before or after it, never a mixture; a route during an exchange
 * delete may see some of the deleted bindings gone and others not yet.
 *
 * <p>Checks that produce protocol errors (reserved names, equivalence, argument validation,
 * whether queues exist, internal exchanges) are the broker's; see {@link Exchange#equivalenceError}
 * and {@link ArgumentValidation}.
 */
public final class ExchangeRegistry {
    private final ConcurrentHashMap<String, Exchange> exchanges = new ConcurrentHashMap<>();
    private final Object topologyLock = new Object();
    /** Guarded by topologyLock. */
    private final BindingIndex bindings = new BindingIndex();

    /** An empty registry: not even the default exchange. */
    public ExchangeRegistry() {
    }

    /**
     * A registry holding the exchanges RabbitMQ 3.10 creates in a new virtual host, all durable:
     * the default exchange {@code ""} (direct), {@code amq.direct}, {@code amq.fanout},
     * {@code amq.headers}, {@code amq.match} (headers), {@code amq.topic}, and
     * {@code amq.rabbitmq.trace} (topic, internal).
     */
    public static ExchangeRegistry withStandardExchanges() {
        ExchangeRegistry registry = new ExchangeRegistry();
        registry.declare("", ExchangeType.DIRECT, true, false, false, Map.of());
        registry.declare("amq.direct", ExchangeType.DIRECT, true, false, false, Map.of());
        registry.declare("amq.fanout", ExchangeType.FANOUT, true, false, false, Map.of());
        registry.declare("amq.headers", ExchangeType.HEADERS, true, false, false, Map.of());
        registry.declare("amq.match", ExchangeType.HEADERS, true, false, false, Map.of());
        registry.declare("amq.rabbitmq.trace", ExchangeType.TOPIC, true, false, true, Map.of());
        registry.declare("amq.topic", ExchangeType.TOPIC, true, false, false, Map.of());
        return registry;
    }

    /** The exchange with this name, or null. */
    public Exchange lookup(String name) {
        return exchanges.get(name);
    }

    /** A snapshot of the exchanges, by name. */
    public Collection<Exchange> exchanges() {
        List<Exchange> all = new ArrayList<>(exchanges.values());
        all.sort(Comparator.comparing(Exchange::name));
        return all;
    }

    /**
     * Creates the exchange, or returns the existing one of that name unchanged, whatever its
     * properties: the broker checks {@link Exchange#equivalentTo} and reserved names first.
     */
    public Exchange declare(String name, ExchangeType type, boolean durable, boolean autoDelete, boolean internal,
                            Map<String, Object> arguments) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        synchronized (topologyLock) {
            return exchanges.computeIfAbsent(name,
                    n -> new Exchange(n, type, durable, autoDelete, internal, arguments));
        }
    }

    /**
     * Deletes an exchange with every binding it is the source or destination of, then every
     * auto-delete exchange left without bindings as a source because of that, and so on.
     *
     * @return what was removed; {@link Removal#NONE} when there was no such exchange
     */
    public Removal delete(String name) {
        synchronized (topologyLock) {
            Exchange exchange = exchanges.get(name);
            if (exchange == null) {
                return Removal.NONE;
            }
            RemovalCollector removed = new RemovalCollector();
            deleteExchange(exchange, removed);
            return removed.toRemoval();
        }
    }

    /**
     * Adds a binding. Binding what is already bound (same source, destination, key and
     * arguments) changes nothing.
     *
     * @return true when the binding is new
     * @throws UnknownExchangeException when the source, or an exchange destination, does not exist
     */
    public boolean bind(Binding binding) {
        synchronized (topologyLock) {
            Exchange source = existing(binding.source());
            if (binding.kind() == DestinationKind.EXCHANGE) {
                existing(binding.destination());
            }
            if (!bindings.add(binding)) {
                return false;
            }
            source.router.add(binding);
            return true;
        }
    }

    /**
     * Removes a binding; if that was the last binding of an auto-delete source, the source is
     * deleted too (RabbitMQ's {@code maybe_auto_delete}), with what that cascades into.
     *
     * @return what was removed: empty when the binding did not exist (not an error in RabbitMQ)
     */
    public Removal unbind(Binding binding) {
        synchronized (topologyLock) {
            if (!bindings.remove(binding)) {
                return Removal.NONE;
            }
            RemovalCollector removed = new RemovalCollector();
            Exchange source = exchanges.get(binding.source());
            source.router.remove(binding);
            removed.bindings.add(binding);
            autoDeleteIfUnused(source, removed);
            return removed.toRemoval();
        }
    }

    /**
     * Removes every binding to a queue (call it when the queue is deleted) or to an exchange, and
     * auto-deletes the sources that this leaves without bindings.
     */
    public Removal removeBindingsTo(DestinationKind kind, String name) {
        synchronized (topologyLock) {
            RemovalCollector removed = new RemovalCollector();
            removeBindingsTo(kind, name, removed);
            return removed.toRemoval();
        }
    }

    /** Every binding, by source name, then in the order they were made. */
    public List<Binding> bindings() {
        synchronized (topologyLock) {
            return bindings.all();
        }
    }

    /** The bindings whose source is {@code exchange}, in the order they were made. */
    public List<Binding> bindingsFrom(String exchange) {
        synchronized (topologyLock) {
            return bindings.from(exchange);
        }
    }

    /** The bindings to a queue or exchange, in the order they were made. */
    public List<Binding> bindingsTo(DestinationKind kind, String name) {
        synchronized (topologyLock) {
            return bindings.to(kind, name);
        }
    }

    /** Whether the exchange is the source of any binding: the test of {@code exchange.delete if-unused}. */
    public boolean hasBindings(String exchange) {
        synchronized (topologyLock) {
            return bindings.hasFrom(exchange);
        }
    }

    /**
     * Sets the alternate exchange a policy gives an exchange (null for none); an
     * {@code alternate-exchange} argument still wins over it.
     *
     * @return false when there is no such exchange
     */
    public boolean setPolicyAlternateExchange(String exchange, String alternateExchange) {
        Exchange target = exchanges.get(exchange);
        if (target == null) {
            return false;
        }
        target.policyAlternateExchange(alternateExchange);
        return true;
    }

    /**
     * Routes a message published to {@code exchange} with one routing key; see
     * {@link #route(Exchange, List, Map, RouteResult)}. Allocates nothing on the direct, fanout
     * and topic paths once {@code out} has grown to fit.
     */
    public void route(Exchange exchange, String routingKey, Map<String, Object> headers, RouteResult out) {
        out.clear();
        if (exchange.isDefault()) {
            out.add(routingKey);
            return;
        }
        out.walk.run(this, exchange, routingKey, null, headers);
    }

    /**
     * Routes a message published to {@code exchange}, and fills {@code out} (cleared first) with
     * the names of its destination queues, each once.
     *
     * <p>Several routing keys stand for the publish key plus RabbitMQ's {@code CC} and
     * {@code BCC} headers: each exchange matches them all at once, so its alternate exchange is
     * used only when none of them matches. The default exchange names the queues directly: every
     * routing key is a queue name, and it has no bindings and no alternate exchange. Every other
     * exchange is routed as RabbitMQ's {@code rabbit_exchange:route/2}: bindings to exchanges are
     * followed, each exchange once; an exchange that matches no binding at all, queue or exchange,
     * passes the message to its alternate exchange if that exists (an exchange that only routes
     * to an exchange that routes nowhere therefore does not), and that applies equally to
     * exchanges reached through bindings or as alternates.
     *
     * @param headers the message's headers, or null; only headers exchanges read them
     */
    public void route(Exchange exchange, List<String> routingKeys, Map<String, Object> headers, RouteResult out) {
        out.clear();
        if (exchange.isDefault()) {
            for (String routingKey : routingKeys) {
                out.add(routingKey);
            }
            return;
        }
        out.walk.run(this, exchange, null, routingKeys, headers);
    }

    private Exchange existing(String name) {
        Exchange exchange = exchanges.get(name);
        if (exchange == null) {
            throw new UnknownExchangeException(name);
        }
        return exchange;
    }

    /** RabbitMQ's internal_delete: bindings from it, bindings to it, then auto-delete of their sources. */
    private void deleteExchange(Exchange exchange, RemovalCollector removed) {
        exchanges.remove(exchange.name(), exchange);
        removed.exchanges.add(exchange);
        for (Binding binding : bindings.from(exchange.name())) {
            bindings.remove(binding);
            exchange.router.remove(binding);
            removed.bindings.add(binding);
        }
        removeBindingsTo(DestinationKind.EXCHANGE, exchange.name(), removed);
    }

    private void removeBindingsTo(DestinationKind kind, String name, RemovalCollector removed) {
        Set<Exchange> sources = new LinkedHashSet<>();
        for (Binding binding : bindings.to(kind, name)) {
            bindings.remove(binding);
            Exchange source = exchanges.get(binding.source());
            source.router.remove(binding);
            removed.bindings.add(binding);
            sources.add(source);
        }
        for (Exchange source : sources) {
            autoDeleteIfUnused(source, removed);
        }
    }

    /**
     * Only bindings where the exchange is the source count: one that is merely a destination is
     * kept (checked on RabbitMQ 3.10.8), and so is one bound to itself.
     */
    private void autoDeleteIfUnused(Exchange source, RemovalCollector removed) {
        if (source.autoDelete() && exchanges.get(source.name()) == source && !bindings.hasFrom(source.name())) {
            deleteExchange(source, removed);
        }
    }

    private static final class RemovalCollector {
        final List<Binding> bindings = new ArrayList<>();
        final List<Exchange> exchanges = new ArrayList<>();

        Removal toRemoval() {
            return bindings.isEmpty() && exchanges.isEmpty() ? Removal.NONE : new Removal(bindings, exchanges);
        }
    }
}
