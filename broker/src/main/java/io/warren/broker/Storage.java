package io.warren.broker;

import io.warren.broker.durable.TopologyJournal;
import io.warren.queue.store.MessageStore;
import io.warren.queue.store.QueueLog;
import io.warren.queue.store.StorageHealth;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Where durable state goes: the topology journal and the message store. A broker without one
 * keeps everything in memory.
 */
public record Storage(TopologyJournal journal, MessageStore messages) {

    /** Where the journal's and the store's faults are reported. */
    public StorageHealth health() {
        return messages.health();
    }

    /** Opens (and recovers) the log of a durable queue. */
    QueueLog openQueueLog(String vhost, String queue) {
        try {
            return messages.openQueue(vhost, queue);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the message log of queue '" + queue + "' in vhost '"
                    + vhost + "'", e);
        }
    }
}
