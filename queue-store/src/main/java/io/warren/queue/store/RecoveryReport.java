package io.warren.queue.store;

import java.util.List;

/**
 * What opening a queue's log found on disk.
 *
 * @param cleanShutdown  whether the log was closed cleanly last time. After an unclean shutdown
 *                       every recovered message reads back as redelivered, as RabbitMQ does,
 *                       because delivery marks of the last moments may not have reached the disk
 * @param messages       messages stored and not acked
 * @param bytes          their size on disk
 * @param segments       segment files kept
 * @param bytesScanned   bytes read to recover; grows with what is still stored, not with history
 * @param corruption     damaged or torn records that were skipped, oldest first
 */
public record RecoveryReport(boolean cleanShutdown, long messages, long bytes, int segments,
                             long bytesScanned, List<CorruptionReport> corruption) {
    public RecoveryReport {
        corruption = List.copyOf(corruption);
    }
}
