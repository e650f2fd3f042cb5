package io.warren.broker;

import io.warren.queue.MemoryBudget;
import io.warren.queue.Message;
import io.warren.queue.MessageQueue;
import io.warren.queue.QueueEntry;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one channel owes each queue since the last hand-over: messages to enqueue, entries acked,
 * requeued or discarded. Collected on the channel's thread during a socket read and handed to
 * each queue's owner as one task, so a burst of publishes or acks costs one thread hop per
 * queue, not one per message.
 *
 * <p>Messages handed to another thread count against the queues' {@link MemoryBudget} until the
 * queue has taken them, so that a queue whose thread falls behind shows up as memory in use. A
 * failure while a queue applies its batch (an Error included) is logged with the queue's name and
 * does not stop the rest of the batch.
 */
final class QueueWork {
    private static final Logger LOG = LoggerFactory.getLogger(QueueWork.class);

    private static final class Batch {
        List<Message> messages;
        long memory;
        List<Runnable> onDurable; // parallel to messages; null entries when nothing waits
        List<Runnable> onRejected; // likewise
        List<QueueEntry> acks;
        List<QueueEntry> requeues;
        List<QueueEntry> discards;

        void applyTo(MessageQueue q) {
            if (messages != null) {
                int failed = 0;
                Throwable first = null;
                for (int i = 0, n = messages.size(); i < n; i++) {
                    Runnable durable = onDurable == null ? null : onDurable.get(i);
                    Runnable rejected = onRejected == null ? null : onRejected.get(i);
                    if (durable != null && rejected != null) {
                        Settlement once = new Settlement(durable, rejected);
                        durable = once;
                        rejected = once::rejected;
                    }
                    try {
                        q.enqueue(messages.get(i), durable, rejected);
                    } catch (RuntimeException | Error e) {
                        failed++;
                        first = first == null ? e : first;
                        // The publisher is owed an answer: a nack, since the queue may not have
                        // the message. Whatever the failed enqueue set in motion cannot answer twice.
                        if (rejected != null) {
                            rejected.run();
                        }
                    }
                }
                if (failed > 0) {
                    LOG.error("{} of {} messages could not be enqueued on {}", failed, messages.size(), q, first);
                }
            }
            if (acks != null) {
                q.ack(acks);
            }
            if (discards != null) {
                q.discard(discards);
            }
            if (requeues != null) {
                q.requeue(requeues);
            }
        }
    }

    /**
     * The two ways a publish to one queue can be answered, of which only the first to come
     * counts: an enqueue that throws is answered with a nack, and a write it had already handed to
     * the store must not answer a second time when it lands. It is itself the durable callback and
     * its own flag, so a publish that waits on disk costs two objects here, not four.
     */
    @SuppressWarnings("serial")
    private static final class Settlement extends AtomicBoolean implements Runnable {
        private final transient Runnable onDurable;
        private final transient Runnable onRejected;

        Settlement(Runnable onDurable, Runnable onRejected) {
            this.onDurable = onDurable;
            this.onRejected = onRejected;
        }

        @Override
        public void run() {
            if (compareAndSet(false, true)) {
                onDurable.run();
            }
        }

        void rejected() {
            if (compareAndSet(false, true)) {
                onRejected.run();
            }
        }
    }

    private Map<MessageQueue, Batch> batches = new IdentityHashMap<>();

    void enqueue(MessageQueue q, Message m) {
        enqueue(q, m, null);
    }

    /** {@code onDurable}: run once the queue has the message on disk (see MessageQueue#enqueue). */
    void enqueue(MessageQueue q, Message m, Runnable onDurable) {
        enqueue(q, m, onDurable, null);
    }

    /** {@code onRejected}: run instead of {@code onDurable} if the queue refuses the message. */
    void enqueue(MessageQueue q, Message m, Runnable onDurable, Runnable onRejected) {
        Batch b = batch(q);
        if (b.messages == null) {
            b.messages = new ArrayList<>();
        }
        if (onDurable != null && b.onDurable == null) {
            b.onDurable = new ArrayList<>(java.util.Collections.nCopies(b.messages.size(), null));
        }
        if (onRejected != null && b.onRejected == null) {
            b.onRejected = new ArrayList<>(java.util.Collections.nCopies(b.messages.size(), null));
        }
        b.messages.add(m);
        b.memory += m.memorySize();
        if (b.onDurable != null) {
            b.onDurable.add(onDurable);
        }
        if (b.onRejected != null) {
            b.onRejected.add(onRejected);
        }
    }

    void ack(MessageQueue q, QueueEntry e) {
        Batch b = batch(q);
        if (b.acks == null) {
            b.acks = new ArrayList<>();
        }
        b.acks.add(e);
    }

    void requeue(MessageQueue q, QueueEntry e) {
        Batch b = batch(q);
        if (b.requeues == null) {
            b.requeues = new ArrayList<>();
        }
        b.requeues.add(e);
    }

    void discard(MessageQueue q, QueueEntry e) {
        Batch b = batch(q);
        if (b.discards == null) {
            b.discards = new ArrayList<>();
        }
        b.discards.add(e);
    }

    private Batch batch(MessageQueue q) {
        Batch b = batches.get(q);
        if (b == null) {
            b = new Batch();
            batches.put(q, b);
        }
        return b;
    }

    boolean isEmpty() {
        return batches.isEmpty();
    }

    /**
     * Hands every batch to its queue: inline when this thread owns the queue, else as one task.
     * Returns the queues that were given work.
     */
    java.util.Set<MessageQueue> handOver() {
        if (batches.isEmpty()) {
            return java.util.Set.of();
        }
        Map<MessageQueue, Batch> out = batches;
        batches = new IdentityHashMap<>();
        for (Map.Entry<MessageQueue, Batch> e : out.entrySet()) {
            MessageQueue q = e.getKey();
            Batch b = e.getValue();
            if (q.owner().inEventLoop()) {
                b.applyTo(q);
            } else {
                MemoryBudget budget = q.memoryBudget();
                long inFlight = b.memory;
                budget.inFlight(inFlight);
                q.owner().execute(() -> {
                    try {
                        b.applyTo(q);
                    } catch (RuntimeException | Error failure) {
                        LOG.error("work handed to {} failed", q, failure);
                    } finally {
                        budget.inFlight(-inFlight);
                    }
                });
            }
        }
        return out.keySet();
    }
}
