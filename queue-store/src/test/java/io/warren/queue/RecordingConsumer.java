package io.warren.queue;

import java.util.ArrayList;
import java.util.List;

/** A real consumer for tests: a fixed amount of credit and a record of what it was handed. */
final class RecordingConsumer implements QueueConsumer {
    final List<String> received = new ArrayList<>();
    final List<Boolean> redelivered = new ArrayList<>();
    final List<QueueEntry> entries = new ArrayList<>();
    int credit;
    int batches;
    boolean cancelled;
    private final int priority;
    private final boolean autoAck;

    RecordingConsumer(int credit, int priority, boolean autoAck) {
        this.credit = credit;
        this.priority = priority;
        this.autoAck = autoAck;
    }

    @Override
    public boolean tryAcquireCredit() {
        if (credit == 0) {
            return false;
        }
        credit--;
        return true;
    }

    @Override
    public void deliver(MessageQueue queue, QueueEntry entry, boolean redelivered) {
        received.add(new String(entry.message().body()));
        this.redelivered.add(redelivered);
        entries.add(entry);
    }

    @Override
    public void endOfBatch() {
        batches++;
    }

    @Override
    public int priority() {
        return priority;
    }

    @Override
    public boolean autoAck() {
        return autoAck;
    }

    @Override
    public void cancelledByQueue(MessageQueue queue) {
        cancelled = true;
    }
}
