package io.warren.queue.store;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Sequential positional reads of one segment file through a window of bytes, so that reading
 * many small records costs one system call per window rather than one per record. Only ever
 * reads bytes that were already written: segments are append-only, so a window never goes stale.
 */
final class SegmentReader implements Closeable {
    private final FileChannel channel;
    private byte[] window;
    private long windowStart;
    private int windowLength;
    private long bytesRead;

    SegmentReader(FileChannel channel, int windowSize) {
        this.channel = channel;
        this.window = new byte[windowSize];
    }

    /**
     * Makes {@code length} bytes from {@code offset} available in {@link #window()}.
     *
     * @return false if the file ends before them
     */
    boolean fill(long offset, int length) throws IOException {
        if (offset >= windowStart && offset + length <= windowStart + windowLength) {
            return true;
        }
        if (length > window.length) {
            window = new byte[length];
        }
        windowStart = offset;
        windowLength = 0;
        ByteBuffer target = ByteBuffer.wrap(window);
        while (windowLength < length) {
            int n = channel.read(target, offset + windowLength);
            if (n < 0) {
                break;
            }
            windowLength += n;
            bytesRead += n;
        }
        return windowLength >= length;
    }

    byte[] window() {
        return window;
    }

    /** Where {@code offset} sits in {@link #window()}; valid after a successful {@link #fill}. */
    int indexOf(long offset) {
        return (int) (offset - windowStart);
    }

    long size() throws IOException {
        return channel.size();
    }

    long bytesRead() {
        return bytesRead;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
