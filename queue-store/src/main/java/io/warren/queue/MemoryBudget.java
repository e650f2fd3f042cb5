package io.warren.queue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.IntStream;

/**
 * The heap that messages may hold across every queue of a broker, and the accounting that keeps
 * them within it. Each queue keeps an {@link Account} of what it holds (ready messages in memory,
 * messages on their way to its log, unacked deliveries, dead letters in flight) and publishes it
 * after each batch of work; publishers add what they have handed to queues and the queues have
 * not taken yet. {@link #rebalance()}, called periodically, asks the queues holding the most
 * pageable messages to page them out to disk, on their owner threads, until the total is back
 * under the limit with a margin; while it is over, {@link #tight()} tells queues to page new
 * messages at once and to read back from disk in small batches.
 *
 * <p>What a message costs is {@link Message#memorySize()}. A message routed to several queues is
 * counted once per queue: that overstates fan-out, which only makes paging start sooner.
 *
 * <p>Thread-safe: queues update their accounts on their owner threads, anyone may read.
 */
public final class MemoryBudget {
    /** Less than this is not worth a task and a flush: a queue asked to page out pages at least this much. */
    static final long MIN_PAGE_OUT = 256 * 1024;
    /** How far under the limit paging brings the total: a fifth of the limit, so that it does not page again at once. */
    static final int MARGIN_DIVISOR = 5;
    /**
     * Queues asked to page out per {@link #rebalance()}: each writes a batch of its own, so
     * thousands at once would need thousands of write buffers at the moment memory is short.
     */
    static final int MAX_ASKED = 64;

    private static final MemoryBudget UNLIMITED = new MemoryBudget(Long.MAX_VALUE, false);

    private final LongAdder used = new LongAdder();
    private final Set<Account> accounts = ConcurrentHashMap.newKeySet();
    private final boolean pages;
    private volatile long limit;
    private volatile boolean tight;

    /** @param limit heap bytes queued messages may hold before queues page them out */
    public MemoryBudget(long limit) {
        this(limit, true);
    }

    private MemoryBudget(long limit, boolean pages) {
        this.limit = limit;
        this.pages = pages;
    }

    /**
     * The budget that never pages, shared by queues whose broker does not watch its memory (unit
     * tests): it keeps no list of queues, and its limit cannot change.
     */
    public static MemoryBudget unlimited() {
        return UNLIMITED;
    }

    public long limit() {
        return limit;
    }

    /** Changes the limit (the memory watermark changed); takes effect at the next {@link #rebalance()}. */
    public void limit(long bytes) {
        if (!pages) {
            throw new UnsupportedOperationException("the unlimited budget has no limit to change");
        }
        limit = bytes;
    }

    /** Heap held by messages in queues and on their way to queues, as accounted now. */
    public long used() {
        return used.sum();
    }

    /**
     * Accounts {@code bytes} of messages handed to queues and not yet taken by them (negative
     * once taken). Any thread.
     */
    public void inFlight(long bytes) {
        used.add(bytes);
    }

    /** Whether the total was over the limit at the last {@link #rebalance()}. */
    public boolean tight() {
        return tight;
    }

    /** How many queues hold an account. */
    public int queues() {
        return accounts.size();
    }

    /**
     * If the total is over the limit, asks queues to page out, biggest first, enough to bring it
     * a margin under the limit once the messages already on their way to disk are written.
     * Queues already asked and not done yet are left alone. Any thread.
     *
     * @return how many queues were asked
     */
    public int rebalance() {
        long max = limit;
        long total = used();
        tight = total > max;
        if (!tight) {
            return 0;
        }
        List<Account> candidates = new ArrayList<>();
        long releasing = 0;
        for (Account a : accounts) {
            releasing += a.releasing;
            if (!a.asked && a.pageable > 0) {
                candidates.add(a);
            }
        }
        long excess = total - releasing - (max - max / MARGIN_DIVISOR);
        if (excess <= 0 || candidates.isEmpty()) {
            return 0;
        }
        long[] pageable = new long[candidates.size()];
        for (int i = 0; i < pageable.length; i++) {
            pageable[i] = candidates.get(i).pageable;
        }
        long[] amounts = plan(pageable, excess);
        int asked = 0;
        for (int i = 0; i < amounts.length && asked < MAX_ASKED; i++) {
            if (amounts[i] > 0) {
                candidates.get(i).ask(amounts[i]);
                asked++;
            }
        }
        return asked;
    }

    /**
     * How much each queue should page out to free {@code excess} bytes, biggest first: the
     * queues are taken in order of what they can page out, largest first, and each gives all it
     * has, or what is still missing but at least {@link #MIN_PAGE_OUT}, until nothing is.
     *
     * @param pageable what each queue can page out, in bytes
     * @return bytes to page out per queue, in the same order; never more than the queue has
     */
    static long[] plan(long[] pageable, long excess) {
        long[] out = new long[pageable.length];
        Integer[] order = IntStream.range(0, pageable.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingLong((Integer i) -> pageable[i]).reversed());
        long left = excess;
        for (int i : order) {
            if (left <= 0 || pageable[i] <= 0) {
                break;
            }
            long take = Math.min(pageable[i], Math.max(left, MIN_PAGE_OUT));
            out[i] = take;
            left -= take;
        }
        return out;
    }

    /** Opens the account of a new queue. */
    Account open(MessageQueue queue) {
        Account a = new Account(this, queue);
        if (pages) {
            accounts.add(a);
        }
        return a;
    }

    /**
     * What one queue holds. {@link #update} is called by the queue's owner thread; the budget
     * reads the volatile parts from whichever thread rebalances.
     */
    static final class Account {
        private final MemoryBudget budget;
        private final MessageQueue queue;
        // Owner thread: what this account last added to the budget's total.
        private long published;
        private volatile long pageable;
        private volatile long releasing;
        private volatile boolean asked;

        private Account(MemoryBudget budget, MessageQueue queue) {
            this.budget = budget;
            this.queue = queue;
        }

        /**
         * @param total     heap the queue's messages hold
         * @param pageable  the part of it the queue could page out now
         * @param releasing the part that is being written and leaves memory once it is
         */
        void update(long total, long pageable, long releasing) {
            long delta = total - published;
            if (delta != 0) {
                budget.used.add(delta);
                published = total;
            }
            if (pageable != this.pageable) {
                this.pageable = pageable;
            }
            if (releasing != this.releasing) {
                this.releasing = releasing;
            }
        }

        /** The queue is gone: what it held no longer counts. Owner thread. */
        void close() {
            update(0, 0, 0);
            budget.accounts.remove(this);
        }

        private void ask(long bytes) {
            asked = true;
            try {
                queue.owner().execute(() -> {
                    try {
                        queue.pageOut(bytes);
                    } finally {
                        asked = false;
                    }
                });
            } catch (RejectedExecutionException shuttingDown) {
                asked = false;
            }
        }
    }
}
