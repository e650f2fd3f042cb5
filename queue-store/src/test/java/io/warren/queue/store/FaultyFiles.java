package io.warren.queue.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * Opens real files whose fsync or open can be made to fail, as a disk with I/O errors or a
 * process out of file descriptors does: the bytes go to the real file, only the chosen calls
 * throw. Writes failing for lack of space are tested on a real small tmpfs instead.
 */
final class FaultyFiles implements SegmentWriter.Opener {
    /** Thrown by the next {@code force} calls while set. */
    volatile Supplier<IOException> forceFailure;
    /** Thrown (any Throwable) by the next opens while set. */
    volatile Supplier<Throwable> openFailure;
    volatile int forces;

    @Override
    public FileChannel open(Path path, OpenOption... options) throws IOException {
        Supplier<Throwable> failure = openFailure;
        if (failure != null) {
            Throwable t = failure.get();
            if (t instanceof IOException e) {
                throw e;
            }
            if (t instanceof Error e) {
                throw e;
            }
            throw (RuntimeException) t;
        }
        return new Channel(FileChannel.open(path, options));
    }

    private final class Channel extends FileChannel {
        private final FileChannel real;

        Channel(FileChannel real) {
            this.real = real;
        }

        @Override
        public void force(boolean metaData) throws IOException {
            forces++;
            Supplier<IOException> failure = forceFailure;
            if (failure != null) {
                throw failure.get();
            }
            real.force(metaData);
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return real.read(dst);
        }

        @Override
        public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
            return real.read(dsts, offset, length);
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            return real.write(src);
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
            return real.write(srcs, offset, length);
        }

        @Override
        public long position() throws IOException {
            return real.position();
        }

        @Override
        public FileChannel position(long newPosition) throws IOException {
            real.position(newPosition);
            return this;
        }

        @Override
        public long size() throws IOException {
            return real.size();
        }

        @Override
        public FileChannel truncate(long size) throws IOException {
            real.truncate(size);
            return this;
        }

        @Override
        public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
            return real.transferTo(position, count, target);
        }

        @Override
        public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
            return real.transferFrom(src, position, count);
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            return real.read(dst, position);
        }

        @Override
        public int write(ByteBuffer src, long position) throws IOException {
            return real.write(src, position);
        }

        @Override
        public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
            return real.map(mode, position, size);
        }

        @Override
        public FileLock lock(long position, long size, boolean shared) throws IOException {
            return real.lock(position, size, shared);
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) throws IOException {
            return real.tryLock(position, size, shared);
        }

        @Override
        protected void implCloseChannel() throws IOException {
            real.close();
        }
    }
}
