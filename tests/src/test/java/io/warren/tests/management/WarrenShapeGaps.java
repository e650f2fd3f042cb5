package io.warren.tests.management;

import java.util.List;

/**
 * The one list of fields RabbitMQ reports that Warren legitimately does not: they describe the
 * Erlang VM or RabbitMQ internals that have no counterpart on the JVM. {@link JsonShape} does
 * not report them as missing (it still reports them as extra, and a wrong type when present).
 * Every entry says why; a field that Warren could fill in honestly does not belong here.
 */
public final class WarrenShapeGaps {
    /** One allowed gap: the fields the pattern names, and why Warren cannot have them. */
    public record Gap(ShapePattern pattern, String reason) {
    }

    public static final List<Gap> GAPS = List.of(
            gap("**.garbage_collection", "Erlang process garbage-collection settings (fullsweep_after, min_heap_size...)"),
            gap("**.reductions", "Erlang reductions: the BEAM scheduler's unit of work per process"),
            gap("**.reductions_details", "rate of the Erlang reductions counter"),
            gap("erlang_version", "version of the Erlang/OTP runtime, which Warren does not run on"),
            gap("erlang_full_version", "banner of the Erlang/OTP runtime, which Warren does not run on"),
            gap("**.recoverable_slaves", "classic mirrored queues: removed in RabbitMQ 4.0, never in Warren"),
            gap("**.backing_queue_status", "internal state of RabbitMQ's classic-queue store (q1-q4, delta, version)"),
            gap("**.pending_raft_commands", "Ra (Raft) commands a channel has in flight; Warren queues are not Raft members"),
            gap("**.proc_used", "number of Erlang processes"),
            gap("**.proc_used_details", "rate of the Erlang process count"),
            gap("**.proc_total", "Erlang process limit"),
            gap("**.memory", "an Erlang queue process's heap; Warren does not account heap per queue"),
            gap("**.io_read_avg_time", "RabbitMQ's file-handle I/O statistics; Warren's store does not report them yet"),
            gap("**.io_read_avg_time_details", "rate of io_read_avg_time: RabbitMQ's file-handle I/O statistics; Warren's store does not report them yet"),
            gap("**.io_read_bytes", "RabbitMQ's file-handle I/O statistics; Warren's store does not report them yet"),
            gap("**.io_read_bytes_details", "rate of io_read_bytes: RabbitMQ's file-handle I/O statistics; Warren's store does not report them yet"),
            gap("**.io_read_count", "RabbitMQ's file-handle I/O statistics; Warren's store does not report them yet"),
            gap("**.io_read_count_details", "rate of io_read_count: RabbitMQ's file-handle I/O statistics; Warren's store does not report them yet"),
            gap("**.io_reopen_count", "RabbitMQ's file-handle I/O statistics; Warren's store does not report them yet"),
            gap("**.io_reopen_count_details", "rate of io_reopen_count: RabbitMQ's file-handle I/O statistics; Warren's store does not report them yet"),
            gap("**.io_seek_avg_time", "RabbitMQ's file-handle I/O statistics; Warren's store does not report them yet"),
            gap("**.io_seek_avg_time_details", "rate of io_seek_avg_time: RabbitMQ's file-handle I/O statistics; Warren's store does not report them yet"),
            gap("**.io_seek_count", "RabbitMQ's file-handle I/O statistics; Warren's store does not report them yet"),
            gap("**.io_seek_count_details", "rate of io_seek_count: RabbitMQ's file-handle I/O statistics; Warren's store does not report them yet"),
            gap("**.io_sync_avg_time", "RabbitMQ's file-handle I/O statistics; Warren's store does not report them yet"),
            gap("**.io_sync_avg_time_details", "rate of io_sync_avg_time: RabbitMQ's file-handle I/O statistics; Warren's store does not report them yet"),
            gap("**.io_sync_count", "RabbitMQ's file-handle I/O statistics; Warren's store does not report them yet"),
            gap("**.io_sync_count_details", "rate of io_sync_count: RabbitMQ's file-handle I/O statistics; Warren's store does not report them yet"),
            gap("**.io_write_avg_time", "RabbitMQ's file-handle I/O statistics; Warren's store does not report them yet"),
            gap("**.io_write_avg_time_details", "rate of io_write_avg_time: RabbitMQ's file-handle I/O statistics; Warren's store does not report them yet"),
            gap("**.io_write_bytes", "RabbitMQ's file-handle I/O statistics; Warren's store does not report them yet"),
            gap("**.io_write_bytes_details", "rate of io_write_bytes: RabbitMQ's file-handle I/O statistics; Warren's store does not report them yet"),
            gap("**.io_write_count", "RabbitMQ's file-handle I/O statistics; Warren's store does not report them yet"),
            gap("**.io_write_count_details", "rate of io_write_count: RabbitMQ's file-handle I/O statistics; Warren's store does not report them yet"),
            gap("**.msg_store_read_count", "RabbitMQ's message-store read/write counts; Warren's store does not report them yet"),
            gap("**.msg_store_read_count_details", "rate of msg_store_read_count: RabbitMQ's message-store read/write counts; Warren's store does not report them yet"),
            gap("**.msg_store_write_count", "RabbitMQ's message-store read/write counts; Warren's store does not report them yet"),
            gap("**.msg_store_write_count_details", "rate of msg_store_write_count: RabbitMQ's message-store read/write counts; Warren's store does not report them yet"),
            gap("**.queue_index_read_count", "RabbitMQ's classic-queue index counters, which Warren's store has no equivalent of"),
            gap("**.queue_index_read_count_details", "rate of queue_index_read_count: RabbitMQ's classic-queue index counters, which Warren's store has no equivalent of"),
            gap("**.queue_index_write_count", "RabbitMQ's classic-queue index counters, which Warren's store has no equivalent of"),
            gap("**.queue_index_write_count_details", "rate of queue_index_write_count: RabbitMQ's classic-queue index counters, which Warren's store has no equivalent of"),
            gap("**.run_queue", "length of the Erlang schedulers' run queue"),
            gap("**.context_switches", "Erlang scheduler context switches"),
            gap("**.context_switches_details", "rate of Erlang scheduler context switches"),
            gap("**.gc_num", "Erlang VM garbage collections"),
            gap("**.gc_num_details", "rate of Erlang VM garbage collections"),
            gap("**.gc_bytes_reclaimed", "bytes reclaimed by Erlang VM garbage collections"),
            gap("**.gc_bytes_reclaimed_details", "rate of bytes reclaimed by Erlang VM garbage collections"),
            gap("**.mnesia_ram_tx_count", "Mnesia (Erlang's database) RAM transactions"),
            gap("**.mnesia_ram_tx_count_details", "rate of Mnesia RAM transactions"),
            gap("**.mnesia_disk_tx_count", "Mnesia (Erlang's database) disk transactions"),
            gap("**.mnesia_disk_tx_count_details", "rate of Mnesia disk transactions"),
            gap("**.ra_open_file_metrics", "open files of the Ra (Raft) log, per Ra component"),
            gap("**.metrics_gc_queue_length", "backlog of the Erlang metrics collector processes"),
            gap("**.net_ticktime", "Erlang distribution heartbeat interval"));

    private WarrenShapeGaps() {
    }

    /** True when a field at {@code path} that the reference has may be absent from Warren's answer. */
    public static boolean allowsMissing(String path) {
        return GAPS.stream().anyMatch(gap -> gap.pattern().matches(path));
    }

    private static Gap gap(String glob, String reason) {
        return new Gap(ShapePattern.of(glob), reason);
    }
}
