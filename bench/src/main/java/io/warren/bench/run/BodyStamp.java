package io.warren.bench.run;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The first {@value #LENGTH} bytes of every benchmark body: a 4-byte sequence number and the
 * 8-byte {@link System#nanoTime()} at publish, big-endian, as RabbitMQ's PerfTest lays them out
 * (the sequence number is only for someone reading a captured body).
 * Producer and consumer run in the same JVM, so the two nanoTime readings share one clock.
 */
public final class BodyStamp {
    public static final int LENGTH = Integer.BYTES + Long.BYTES;

    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private BodyStamp() {}

    public static void write(byte[] body, int sequence, long publishNanos) {
        INT.set(body, 0, sequence);
        LONG.set(body, Integer.BYTES, publishNanos);
    }

    public static long publishNanos(byte[] body) {
        return (long) LONG.get(body, Integer.BYTES);
    }
}
