package io.warren.broker.access;

import io.warren.broker.durable.TopologyJournal;
import io.warren.broker.durable.TopologyRecord;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Where users, permissions, parameters and policies write their changes: the topology journal,
 * or nowhere for a broker that keeps everything in memory. Thread-safe.
 */
public final class AccessJournal {
    private final TopologyJournal journal;

    /** @param journal null keeps changes in memory only */
    public AccessJournal(TopologyJournal journal) {
        this.journal = journal;
    }

    /**
     * Appends records; the future completes (on the journal's thread) once they are on disk, or
     * exceptionally with a {@link io.warren.broker.durable.JournalWriteException}.
     */
    public CompletableFuture<Void> append(TopologyRecord... records) {
        if (journal == null) {
            return CompletableFuture.completedFuture(null);
        }
        return journal.append(List.of(records));
    }
}
