package io.warren.queue.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * Reads a queue's stored messages forward from a position, in batches, skipping acked ones. It
 * remembers where it stopped: when it reaches what the store has written so far it returns what
 * it has, and a later call continues from there. Reads go through a window of bytes per segment,
 * so a batch of small messages costs a few system calls.
 *
 * <p>Owned by the queue's owner thread, like the {@link QueueLog} it came from. Reads are
 * blocking file reads (usually served from the page cache); a queue whose owner is a Netty event
 * loop should page ahead of need, in modest batches.
 */
public final class MessageCursor implements AutoCloseable {
    private static final int WINDOW = 256 * 1024;

    private final QueueLog log;
    private final CRC32C crc = new CRC32C();
    private SegmentReader reader;
    private int segment;
    private int ordinal;
    private long offset;

    MessageCursor(QueueLog log, int segment, int ordinal, long offset) {
        this.log = log;
        this.segment = segment;
        this.ordinal = ordinal;
        this.offset = offset;
    }

    /**
     * Reads up to {@code maxMessages} live messages, or fewer once {@code maxBytes} of records
     * have been read (at least one message is returned if one is available).
     *
     * @return the messages in log order; empty when nothing more is readable yet
     * @throws StoreException if a file cannot be read or a record fails its checksum
     */
    public List<StoredMessage> next(int maxMessages, long maxBytes) {
        List<StoredMessage> batch = new ArrayList<>(Math.min(maxMessages, 1024));
        long bytes = 0;
        try {
            while (batch.size() < maxMessages && bytes < maxBytes) {
                SegmentState state = log.segmentState(segment);
                if (state == null || offset >= state.readableEnd()) {
                    if (!advanceSegment(state)) {
                        break;
                    }
                    continue;
                }
                long sound = state.skipFrom(offset);
                if (sound != offset) {
                    // Damage recovery found and reported: its records are gone, the ordinals count on after it.
                    offset = sound;
                    continue;
                }
                if (offset >= log.writtenEnd(segment)) {
                    // Appended but still in the store's pending batch: readable after its write.
                    break;
                }
                StoredMessage message = readRecord(state);
                if (message != null) {
                    batch.add(message);
                    bytes += message.position().length();
                }
            }
        } catch (IOException e) {
            throw new StoreException("cannot read segment " + segment + " of " + log.id(), e);
        }
        return batch;
    }

    /** The position the next read starts at (segment, ordinal and offset; length 0). */
    public SegmentPosition position() {
        return new SegmentPosition(segment, ordinal, (int) offset, 0);
    }

    @Override
    public void close() {
        closeReader();
    }

    private StoredMessage readRecord(SegmentState state) throws IOException {
        if (reader == null) {
            reader = openReader();
        }
        if (!reader.fill(offset, RecordFormat.FRAME)) {
            throw new IOException("segment ends before offset " + offset);
        }
        int payload = RecordFormat.payloadLength(reader.window(), reader.indexOf(offset));
        if (payload < 0 || !reader.fill(offset, RecordFormat.FRAME + payload)) {
            throw new IOException("invalid record at offset " + offset);
        }
        int length = RecordFormat.FRAME + payload;
        int at = reader.indexOf(offset);
        if (RecordFormat.verify(reader.window(), at, length, crc) != null) {
            throw new IOException("record at offset " + offset + " fails its checksum");
        }
        SegmentPosition position = new SegmentPosition(segment, ordinal, (int) offset, length);
        StoredMessage message = state.isAcked(ordinal) ? null
                : new StoredMessage(position, RecordFormat.queueSequence(reader.window(), at),
                        RecordFormat.decode(reader.window(), at, length), state.isDelivered(ordinal));
        ordinal++;
        offset += length;
        return message;
    }

    /** @return false if the cursor is at the end of what is readable now */
    private boolean advanceSegment(SegmentState current) {
        if (current != null && !current.sealed()) {
            return false;
        }
        Map.Entry<Integer, SegmentState> next = log.segmentAfter(segment);
        if (next == null) {
            return false;
        }
        closeReader();
        segment = next.getKey();
        ordinal = 0;
        offset = next.getValue().skipFrom(RecordFormat.SEGMENT_HEADER);
        return true;
    }

    private SegmentReader openReader() throws IOException {
        try {
            return new SegmentReader(FileChannel.open(log.segmentFile(segment), StandardOpenOption.READ), WINDOW);
        } catch (NoSuchFileException e) {
            throw new IOException("segment file missing", e);
        }
    }

    private void closeReader() {
        if (reader != null) {
            try {
                reader.close();
            } catch (IOException ignored) {
                // A read-only channel has nothing to lose on close.
            }
            reader = null;
        }
    }
}
