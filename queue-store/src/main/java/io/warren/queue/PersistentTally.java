package io.warren.queue;

/**
 * How many persistent messages a part of a queue holds (its ready list, its backlog, its unacked
 * deliveries), and their body bytes: what RabbitMQ reports as {@code messages_persistent} and
 * {@code message_bytes_persistent}. Changed only by the queue's owner thread.
 */
final class PersistentTally {
    private long count;
    private long bytes;

    void add(Message m) {
        if (m.persistent()) {
            count++;
            bytes += m.bodySize();
        }
    }

    void remove(Message m) {
        if (m.persistent()) {
            count--;
            bytes -= m.bodySize();
        }
    }

    void clear() {
        count = 0;
        bytes = 0;
    }

    long count() {
        return count;
    }

    long bytes() {
        return bytes;
    }
}
