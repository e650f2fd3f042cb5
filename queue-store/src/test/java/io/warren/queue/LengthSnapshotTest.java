package io.warren.queue;

import io.netty.channel.DefaultEventLoop;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The lengths a queue publishes for other threads (the management API, the metrics) are never
 * stale: after any sequence of the operations that change what a queue holds (publish, get with
 * and without ack, ack, reject and nack with and without requeue, one at a time or in a batch,
 * consumers that come, take, settle and go, purge), once the owner thread is idle the published
 * ready and unacked counts and bytes equal the queue's own figures and a model kept beside it.
 */
class LengthSnapshotTest {
    private static final DefaultEventLoop LOOP = new DefaultEventLoop();

    @AfterContainer
    static void stop() {
        LOOP.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** One step of a run, decoded from a number so that jqwik can shrink a failing run. */
    private enum Op {
        PUBLISH, GET_ACK, GET_NO_ACK, ACK, ACK_BATCH, REJECT, NACK_BATCH, REQUEUE, CONSUME, CONSUMER_ACK,
        CONSUMER_REJECT, CONSUMER_REQUEUE, CANCEL, PURGE
    }

    private static final class Run {
        final MessageQueue queue = new MessageQueue(new QueueDefinition("/", "q", false, false, false, Map.of(), null),
                LOOP, () -> { });
        final List<QueueEntry> got = new ArrayList<>();
        final List<RecordingConsumer> consumers = new ArrayList<>();
        int published;

        void apply(Op op, int n) {
            switch (op) {
                case PUBLISH -> {
                    for (int i = 0; i <= n % 3; i++) {
                        queue.enqueue(new Message("", "q", new byte[] {0, 0},
                                ("m" + published++).getBytes(StandardCharsets.UTF_8), false));
                    }
                }
                case GET_ACK -> {
                    QueueEntry e = queue.get(false);
                    if (e != null) {
                        got.add(e);
                    }
                }
                case GET_NO_ACK -> queue.get(true);
                case ACK -> settleOne(got, e -> queue.ack(e));
                case ACK_BATCH -> queue.ack(takeAll(got));
                case REJECT -> settleOne(got, e -> queue.discard(e));
                case NACK_BATCH -> queue.discard(takeAll(got));
                case REQUEUE -> queue.requeue(takeAll(got));
                case CONSUME -> {
                    RecordingConsumer c = new RecordingConsumer(1 + n % 4, 0, n % 5 == 0);
                    consumers.add(c);
                    queue.addConsumer(c, false);
                }
                case CONSUMER_ACK -> consumerSettles(n, entries -> queue.ack(entries));
                case CONSUMER_REJECT -> consumerSettles(n, entries -> queue.discard(entries));
                case CONSUMER_REQUEUE -> consumerSettles(n, entries -> queue.requeue(entries));
                case CANCEL -> {
                    if (!consumers.isEmpty()) {
                        // The channel keeps what the consumer had unacked (still settled later); cancel
                        // alone changes no length.
                        queue.removeConsumer(consumers.get(n % consumers.size()));
                    }
                }
                case PURGE -> queue.purge();
            }
        }

        private void settleOne(List<QueueEntry> from, java.util.function.Consumer<QueueEntry> settle) {
            if (!from.isEmpty()) {
                settle.accept(from.remove(0));
            }
        }

        /** A consumer settles what it was handed and takes more: its credit comes back, as a channel's does. */
        private void consumerSettles(int n, java.util.function.Consumer<List<QueueEntry>> settle) {
            if (consumers.isEmpty()) {
                return;
            }
            RecordingConsumer c = consumers.get(n % consumers.size());
            if (c.autoAck()) {
                c.entries.clear();
                return;
            }
            List<QueueEntry> entries = takeAll(c.entries);
            if (!entries.isEmpty()) {
                settle.accept(entries);
                c.credit += entries.size();
                queue.requestDrain();
            }
        }

        private static List<QueueEntry> takeAll(List<QueueEntry> from) {
            List<QueueEntry> all = new ArrayList<>(from);
            from.clear();
            return all;
        }

        List<QueueEntry> owed() {
            List<QueueEntry> owed = new ArrayList<>(got);
            for (RecordingConsumer c : consumers) {
                if (!c.autoAck()) {
                    owed.addAll(c.entries);
                }
            }
            return owed;
        }
    }

    @Property(tries = 300)
    void publishedLengthsMatchTheQueueOnceItsThreadIsIdle(
            @ForAll @Size(max = 40) List<@IntRange(min = 0, max = 13 * 16) Integer> steps) throws Exception {
        Run run = new Run();
        try {
            for (int step : steps) {
                Op op = Op.values()[step % Op.values().length];
                LOOP.submit(() -> run.apply(op, step / Op.values().length)).get();
                // Let the delivery pass the step scheduled run, then read as another thread would.
                LOOP.submit(() -> { }).get();
                QueueStats s = run.queue.stats();
                int ready = LOOP.submit(run.queue::messageCount).get();
                long readyBytes = LOOP.submit(run.queue::readyBytes).get();
                String after = "after " + op + " in " + steps;
                assertEquals(ready, s.readySnapshot(), "messages_ready " + after);
                assertEquals(readyBytes, s.readyBytesSnapshot(), "message_bytes_ready " + after);
                assertEquals((int) LOOP.submit(run.queue::unackedCount).get(), s.unackedSnapshot(),
                        "messages_unacknowledged " + after);
                // Unacked entries are those the model holds: got, and handed to consumers with acks.
                List<QueueEntry> owed = LOOP.submit(run::owed).get();
                assertEquals(owed.size(), s.unackedSnapshot(), "unacked by the model " + after);
                assertEquals(owed.stream().mapToLong(e -> e.message().bodySize()).sum(), s.unackedBytesSnapshot(),
                        "message_bytes_unacknowledged " + after);
            }
        } finally {
            LOOP.submit(run.queue::delete).get();
        }
    }
}
