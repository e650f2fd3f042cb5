package io.warren.broker;

import io.netty.util.concurrent.EventExecutor;
import io.warren.broker.durable.DurableTopology;
import io.warren.broker.durable.TopologyJournal;
import io.warren.broker.durable.TopologyRecord;
import io.warren.dlx.policy.EffectiveSettings;
import io.warren.broker.access.JsonValues;
import io.warren.broker.access.VhostMetadata;
import io.warren.broker.limits.BoundedCount;
import io.warren.broker.queuetype.QueueTypes;
import io.warren.broker.stats.BrokerStatistics;
import io.warren.dlx.policy.ApplyTo;
import io.warren.dlx.policy.Policy;
import io.warren.dlx.policy.PolicyRegistry;
import io.warren.exchange.Binding;
import io.warren.exchange.DestinationKind;
import io.warren.exchange.Exchange;
import io.warren.exchange.ExchangeRegistry;
import io.warren.exchange.ExchangeType;
import io.warren.exchange.Removal;
import io.warren.queue.MemoryBudget;
import io.warren.queue.MessageQueue;
import io.warren.queue.PagingSettings;
import io.warren.queue.QueueDefinition;
import io.warren.queue.QueueSettings;
import io.warren.queue.store.QueueLog;
import io.warren.queue.store.UnknownFormatException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * A virtual host: its exchanges (with bindings) and its queues. Thread-safe: any connection's
 * event loop may look up, create and delete; each queue's own state is changed only on its
 * owner thread.
 *
 * <p>Changes to durable objects are written to the topology journal as they are made; callers
 * that owe a client a reply for such a change wait for {@link #afterJournal} before sending it.
 */
public final class VirtualHost {
    private static final Logger LOG = LoggerFactory.getLogger(VirtualHost.class);
    private final String name;
    private final Storage storage;
    private final TopologyJournal journal;
    private final ExchangeRegistry exchanges = ExchangeRegistry.withStandardExchanges();
    private final Map<String, MessageQueue> queues = new ConcurrentHashMap<>();
    // Durable queues whose stored messages could not be read at boot; never also in queues.
    private final Map<String, UnavailableQueue> unavailable = new ConcurrentHashMap<>();
    private final PolicyRegistry policies = new PolicyRegistry();
    private final DeadLetterPublisher deadLetters = new DeadLetterPublisher(this);
    private volatile VhostMetadata metadata = VhostMetadata.NONE;
    private final BoundedCount connections = new BoundedCount();
    // Counts the entries of queues, taken inside computeIfAbsent so that the check against the
    // queue limit and the creation are one step.
    private final BoundedCount queueCount = new BoundedCount();
    private final BrokerStatistics statistics;
    private final PagingSettings paging;

    /** @param storage where durable changes and persistent messages go; null keeps everything in memory */
    public VirtualHost(String name, Storage storage) {
        this(name, storage, null);
    }

    /** @param statistics told of queues created and deleted here; may be null */
    public VirtualHost(String name, Storage storage, BrokerStatistics statistics) {
        this(name, storage, statistics, MemoryBudget.unlimited());
    }

    /** @param memory the broker's budget for messages in memory, which this vhost's queues share */
    public VirtualHost(String name, Storage storage, BrokerStatistics statistics, MemoryBudget memory) {
        this.paging = PagingSettings.defaults(memory);
        this.name = name;
        this.storage = storage;
        this.journal = storage == null ? null : storage.journal();
        this.statistics = statistics;
    }

    /** A queue.declare that is not passive succeeded or is about to (RabbitMQ's queue_declared churn). */
    void queueDeclared() {
        if (statistics != null) {
            statistics.churn().queueDeclared();
        }
    }

    public String name() {
        return name;
    }

    public ExchangeRegistry exchanges() {
        return exchanges;
    }

    /** This vhost's user and operator policies. */
    public PolicyRegistry policies() {
        return policies;
    }

    /** Description, tags, default queue type and limits, as set when the vhost was added. */
    public VhostMetadata metadata() {
        return metadata;
    }

    /**
     * The network connections open to this vhost, as counted against its {@code max-connections}
     * by {@link io.warren.broker.limits.LimitGate}.
     */
    public BoundedCount connections() {
        return connections;
    }

    /** How many queues this vhost holds now. */
    public int queueCount() {
        return queueCount.held();
    }

    /** Replaces the metadata; the broker journals it (see {@code Broker.addVhost}). */
    void metadata(VhostMetadata metadata) {
        this.metadata = metadata;
    }

    /**
     * Adds or replaces a user policy, or an operator policy when {@code operator}, once the
     * registry has validated it (a {@code PolicyException} otherwise); completes when journaled.
     */
    public synchronized CompletableFuture<Void> putPolicy(Policy policy, boolean operator) {
        policies.put(policy, operator);
        CompletableFuture<Void> applied = applyPolicies();
        return journalAndWait(new TopologyRecord.PolicySet(name, policy.name(), operator, policy.pattern(),
                policy.applyTo().wireName(), policy.priority(), JsonValues.write(policy.definition())))
                .thenCombine(applied, (journaled, done) -> null);
    }

    /** Deletes a policy; completes with false when there was none of that name. */
    public synchronized CompletableFuture<Boolean> deletePolicy(String policyName, boolean operator) {
        if (!policies.remove(policyName, operator)) {
            return CompletableFuture.completedFuture(false);
        }
        CompletableFuture<Void> applied = applyPolicies();
        return journalAndWait(new TopologyRecord.PolicyDeleted(name, policyName, operator))
                .thenCombine(applied, (journaled, done) -> true);
    }

    private CompletableFuture<Void> journalAndWait(TopologyRecord record) {
        return journal == null ? CompletableFuture.completedFuture(null) : journal.append(List.of(record));
    }

    /**
     * Deletes every queue (their stored messages with them) and forgets the exchanges, for the
     * vhost's deletion; the broker journals the vhost's end, which covers the exchanges.
     */
    void deleteContents() {
        for (MessageQueue q : new ArrayList<>(queues.values())) {
            deleteQueue(q);
        }
        for (String unreadable : new ArrayList<>(unavailable.keySet())) {
            deleteUnavailable(unreadable);
        }
    }

    public MessageQueue queue(String queueName) {
        return queues.get(queueName);
    }

    public Collection<MessageQueue> queues() {
        return queues.values();
    }

    /** The durable queue of that name whose files could not be read at boot, or null. */
    public UnavailableQueue unavailableQueue(String queueName) {
        return unavailable.get(queueName);
    }

    /** Durable queues whose files could not be read at boot (see {@link UnavailableQueue}). */
    public Collection<UnavailableQueue> unavailableQueues() {
        return unavailable.values();
    }

    /**
     * Deletes a queue whose files could not be read, as RabbitMQ deletes a crashed queue: it
     * leaves the topology with its bindings, its fault is cleared, and its files are moved to the
     * store's {@code damaged} directory rather than destroyed.
     *
     * @return false if there was no such queue
     */
    public boolean deleteUnavailable(String queueName) {
        UnavailableQueue q = unavailable.remove(queueName);
        if (q == null) {
            return false;
        }
        Removal removal = exchanges.removeBindingsTo(DestinationKind.QUEUE, queueName);
        List<TopologyRecord> records = new ArrayList<>();
        records.add(new TopologyRecord.QueueDeleted(name, queueName));
        addExchangeDeletions(removal, records);
        journal(records);
        String subject = UnavailableQueue.subject(name, queueName);
        try {
            java.nio.file.Path aside = storage.messages().setAside(name, queueName);
            LOG.warn("{} was deleted; its files are kept in {}", subject, aside);
        } catch (java.io.IOException e) {
            LOG.error("{} was deleted, but its files could not be set aside: {}", subject, e.toString());
        }
        storage.health().clear(subject);
        return true;
    }

    /**
     * Creates the queue unless one of that name exists, and returns whichever is registered.
     * A new queue is owned by {@code owner}, the event loop of the declaring connection, on the
     * bet that its publisher or consumer lives there too and most hand-offs stay on one thread.
     * A new durable, non-exclusive queue is journaled. No queue limit applies.
     */
    public MessageQueue declareQueue(QueueDefinition definition, EventExecutor owner) {
        return declareQueue(definition, owner, BoundedCount.UNLIMITED);
    }

    /**
     * As {@link #declareQueue(QueueDefinition, EventExecutor)}, but creates the queue only if the
     * vhost then holds no more than {@code queueLimit} queues (negative: no limit), and returns
     * null otherwise. The check and the creation are atomic with respect to other declares.
     */
    public MessageQueue declareQueue(QueueDefinition definition, EventExecutor owner, long queueLimit) {
        MessageQueue q = queues.computeIfAbsent(definition.name(),
                n -> newQueueWithin(queueLimit, definition, owner, true));
        if (q == null) {
            return null;
        }
        if (q.definition() == definition && survivesRestart(definition)) {
            journal(new TopologyRecord.QueueDeclared(name, definition.name(), definition.autoDelete(),
                    definition.arguments()));
        }
        return q;
    }

    private MessageQueue newQueueWithin(long queueLimit, QueueDefinition definition, EventExecutor owner,
                                        boolean takeBackStored) {
        if (!queueCount.tryAcquire(queueLimit)) {
            return null;
        }
        try {
            return newQueue(definition, owner, takeBackStored);
        } catch (RuntimeException | Error e) {
            queueCount.release();
            throw e;
        }
    }

    /**
     * @param takeBackStored a durable queue whose log already holds messages takes them back: its
     *                       declaration was lost to damage in the topology journal, and the broker
     *                       kept the log for a redeclare. This runs before the queue is in the map,
     *                       so nothing can have been published to it yet.
     */
    private MessageQueue newQueue(QueueDefinition definition, EventExecutor owner, boolean takeBackStored) {
        MessageQueue[] self = new MessageQueue[1];
        boolean durable = storage != null && survivesRestart(definition);
        QueueLog log = durable ? storage.openQueueLog(name, definition.name()) : null;
        // A queue that does not survive a restart still pages a long backlog out to disk, through
        // a log opened only when its head first fills; whatever it leaves is deleted at the next start.
        Supplier<QueueLog> spill = storage != null && !durable
                ? () -> storage.openQueueLog(name, definition.name()) : null;
        self[0] = new MessageQueue(definition, owner, () -> deleteQueue(self[0]), log, spill, paging,
                settingsFor(definition), deadLetters);
        if (takeBackStored && log != null && log.messageCount() > 0) {
            LOG.warn("queue '{}' in vhost '{}': declared again, takes back the {} messages its log kept",
                    definition.name(), name, log.messageCount());
            self[0].recover();
        }
        if (statistics != null) {
            statistics.churn().queueCreated();
        }
        return self[0];
    }

    /** What a queue's arguments and the policies matching it come to, by RabbitMQ's precedence. */
    QueueSettings settingsFor(QueueDefinition definition) {
        return EffectiveSettings.forQueue(definition.arguments(),
                policies.match(definition.name(), QueueTypes.of(definition.arguments()).policyTarget(), false),
                policies.match(definition.name(), QueueTypes.of(definition.arguments()).policyTarget(), true));
    }

    /**
     * Applies the current policies to every queue and exchange, as RabbitMQ does when a policy
     * is set or cleared: queues get their new effective settings on their owner threads, and
     * exchanges their policy alternate exchange. The future completes once every queue has its
     * new settings, so that whoever changed a policy can answer only when it is in effect.
     */
    public CompletableFuture<Void> applyPolicies() {
        List<CompletableFuture<Void>> applied = new ArrayList<>();
        for (MessageQueue q : queues.values()) {
            QueueSettings s = settingsFor(q.definition());
            CompletableFuture<Void> done = new CompletableFuture<>();
            applied.add(done);
            q.owner().execute(() -> {
                try {
                    q.applySettings(s);
                } finally {
                    done.complete(null);
                }
            });
        }
        for (Exchange x : exchanges.exchanges()) {
            Policy p = policies.match(x.name(), PolicyRegistry.Target.EXCHANGE, false);
            exchanges.setPolicyAlternateExchange(x.name(), p == null ? null : policyAlternateExchange(p));
        }
        return CompletableFuture.allOf(applied.toArray(CompletableFuture[]::new));
    }

    /** The policy's alternate-exchange, which an exchange's own argument overrides when routing. */
    private static String policyAlternateExchange(Policy p) {
        Object ae = p.definition().get("alternate-exchange");
        return ae == null ? null : ae.toString();
    }

    /**
     * Unregisters a queue and its bindings at once (so nothing routes to it any more) and then
     * deletes it on its owner thread, where its consumers are cancelled.
     */
    public void deleteQueue(MessageQueue queue) {
        if (queue != null && queues.remove(queue.name(), queue)) {
            queueCount.release();
            Removal removal = exchanges.removeBindingsTo(DestinationKind.QUEUE, queue.name());
            List<TopologyRecord> records = new ArrayList<>();
            if (survivesRestart(queue.definition())) {
                records.add(new TopologyRecord.QueueDeleted(name, queue.name()));
            }
            addExchangeDeletions(removal, records);
            journal(records);
            if (statistics != null) {
                statistics.queueDeleted(queue);
            }
            if (queue.owner().inEventLoop()) {
                queue.delete();
            } else {
                queue.owner().execute(queue::delete);
            }
        }
    }

    /** Declares an exchange, journaling it when durable; the broker has checked everything. */
    public Exchange declareExchange(String exchange, ExchangeType type, boolean durable, boolean autoDelete,
                                    boolean internal, Map<String, Object> arguments) {
        Exchange x = exchanges.declare(exchange, type, durable, autoDelete, internal, arguments);
        Policy p = policies.match(x.name(), PolicyRegistry.Target.EXCHANGE, false);
        if (p != null) {
            exchanges.setPolicyAlternateExchange(x.name(), policyAlternateExchange(p));
        }
        if (x.durable()) {
            journal(new TopologyRecord.ExchangeDeclared(name, x.name(), x.type().wireName(), x.autoDelete(),
                    x.internal(), x.arguments()));
        }
        return x;
    }

    public void deleteExchange(String exchange) {
        List<TopologyRecord> records = new ArrayList<>();
        addExchangeDeletions(exchanges.delete(exchange), records);
        journal(records);
    }

    /** Adds a binding; journaled when both ends survive a restart. */
    public boolean bind(Binding b) {
        boolean added = exchanges.bind(b);
        if (added && isDurable(b)) {
            journal(new TopologyRecord.Bound(name, b));
        }
        return added;
    }

    public void unbind(Binding b) {
        Removal removal = exchanges.unbind(b);
        List<TopologyRecord> records = new ArrayList<>();
        if (!removal.isEmpty()) {
            records.add(new TopologyRecord.Unbound(name, b));
        }
        addExchangeDeletions(removal, records);
        journal(records);
    }

    private boolean isDurable(Binding b) {
        Exchange source = exchanges.lookup(b.source());
        if (source == null || !source.durable()) {
            return false;
        }
        if (b.kind() == DestinationKind.EXCHANGE) {
            Exchange destination = exchanges.lookup(b.destination());
            return destination != null && destination.durable();
        }
        MessageQueue q = queues.get(b.destination());
        return q != null && survivesRestart(q.definition());
    }

    private void addExchangeDeletions(Removal removal, List<TopologyRecord> records) {
        for (Exchange x : removal.exchanges()) {
            if (x.durable()) {
                records.add(new TopologyRecord.ExchangeDeleted(name, x.name()));
            }
        }
    }

    /**
     * Puts back what the journal held at start-up, without journaling it again. Queues get their
     * owners from {@code owners}, one after another.
     */
    void restore(DurableTopology.Vhost saved, java.util.function.Supplier<EventExecutor> owners) {
        // Policies first: queues and exchanges come back with the settings they had.
        for (TopologyRecord.PolicySet p : saved.policies.values()) {
            policies.put(new Policy(name, p.name(), p.pattern(), ApplyTo.fromWireName(p.applyTo()), p.priority(),
                    JsonValues.readMap(p.definitionJson())), p.operator());
        }
        saved.exchanges.values().forEach(x -> exchanges.declare(x.name(), ExchangeType.fromWireName(x.type()),
                true, x.autoDelete(), x.internal(), x.arguments()));
        saved.queues.values().forEach(q -> restoreQueue(
                new QueueDefinition(name, q.name(), true, false, q.autoDelete(), q.arguments(), null), owners));
        for (Binding b : saved.bindings) {
            if (exchanges.lookup(b.source()) == null || (b.kind() == DestinationKind.QUEUE
                    ? !queues.containsKey(b.destination()) && !unavailable.containsKey(b.destination())
                    : exchanges.lookup(b.destination()) == null)) {
                // Only a damaged journal loses an end and keeps the binding (deletions take bindings with them).
                LOG.error("vhost '{}': binding from '{}' to {} '{}' with key '{}' not restored: the declaration of one"
                        + " of its ends was lost to damage in the topology journal", name, b.source(),
                        b.kind() == DestinationKind.QUEUE ? "queue" : "exchange", b.destination(), b.routingKey());
                continue;
            }
            exchanges.bind(b);
        }
        applyPolicies();
        if (saved.metadata != null) {
            TopologyRecord.VhostMetadataSet m = saved.metadata;
            metadata = new VhostMetadata(m.description(), m.tags(),
                    m.defaultQueueType().isEmpty() ? null : m.defaultQueueType(), JsonValues.readMap(m.limitsJson()));
        }
    }

    /**
     * Brings back one durable queue with its stored messages. A queue whose files cannot be read
     * becomes an {@link UnavailableQueue} (logged, reported to the storage health) while every
     * other queue serves; a file of a newer format stops the start, since reading on would serve
     * less than is stored.
     */
    private void restoreQueue(QueueDefinition definition, Supplier<EventExecutor> owners) {
        MessageQueue mq = null;
        try {
            mq = queues.computeIfAbsent(definition.name(),
                    n -> newQueueWithin(BoundedCount.UNLIMITED, definition, owners.get(), false));
            // Loading the recovered messages is queue state: do it on the owner thread.
            mq.owner().submit(mq::recover).syncUninterruptibly();
        } catch (RuntimeException e) {
            Throwable cause = e;
            while (cause.getCause() != null && !(cause instanceof java.io.IOException)) {
                cause = cause.getCause();
            }
            if (cause instanceof UnknownFormatException unknown) {
                throw new IllegalStateException("cannot start: " + unknown.getMessage(), unknown);
            }
            if (mq != null && queues.remove(definition.name(), mq)) {
                queueCount.release();
            }
            String file = cause instanceof java.nio.file.FileSystemException fs && fs.getFile() != null ? fs.getFile()
                    : storage.messages().directoryOf(name, definition.name()).toString();
            String reason = cause instanceof java.nio.file.FileSystemException fs && fs.getReason() != null
                    ? fs.getReason() : cause.toString();
            String subject = UnavailableQueue.subject(name, definition.name());
            LOG.error("{} is unavailable: its stored messages cannot be read from {} ({}). Every other queue "
                    + "serves; clients using it get 404 NOT_FOUND until the file is mended and the broker restarted, "
                    + "or the queue is deleted", subject, file, reason, e);
            unavailable.put(definition.name(), new UnavailableQueue(definition, file, reason));
            storage.health().report(subject, name, file, "stored messages cannot be read: " + reason);
        }
    }

    /** Durable, non-exclusive queues come back after a restart; exclusive ones never do. */
    static boolean survivesRestart(QueueDefinition d) {
        return d.durable() && !d.exclusive();
    }

    private void journal(TopologyRecord record) {
        journal(List.of(record));
    }

    /**
     * Journals without waiting: the caller owes no reply, or waits with {@link #afterJournal},
     * which fails if these records could not be written.
     */
    private void journal(List<TopologyRecord> records) {
        if (journal != null && !records.isEmpty()) {
            journal.append(records);
        }
    }

    /**
     * Completes (on the journal's thread) once every change journaled so far is on disk, or
     * exceptionally with a {@link io.warren.broker.durable.JournalWriteException} when some could
     * not be written; at once when nothing is journaled.
     */
    public CompletableFuture<Void> afterJournal() {
        return journal == null ? CompletableFuture.completedFuture(null) : journal.append(List.of());
    }

    public boolean isJournaled() {
        return journal != null;
    }
}
